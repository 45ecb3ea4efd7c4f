/**
 * One GPT-2 latency twin measured in a process of its own (spawned by latency.ts): load time, RSS
 * added by loading and at its peak, the KV-cache context update, full recompute and the whole keystroke
 * at 256 and 1,024 tokens, and the decode step against the memory-bandwidth bound. JSON on stdout.
 *
 *   node out/bench/latency_twin.js TWIN_DIR
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine } from '../src/engine/engine';
import { round } from '../src/eval/stats';
import { repoRoot } from '../src/eval/paths';
import { benchText, measureContext, measureDecode, THREADS } from './latency_measure';

const KEYSTROKES = Number(process.env.BENCH_TWIN_KEYSTROKES ?? 30);
const RECOMPUTES = Number(process.env.BENCH_TWIN_RECOMPUTES ?? 3);

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: latency_twin.js TWIN_DIR');
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { n_layer: number; n_embd: number; n_positions: number; latency_twin_of?: string };
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const engine = await Engine.load(dir, { threads: THREADS });
  const loadMs = performance.now() - started;
  const rssAfterLoad = process.memoryUsage().rss;
  const text = benchText(repoRoot());
  const contexts: Record<string, unknown>[] = [];
  for (const contextTokens of [256, 1024]) contexts.push(await measureContext(engine, contextTokens, text, KEYSTROKES, RECOMPUTES));
  const decode = await measureDecode(engine, text, 20);
  const row = {
    twinOf: config.latency_twin_of,
    shape: `${config.n_layer} x ${config.n_embd}, ${config.n_positions} positions`,
    modelFile: engine.info.file.replace(repoRoot() + '/', ''),
    threads: THREADS,
    loadMs: round(loadMs, 1),
    rssAddedByLoadMB: round((rssAfterLoad - rssBefore) / 1e6, 1),
    peakRssMB: round(process.resourceUsage().maxRSS / 1024, 1),
    keystrokes: KEYSTROKES,
    contexts,
    ...decode,
  };
  await engine.dispose();
  process.stdout.write(JSON.stringify(row) + '\n');
}

void main().catch((error: unknown) => {
  process.stderr.write(`latency twin failed: ${String(error)}\n`);
  process.exitCode = 1;
});
