/**
 * Where the slow keystrokes go (issue 14): per keystroke, the phases the engine's phase clock
 * records (context update, the word search's model calls and its JavaScript: softmax normalisers,
 * top-k selection, bookkeeping; cache blend; phrase continuation, model and JavaScript), and the IPC
 * round trip through the real worker process. Keystrokes are split into the first after a space
 * (a new context: the slow ones) and the rest (same context, remembered model calls).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine, GENERATION_RESERVE } from '../src/engine/engine';
import { defaultModelDir } from '../src/engine/model_location';
import { repoRoot } from '../src/eval/paths';
import { phaseClock, type Phase } from '../src/engine/phase_clock';
import { likelyNextTexts } from '../src/engine/prepared';
import type { PredictOptions, PredictRequest } from '../src/engine/types';
import { round } from '../src/eval/stats';
import { PredictionClient } from '../src/worker/client';
import { benchText, summary, THREADS } from './latency_measure';

/** The settings a person gets by default (package.json): top-5, phrases of up to 3 words, T = 0. */
export const DEFAULT_KEYSTROKE_OPTIONS: Partial<PredictOptions> = { topK: 5, temperature: 0, maxWords: 3 };
const PHASES: Phase[] = ['contextUpdate', 'searchModel', 'searchJs', 'blend', 'phraseModel', 'phraseJs'];

type Row = Record<Phase | 'total', number>;
type Summary = ReturnType<typeof summary>;

function describe(rows: Row[]): Record<string, unknown> {
  const out: Record<string, unknown> = { n: rows.length };
  for (const key of ['total', ...PHASES] as const) out[key] = summary(rows.map((r) => r[key]));
  return out;
}

/**
 * Types `keystrokes` characters after `contextTokens` tokens of `text` with `options`, and reports
 * the phases of each keystroke. searchJs and phraseJs exclude their model calls. With `prepare`,
 * the engine prepares the likely next answers between keystrokes (Engine.prepare, as the worker
 * does in a pause; a person types a key every 150-300 ms, the preparation takes tens of ms), and
 * then, on a second document, the keystroke after accepting the ghost text (Tab) every fourth keystroke.
 * With `prepare` the engine is also asked the way the worker asks it (predictWords, then finishPhrase):
 * `firstWord` is the time until the words and the ghost text's first word are ready.
 */
export async function measureBreakdown(engine: Engine, contextTokens: number, text: string, keystrokes: number, prepare: boolean, options: Partial<PredictOptions> = DEFAULT_KEYSTROKE_OPTIONS): Promise<Record<string, unknown>> {
  const ids = engine.vocabulary.encode(text);
  const start = engine.vocabulary.decode(ids.slice(0, Math.round(contextTokens * 1.2))).length;
  const docId = `breakdown-${contextTokens}`;
  const tabDoc = `${docId}-tab`;
  const request = (doc: string, upTo: string): PredictRequest => ({ docId: doc, text: upTo, textOffset: 0, options: { ...options, contextTokens } });
  await engine.predict(request(docId, text.slice(0, start)));
  const afterSpace: Row[] = [];
  const inWord: Row[] = [];
  const all: number[] = [];
  const afterTab: number[] = [];
  const prepareMs: number[] = [];
  const firstWord: number[] = [];
  const hitsBefore = engine.preparedHits;
  phaseClock.enabled = true;
  try {
    for (let k = 1; k <= keystrokes; k++) {
      const upTo = text.slice(0, start + k);
      phaseClock.reset();
      // As it is, the engine answers the way the worker asks: the words first, then the phrase.
      const began = performance.now();
      const words = prepare ? await engine.predictWords(request(docId, upTo)) : await engine.predict(request(docId, upTo));
      firstWord.push(performance.now() - began);
      const phrase = words.phrasePending ? await engine.finishPhrase(request(docId, upTo)) : undefined;
      const prediction = { ...words, phrase: phrase ?? words.phrase, latencyMs: performance.now() - began };
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
      all.push(prediction.latencyMs);
      phaseClock.enabled = false;
      if (prepare) {
        const began = performance.now();
        await engine.prepare(request(docId, upTo), prediction);
        prepareMs.push(performance.now() - began);
      }
      phaseClock.enabled = true;
    }
    phaseClock.enabled = false;
    engine.forget(docId);
    // A second pass on its own document, so it does not disturb the first one's remembered calls.
    for (let k = 4; k <= keystrokes; k += 4) {
      const upTo = text.slice(0, start + k);
      const seen = await engine.predict(request(tabDoc, upTo));
      const [tabText] = likelyNextTexts(request(tabDoc, upTo), seen);
      if (prepare) await engine.prepare(request(tabDoc, upTo), seen);
      if (tabText !== undefined) afterTab.push((await engine.predict(request(tabDoc, tabText))).latencyMs);
    }
  } finally {
    phaseClock.enabled = false;
    engine.forget(docId);
    engine.forget(tabDoc);
  }
  return {
    contextTokens,
    prepare,
    normalizeInGraph: engine.normalizesInGraph,
    options,
    wholeKeystroke: summary(all),
    // Until the words (and the ghost text's first word) are ready; the phrase's further words follow.
    firstWord: summary(firstWord),
    keystrokeAfterTab: summary(afterTab),
    preparedHits: engine.preparedHits - hitsBefore,
    // The whole preparation after each keystroke; it must fit the pause before the next one (a
    // person types a key every 150-300 ms; the worker starts after 40 ms of quiet and gives way).
    prepareMs: prepare ? summary(prepareMs) : undefined,
    firstAfterSpace: describe(afterSpace),
    otherKeystrokes: describe(inWord),
  };
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
    // Side by side in one run: the engine as it was (JavaScript softmax, nothing prepared) and as it is.
    const before = await Engine.load(twin.info.directory, { threads, normalizeInGraph: false });
    const was = await measureBreakdown(before, contextTokens, text, BREAKDOWN_KEYSTROKES, false);
    await before.dispose();
    const is = await measureBreakdown(twin, contextTokens, text, BREAKDOWN_KEYSTROKES, true);
    // The word n-gram's share of a keystroke (issue 12: at most 2 ms at p95): the same engine without it.
    const plain = await Engine.load(twin.info.directory, { threads, ngram: false });
    const withoutNgram = await measureBreakdown(plain, contextTokens, text, BREAKDOWN_KEYSTROKES, true);
    await plain.dispose();
    const whole = (r: Record<string, unknown>, q: 'p50' | 'p95'): number => (r.wholeKeystroke as Summary)[q];
    const ratio = (key: 'wholeKeystroke' | 'keystrokeAfterTab', q: 'p50' | 'p95'): number => round((was[key] as Summary)[q] / (is[key] as Summary)[q], 2);
    contexts.push({
      contextTokens,
      before: was,
      after: is,
      speedup: { wholeP50: ratio('wholeKeystroke', 'p50'), wholeP95: ratio('wholeKeystroke', 'p95'), afterTabP50: ratio('keystrokeAfterTab', 'p50'), afterTabP95: ratio('keystrokeAfterTab', 'p95') },
      ngram: { withoutNgram: withoutNgram.wholeKeystroke, addsP50Ms: round(whole(is, 'p50') - whole(withoutNgram, 'p50'), 2), addsP95Ms: round(whole(is, 'p95') - whole(withoutNgram, 'p95'), 2) },
    });
    if (twin !== engine) await twin.dispose();
  }
  const ipc = await measureIpc(root, engine.info.directory, threads, text, Math.min(60, BREAKDOWN_KEYSTROKES));
  return { contexts, ipc, units: 'ms per keystroke; searchJs = normalisers, top-k selection and search bookkeeping in JavaScript' };
}

export { round };

/** `node out/bench/keystroke_breakdown.js`: the breakdown alone, written into latency.json's keystrokeBreakdown. */
async function standalone(): Promise<void> {
  const root = repoRoot();
  const engine = await Engine.load(process.env.BENCH_MODEL ?? defaultModelDir(), { threads: THREADS });
  const twinFor: TwinFor = async (positions) => {
    const dir = join(root, '.cache', `latency-twin-${positions}`);
    const made = spawnSync('/usr/bin/python3', [join(root, 'bench', 'tools', 'make_latency_twin.py'), engine.info.directory, dir, String(positions)], { encoding: 'utf8' });
    return made.status === 0 ? Engine.load(dir, { threads: THREADS }) : undefined;
  };
  const loadBefore = loadavg()[0];
  const report = { ...(await breakdownReport(root, engine, benchText(root), twinFor, THREADS)), loadAverage1m: { before: round(loadBefore, 2), after: round(loadavg()[0], 2) }, cores: cpus().length, measuredAt: new Date().toISOString() };
  await engine.dispose();
  // Into latency.json beside the rest of bench:latency's figures, which are left as they are.
  const file = join(root, 'bench', 'results', 'latency.json');
  const latency = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, JSON.stringify({ ...latency, keystrokeBreakdown: report }, null, 2) + '\n');
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

// Bundled into latency.js too, where `require.main === module` also holds: run only as its own entry.
if (require.main === module && /keystroke_breakdown\.js$/.test(process.argv[1] ?? '')) void standalone();
