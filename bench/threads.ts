/**
 * `threads: 0` picks half the cores (1 on a 2-core machine). Is that the right default? This types
 * the same keystrokes into two engines side by side, one with 1 ONNX Runtime thread and one with 2,
 * alternating which goes first, and writes bench/results/threads.json with each one's whole-
 * keystroke p50/p95 (topK 5, a 3-word phrase, the extension's defaults) and their ratio.
 * Env: BENCH_MODEL=DIR, BENCH_KEYSTROKES (200), BENCH_CONTEXT_TOKENS (256).
 * Run it on quiet cores (pause other work): `npm run bench:threads`. The report records the load average.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/engine';
import { repoRoot } from '../src/eval/paths';
import { benchText, summary } from './latency_measure';

const KEYS = Number(process.env.BENCH_KEYSTROKES ?? 200);
const CONTEXT = Number(process.env.BENCH_CONTEXT_TOKENS ?? 256);

async function main(): Promise<void> {
  const root = repoRoot();
  const loadBefore = loadavg()[0];
  const modelDir = process.env.BENCH_MODEL ?? join(root, 'models', 'prose-gpt2');
  const text = benchText(root);
  const engines = { 1: await Engine.load(modelDir, { threads: 1 }), 2: await Engine.load(modelDir, { threads: 2 }) };
  const ids = engines[1].vocabulary.encode(text);
  const start = engines[1].vocabulary.decode(ids.slice(0, Math.round(CONTEXT * 1.2))).length;
  const ms: Record<1 | 2, number[]> = { 1: [], 2: [] };
  const options = { topK: 5, temperature: 0, maxWords: 3, contextTokens: CONTEXT };
  for (const n of [1, 2] as const) await engines[n].predict({ docId: 'warm', text: text.slice(0, start), textOffset: 0, options });
  for (let k = 1; k <= KEYS; k++) {
    const upTo = text.slice(0, start + k);
    // Alternate the order so that neither engine always runs on a cache the other just warmed.
    for (const n of k % 2 === 0 ? ([1, 2] as const) : ([2, 1] as const)) {
      const p = await engines[n].predict({ docId: 'typing', text: upTo, textOffset: 0, options });
      ms[n].push(p.latencyMs);
    }
  }
  const one = summary(ms[1]);
  const two = summary(ms[2]);
  const report = {
    model: engines[1].info.name,
    cores: cpus().length,
    // Other work on the machine while measuring: the figures are only as quiet as this.
    loadAverage1m: { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadavg()[0] * 100) / 100 },
    keystrokes: KEYS,
    contextTokens: CONTEXT,
    options,
    threads1Ms: one,
    threads2Ms: two,
    ratioP50: Math.round((two.p50 / one.p50) * 1000) / 1000,
    ratioP95: Math.round((two.p95 / one.p95) * 1000) / 1000,
    note: 'ratio = 2 threads / 1 thread; below 1 means 2 threads are faster',
    measuredAt: new Date().toISOString(),
  };
  for (const e of Object.values(engines)) await e.dispose();
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'threads.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(JSON.stringify(report, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
