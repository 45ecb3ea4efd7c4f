/**
 * Per-keystroke latency with the KV cache against full recomputation, measured side by side in one
 * run because these machines are noisy. Writes bench/results/latency.json.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { Engine, GENERATION_RESERVE } from '../src/engine/engine';
import { defaultModelDir } from '../src/engine/model_location';
import { percentile, round } from '../src/eval/stats';
import { repoRoot } from '../src/eval/paths';

const CONTEXTS = [64, 256, 1024];
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 120);
const RECOMPUTES = Number(process.env.BENCH_RECOMPUTES ?? 12);

function benchText(root: string): string {
  const dir = join(root, 'bench', 'heldout');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')).sort() : [];
  const text = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n\n');
  if (text.length > 20_000) return text;
  return readFileSync(join(root, 'README.md'), 'utf8').repeat(8);
}

/** memcpy bandwidth of this machine, the ceiling for reading weights once per token. */
function memcpyBytesPerSecond(): number {
  const size = 256 * 1024 * 1024;
  const source = Buffer.alloc(size, 1);
  const target = Buffer.alloc(size);
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    source.copy(target);
    best = Math.min(best, performance.now() - started);
  }
  return size / (best / 1000);
}

function summary(values: number[]): { p50: number; p95: number; mean: number; n: number } {
  return { p50: round(percentile(values, 50), 3), p95: round(percentile(values, 95), 3), mean: round(values.reduce((a, b) => a + b, 0) / values.length, 3), n: values.length };
}

/**
 * The embedded model was trained with fewer positions than the longest context measured here. Its
 * twin runs exactly the same operations per token, so its timings are the model's timings.
 */
async function latencyTwin(root: string, engine: Engine, positions: number): Promise<Engine | undefined> {
  const dir = join(root, '.cache', `latency-twin-${positions}`);
  const made = spawnSync('/usr/bin/python3', [join(root, 'bench', 'tools', 'make_latency_twin.py'), engine.info.directory, dir, String(positions)], { encoding: 'utf8' });
  if (made.status !== 0) {
    process.stderr.write(`latency twin not built: ${made.stderr || made.error?.message}\n`);
    return undefined;
  }
  return Engine.load(dir, { threads: Number(process.env.BENCH_THREADS ?? 2) });
}

async function measureContext(engine: Engine, contextTokens: number, text: string): Promise<Record<string, unknown>> {
  // Start typing after enough text to fill the window, then type character by character.
  const ids = engine.vocabulary.encode(text);
  const startChars = engine.vocabulary.decode(ids.slice(0, Math.round(contextTokens * 1.2))).length;
  const docId = `bench-${contextTokens}`;
  const stepMs: number[] = [];
  const keystrokeMs: number[] = [];
  const recomputeMs: number[] = [];
  const contextSizes: number[] = [];
  let fedTotal = 0;
  await engine.contextLogits(docId, text.slice(0, startChars), contextTokens);
  for (let k = 1; k <= KEYSTROKES; k++) {
    const upTo = text.slice(0, startChars + k);
    const started = performance.now();
    const step = await engine.contextLogits(docId, upTo, contextTokens);
    stepMs.push(performance.now() - started);
    fedTotal += step.fed;
    contextSizes.push(step.entry.ids.length);
    // Its own document: the context-update measurement above feeds the partial word, which predict never does.
    const prediction = await engine.predict({ docId: `${docId}-keys`, text: upTo, textOffset: 0, options: { topK: 3, temperature: 0, maxWords: 1, contextTokens } });
    keystrokeMs.push(prediction.latencyMs);
    if (k % Math.ceil(KEYSTROKES / RECOMPUTES) === 0) {
      const full = performance.now();
      await engine.logitsWithoutCache(step.entry.ids);
      recomputeMs.push(performance.now() - full);
    }
  }
  engine.forget(docId);
  engine.forget(`${docId}-keys`);
  const cached = summary(stepMs);
  const recompute = summary(recomputeMs);
  return {
    contextTokens,
    meanContextTokens: round(contextSizes.reduce((a, b) => a + b, 0) / contextSizes.length, 1),
    tokensFedPerKeystroke: round(fedTotal / KEYSTROKES, 3),
    contextUpdateWithCacheMs: cached,
    fullRecomputeMs: recompute,
    cacheSpeedup: round(recompute.p50 / cached.p50, 2),
    keystrokeTop3Ms: summary(keystrokeMs),
  };
}

async function main(): Promise<void> {
  const root = repoRoot();
  const modelDir = process.env.BENCH_MODEL ?? defaultModelDir();
  const loadStarted = performance.now();
  const engine = await Engine.load(modelDir, { threads: Number(process.env.BENCH_THREADS ?? 2) });
  const loadMs = performance.now() - loadStarted;
  const text = benchText(root);
  const results: Record<string, unknown>[] = [];

  for (const contextTokens of CONTEXTS) {
    if (contextTokens + GENERATION_RESERVE <= engine.info.nPositions) {
      results.push(await measureContext(engine, contextTokens, text));
      continue;
    }
    const twin = await latencyTwin(root, engine, contextTokens + GENERATION_RESERVE);
    if (!twin) {
      results.push({ contextTokens, skipped: `the model's n_positions is ${engine.info.nPositions} and no latency twin could be built` });
      continue;
    }
    results.push({ ...(await measureContext(twin, contextTokens, text)), measuredOn: `latency twin: the same graph and weights with the position table tiled to ${twin.info.nPositions} (the model was trained with ${engine.info.nPositions})` });
    await twin.dispose();
  }

  // One decoding step on a short context: the cost of reading every weight once.
  const decodeMs: number[] = [];
  const base = engine.vocabulary.encode(text.slice(0, 400));
  for (let i = 0; i < 30; i++) {
    await engine.contextLogits('decode', text.slice(0, 400), 1024);
    const started = performance.now();
    await engine.contextLogits('decode', text.slice(0, 400) + ' the', 1024);
    decodeMs.push(performance.now() - started);
    engine.forget('decode');
  }
  const bandwidth = memcpyBytesPerSecond();
  const weightBytes = statSync(engine.info.file).size;
  const boundMs = (weightBytes / bandwidth) * 1000;
  const decode = summary(decodeMs);
  const report = {
    model: engine.info.name,
    modelFile: engine.info.file.replace(root + '/', ''),
    modelBytes: weightBytes,
    contextTokensAtDecode: base.length + 2,
    loadMs: round(loadMs, 1),
    threads: Number(process.env.BENCH_THREADS ?? 2),
    keystrokes: KEYSTROKES,
    contexts: results,
    decodeStepMs: decode,
    memcpyGBps: round(bandwidth / 1e9, 2),
    bandwidthBoundMs: round(boundMs, 3),
    decodeOverBound: round(decode.p50 / boundMs, 2),
    peakRssMB: round(process.resourceUsage().maxRSS / 1024, 1),
    cache: engine.cacheStats(),
    measuredAt: new Date().toISOString(),
  };
  await engine.dispose();
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'latency.json'), JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

void main().catch((error: unknown) => {
  process.stderr.write(`bench:latency failed: ${String(error)}\n`);
  process.exitCode = 1;
});
