/**
 * The measurements bench:latency makes on one engine, shared by the embedded model's run
 * (latency.ts) and the GPT-2 latency twins' child processes (latency_twin.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Engine } from '../src/engine/engine';
import { percentile, round } from '../src/eval/stats';

export const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 120);
export const RECOMPUTES = Number(process.env.BENCH_RECOMPUTES ?? 12);
export const THREADS = Number(process.env.BENCH_THREADS ?? 2);

export function benchText(root: string): string {
  const dir = join(root, 'bench', 'heldout');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')).sort() : [];
  const text = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n\n');
  if (text.length > 20_000) return text;
  return readFileSync(join(root, 'README.md'), 'utf8').repeat(8);
}

/** memcpy bandwidth of this machine, the ceiling for reading weights once per token. */
export function memcpyBytesPerSecond(): number {
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

export function summary(values: number[]): { p50: number; p95: number; mean: number; n: number } {
  return { p50: round(percentile(values, 50), 3), p95: round(percentile(values, 95), 3), mean: round(values.reduce((a, b) => a + b, 0) / values.length, 3), n: values.length };
}

/** Types `keystrokes` characters after `contextTokens` tokens of `text`; a full recompute every so often. */
export async function measureContext(engine: Engine, contextTokens: number, text: string, keystrokes = KEYSTROKES, recomputes = RECOMPUTES): Promise<Record<string, unknown>> {
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
  for (let k = 1; k <= keystrokes; k++) {
    const upTo = text.slice(0, startChars + k);
    const started = performance.now();
    const step = await engine.contextLogits(docId, upTo, contextTokens);
    stepMs.push(performance.now() - started);
    fedTotal += step.fed;
    contextSizes.push(step.entry.ids.length);
    // Its own document: the context-update measurement above feeds the partial word, which predict never does.
    const prediction = await engine.predict({ docId: `${docId}-keys`, text: upTo, textOffset: 0, options: { topK: 3, temperature: 0, maxWords: 1, contextTokens } });
    keystrokeMs.push(prediction.latencyMs);
    if (k % Math.ceil(keystrokes / recomputes) === 0) {
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
    tokensFedPerKeystroke: round(fedTotal / keystrokes, 3),
    contextUpdateWithCacheMs: cached,
    fullRecomputeMs: recompute,
    cacheSpeedup: round(recompute.p50 / cached.p50, 2),
    keystrokeTop3Ms: summary(keystrokeMs),
  };
}

/**
 * One decoding step on a short context, the cost of reading every weight once, against the
 * memory-bandwidth bound (model file bytes / memcpy bandwidth).
 */
export async function measureDecode(engine: Engine, text: string, steps = 30): Promise<Record<string, unknown>> {
  const decodeMs: number[] = [];
  const base = engine.vocabulary.encode(text.slice(0, 400));
  for (let i = 0; i < steps; i++) {
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
  return {
    modelBytes: weightBytes,
    contextTokensAtDecode: base.length + 2,
    decodeStepMs: decode,
    memcpyGBps: round(bandwidth / 1e9, 2),
    bandwidthBoundMs: round(boundMs, 3),
    decodeOverBound: round(decode.p50 / boundMs, 2),
  };
}
