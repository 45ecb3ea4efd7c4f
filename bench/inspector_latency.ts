/**
 * Does the Inspector panel slow typing? Keystroke round trips through the real worker process
 * (PredictionClient, as the extension host uses it), typed at a steady cadence, in three modes
 * measured back to back on the same text:
 *   off       - no panel;
 *   panel     - the panel's behaviour: an inspection 100 ms after the last keystroke, attention
 *               only after a 400 ms pause (typing pauses every 25 keystrokes, in every mode);
 *   every-key - stress: an inspection sent with every keystroke, before its prediction.
 * Writes bench/results/inspector-latency.json. Env: BENCH_MODEL, BENCH_KEYSTROKES (default 150),
 * BENCH_CADENCE_MS (default 120, about 100 words a minute), BENCH_THREADS.
 */
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultModelDir } from '../src/engine/model_location';
import type { InspectOptions } from '../src/engine/inspect';
import { percentile, round } from '../src/eval/stats';
import { repoRoot } from '../src/eval/paths';
import { PredictionClient } from '../src/worker/client';
import { ATTENTION_PAUSE_MS, INSPECTOR_DEBOUNCE_MS } from '../src/extension/inspector/view';

const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 150);
const CADENCE_MS = Number(process.env.BENCH_CADENCE_MS ?? 120);
const OPTIONS = { topK: 5, temperature: 0, maxWords: 3, contextTokens: 256 };
type Mode = 'off' | 'panel' | 'every-key';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function summary(values: number[]): { p50: number; p95: number; max: number; mean: number; n: number } {
  if (values.length === 0) return { p50: NaN, p95: NaN, max: NaN, mean: NaN, n: 0 };
  return { p50: round(percentile(values, 50), 2), p95: round(percentile(values, 95), 2), max: round(Math.max(...values), 2), mean: round(values.reduce((a, b) => a + b, 0) / values.length, 2), n: values.length };
}

function benchText(root: string): string {
  const file = join(root, 'bench', 'heldout', 'sotu-1922-harding.txt');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : readFileSync(join(root, 'README.md'), 'utf8');
  return text.replace(/\s+/g, ' ');
}

async function typeWith(client: PredictionClient, mode: Mode, text: string, start: number): Promise<{ keystrokeMs: number[]; inspectMs: number[]; inspections: number }> {
  const docId = `inspector-bench-${mode}`;
  const keystrokeMs: number[] = [];
  const inspectMs: number[] = [];
  let inspections = 0;
  let timer: NodeJS.Timeout | undefined;
  let attentionTimer: NodeJS.Timeout | undefined;
  const inspect = (upTo: string, attention = true): void => {
    // As the panel: the ghost text's prediction for this cursor is already in the extension host.
    const options: InspectOptions = { ...OPTIONS, previewTemperature: 0.8, show: 20, attention, candidates: false };
    const sent = performance.now();
    inspections++;
    void client.inspect({ docId, text: upTo, textOffset: 0, options }).then((r) => {
      if (r) inspectMs.push(performance.now() - sent);
    });
  };
  await client.predict({ docId, text: text.slice(0, start), textOffset: 0, options: OPTIONS });
  for (let k = 1; k <= KEYSTROKES; k++) {
    const upTo = text.slice(0, start + k);
    const keyAt = performance.now();
    if (mode === 'every-key') inspect(upTo);
    const started = performance.now();
    await client.predict({ docId, text: upTo, textOffset: 0, options: OPTIONS });
    keystrokeMs.push(performance.now() - started);
    if (mode === 'panel') {
      // The panel's schedule (inspector/panel.ts): attention only once typing pauses.
      clearTimeout(timer);
      clearTimeout(attentionTimer);
      timer = setTimeout(() => inspect(upTo, false), INSPECTOR_DEBOUNCE_MS);
      attentionTimer = setTimeout(() => inspect(upTo, true), ATTENTION_PAUSE_MS);
    }
    // Now and then a pause, as people make: the panel then also computes attention.
    if (k % 25 === 0) await sleep(ATTENTION_PAUSE_MS + 200);
    await sleep(Math.max(0, CADENCE_MS - (performance.now() - keyAt)));
  }
  clearTimeout(timer);
  clearTimeout(attentionTimer);
  await sleep(300);
  return { keystrokeMs, inspectMs, inspections };
}

async function main(): Promise<void> {
  const root = repoRoot();
  const modelDir = process.env.BENCH_MODEL ?? defaultModelDir();
  const client = new PredictionClient({ workerPath: join(root, 'out', 'worker.js'), modelDir, threads: Number(process.env.BENCH_THREADS ?? 2) });
  const model = await client.start();
  const text = benchText(root);
  const modes: Record<string, unknown> = {};
  try {
    // Warm up the worker, the attention graph and the word search before measuring.
    await typeWith(client, 'every-key', text, 200);
    const rounds: Record<Mode, { keystrokeMs: number[]; inspectMs: number[]; inspections: number }> = {
      off: { keystrokeMs: [], inspectMs: [], inspections: 0 },
      panel: { keystrokeMs: [], inspectMs: [], inspections: 0 },
      'every-key': { keystrokeMs: [], inspectMs: [], inspections: 0 },
    };
    // Interleaved rounds so that a noisy neighbour hurts every mode alike.
    for (let round = 0; round < 3; round++) {
      for (const mode of ['off', 'panel', 'every-key'] as Mode[]) {
        const r = await typeWith(client, mode, text, 1200 + round * 600);
        rounds[mode].keystrokeMs.push(...r.keystrokeMs);
        rounds[mode].inspectMs.push(...r.inspectMs);
        rounds[mode].inspections += r.inspections;
      }
    }
    for (const [mode, r] of Object.entries(rounds)) {
      modes[mode] = { keystrokeRoundTripMs: summary(r.keystrokeMs), inspectionsSent: r.inspections, inspectionsAnswered: r.inspectMs.length, inspectionRoundTripMs: summary(r.inspectMs) };
    }
  } finally {
    client.dispose();
  }
  const report = {
    what: 'Keystroke round trip (extension host -> worker -> answer) with the Inspector off, as the panel asks (debounced), and with an inspection on every keystroke.',
    model: model.name,
    nLayer: model.nLayer,
    // Third-party exports may ship model_attn.onnx; the embedded model's attention is derived from model.onnx on first use.
    attentionSource: existsSync(join(modelDir, 'model_attn.onnx')) ? 'model_attn.onnx' : 'derived from model.onnx',
    cadenceMs: CADENCE_MS,
    keystrokesPerRound: KEYSTROKES,
    rounds: 3,
    debounceMs: INSPECTOR_DEBOUNCE_MS,
    options: OPTIONS,
    modes,
    date: new Date().toISOString(),
  };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'inspector-latency.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(JSON.stringify(report, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
