/**
 * Where the slow keystrokes go (issue 14): per keystroke, the phases the engine's phase clock
 * records (context update, the word search's model calls and its JavaScript: softmax normalisers,
 * top-k selection, bookkeeping; cache blend; phrase continuation, model and JavaScript), and the IPC
 * round trip through the real worker process. Keystrokes are split into the first after a space
 * (a new context: the slow ones) and the rest (same context, remembered model calls).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine, GENERATION_RESERVE } from '../src/engine/engine';
import { defaultModelDir } from '../src/engine/model_location';
import { repoRoot } from '../src/eval/paths';
import { phaseClock, type Phase } from '../src/engine/phase_clock';
import type { PredictOptions } from '../src/engine/types';
import { round } from '../src/eval/stats';
import { PredictionClient } from '../src/worker/client';
import { benchText, summary, THREADS } from './latency_measure';

/** The settings a person gets by default (package.json): top-5, phrases of up to 3 words, T = 0. */
export const DEFAULT_KEYSTROKE_OPTIONS: Partial<PredictOptions> = { topK: 5, temperature: 0, maxWords: 3 };
const PHASES: Phase[] = ['contextUpdate', 'searchModel', 'searchJs', 'blend', 'phraseModel', 'phraseJs'];

type Row = Record<Phase | 'total', number>;

function describe(rows: Row[]): Record<string, unknown> {
  const out: Record<string, unknown> = { n: rows.length };
  for (const key of ['total', ...PHASES] as const) out[key] = summary(rows.map((r) => r[key]));
  return out;
}

/**
 * Types `keystrokes` characters after `contextTokens` tokens of `text` with `options`, and reports
 * the phases of each keystroke. searchJs and phraseJs exclude their model calls.
 */
export async function measureBreakdown(engine: Engine, contextTokens: number, text: string, keystrokes: number, options: Partial<PredictOptions> = DEFAULT_KEYSTROKE_OPTIONS): Promise<Record<string, unknown>> {
  const ids = engine.vocabulary.encode(text);
  const start = engine.vocabulary.decode(ids.slice(0, Math.round(contextTokens * 1.2))).length;
  const docId = `breakdown-${contextTokens}`;
  await engine.predict({ docId, text: text.slice(0, start), textOffset: 0, options: { ...options, contextTokens } });
  const afterSpace: Row[] = [];
  const inWord: Row[] = [];
  phaseClock.enabled = true;
  try {
    for (let k = 1; k <= keystrokes; k++) {
      const upTo = text.slice(0, start + k);
      phaseClock.reset();
      const prediction = await engine.predict({ docId, text: upTo, textOffset: 0, options: { ...options, contextTokens } });
      const t = (p: Phase): number => phaseClock.totals.get(p) ?? 0;
      const row: Row = {
        total: prediction.latencyMs,
        contextUpdate: t('contextUpdate'),
        searchModel: t('searchModel'),
        searchJs: Math.max(0, t('searchJs') - t('searchModel')),
        blend: t('blend'),
        phraseModel: t('phraseModel'),
        phraseJs: Math.max(0, t('phraseJs') - t('phraseModel')),
      };
      (/\s$/.test(upTo) ? afterSpace : inWord).push(row);
    }
  } finally {
    phaseClock.enabled = false;
    engine.forget(docId);
  }
  return { contextTokens, options, firstAfterSpace: describe(afterSpace), otherKeystrokes: describe(inWord) };
}

/**
 * The IPC cost: the worker round trip as the extension sees it minus the engine's own latency,
 * through a real worker process with the same model.
 */
export async function measureIpc(root: string, modelDir: string, threads: number, text: string, keystrokes: number): Promise<Record<string, unknown>> {
  const client = new PredictionClient({ workerPath: join(root, 'out', 'worker.js'), modelDir, threads });
  try {
    await client.start();
    const start = 600;
    const roundTrip: number[] = [];
    const ipc: number[] = [];
    await client.predict({ docId: 'ipc', text: text.slice(0, start), textOffset: 0, options: DEFAULT_KEYSTROKE_OPTIONS });
    for (let k = 1; k <= keystrokes; k++) {
      const sent = performance.now();
      const prediction = await client.predict({ docId: 'ipc', text: text.slice(0, start + k), textOffset: 0, options: DEFAULT_KEYSTROKE_OPTIONS });
      const elapsed = performance.now() - sent;
      roundTrip.push(elapsed);
      if (prediction) ipc.push(elapsed - prediction.latencyMs);
    }
    return { keystrokes, roundTripMs: summary(roundTrip), ipcMs: summary(ipc), note: 'ipcMs = round trip - engine latencyMs: serialisation, the pipe, the worker queue' };
  } finally {
    client.dispose();
  }
}

/** Engines for the context sizes the embedded model cannot hold itself (latency twins). */
export type TwinFor = (positions: number) => Promise<Engine | undefined>;

export const BREAKDOWN_CONTEXTS = [256, 1024];
export const BREAKDOWN_KEYSTROKES = Number(process.env.BENCH_BREAKDOWN_KEYSTROKES ?? 80);

/** The breakdown at each context size, then the IPC cost; rounded for latency.json. */
export async function breakdownReport(root: string, engine: Engine, text: string, twinFor: TwinFor, threads: number): Promise<Record<string, unknown>> {
  const contexts: Record<string, unknown>[] = [];
  for (const contextTokens of BREAKDOWN_CONTEXTS) {
    const fits = contextTokens + GENERATION_RESERVE <= engine.info.nPositions;
    const twin = fits ? engine : await twinFor(contextTokens + GENERATION_RESERVE);
    if (!twin) {
      contexts.push({ contextTokens, skipped: 'no latency twin' });
      continue;
    }
    contexts.push(await measureBreakdown(twin, contextTokens, text, BREAKDOWN_KEYSTROKES));
    if (twin !== engine) await twin.dispose();
  }
  const ipc = await measureIpc(root, engine.info.directory, threads, text, Math.min(60, BREAKDOWN_KEYSTROKES));
  return { contexts, ipc, units: 'ms per keystroke; searchJs = normalisers, top-k selection and search bookkeeping in JavaScript' };
}

export { round };

/** `node out/bench/keystroke_breakdown.js`: the breakdown alone, printed (latency.json is not touched). */
async function standalone(): Promise<void> {
  const root = repoRoot();
  const engine = await Engine.load(process.env.BENCH_MODEL ?? defaultModelDir(), { threads: THREADS });
  const twinFor: TwinFor = async (positions) => {
    const dir = join(root, '.cache', `latency-twin-${positions}`);
    const made = spawnSync('/usr/bin/python3', [join(root, 'bench', 'tools', 'make_latency_twin.py'), engine.info.directory, dir, String(positions)], { encoding: 'utf8' });
    return made.status === 0 ? Engine.load(dir, { threads: THREADS }) : undefined;
  };
  const report = await breakdownReport(root, engine, benchText(root), twinFor, THREADS);
  await engine.dispose();
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

if (require.main === module) void standalone();
