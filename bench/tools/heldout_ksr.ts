/**
 * Keystroke savings of a few engines on every held-out text, without touching bench/results: for
 * comparing two models or the n-gram's effect (gpt2 vs gpt2-nongram) while `npm run bench` keeps
 * the published figures. Prints per-text KSR and the margins over presage-corpus, writes all reports.
 *
 *   npx esbuild bench/tools/heldout_ksr.ts --bundle --platform=node --outfile=out/bench/tools/heldout_ksr.js \
 *     --external:onnxruntime-node && node out/bench/tools/heldout_ksr.js --engines gpt2,gpt2-nongram,presage-corpus \
 *     --words-per-text 150 --out /tmp/ksr.json [--model DIR] [--heldout DIR]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ENGINE_NAMES, type EngineName } from '../../src/eval/engines';
import { perTextMargins } from '../../src/eval/goal';
import { repoRoot } from '../../src/eval/paths';
import { runEvaluation, type EvalReport } from '../../src/eval/run_eval';
import { perTextTable, resultsTable } from '../../src/eval/summary_md';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      engines: { type: 'string', default: 'gpt2,gpt2-nongram,presage-corpus' },
      'words-per-text': { type: 'string', default: '150' },
      out: { type: 'string' },
      model: { type: 'string' },
      heldout: { type: 'string' },
    },
  });
  const dir = values.heldout ?? join(repoRoot(), 'bench', 'heldout');
  const texts = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  const engines = values.engines.split(',');
  for (const e of engines) if (!(ENGINE_NAMES as readonly string[]).includes(e)) throw new Error(`unknown engine ${e}`);
  const reports: EvalReport[] = [];
  for (const engine of engines as EngineName[]) {
    reports.push(await runEvaluation({
      engine, texts, suggestionCounts: [1, 3, 6], wordMode: 'presage', maxWordsPerText: Number(values['words-per-text']),
      modelDir: values.model, temperature: 0, allowCorpusBuild: true, log: (l) => console.error(l),
    }));
  }
  if (values.out) writeFileSync(values.out, JSON.stringify(reports, null, 2) + '\n');
  console.log(resultsTable(reports, [1, 3, 6]));
  console.log('');
  console.log(perTextTable(reports, [1, 3]));
  const ours = reports.find((r) => r.engine === 'gpt2');
  const fair = reports.find((r) => r.engine === 'presage-corpus');
  if (ours && fair) console.log('\n' + perTextMargins(ours, fair));
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
