/**
 * The model worker's entry point. It is a child process, not a worker thread: a native crash in
 * ONNX Runtime (a segfault or abort in C++) kills only this process, and the extension host, which
 * shares an address space with every worker thread it starts, stays up and restarts us.
 */
import { AttentionSource } from '../engine/attention_session';
import { Engine } from '../engine/engine';
import { inspect } from '../engine/inspect';
import { EngineError, describeError } from '../engine/errors';
import type { ErrorCode, PersonalWord, WorkerRequest, WorkerResponse } from './protocol';
import { LatestOnlyQueue } from './request_queue';
import type { Prediction } from '../engine/types';
import { Yielded } from '../engine/prepared';

type PredictRequest = Extract<WorkerRequest, { kind: 'predict' }>;
type InspectRequest = Extract<WorkerRequest, { kind: 'inspect' }>;

let engine: Engine | undefined;
let personalWords: PersonalWord[] = [];
/**
 * One request at a time reaches the engine, and the next is taken from the queues only when the
 * engine is free: that is what lets a newer keystroke supersede a waiting one before any model work
 * is spent on it (Engine.predict's own queue would run every request it is handed).
 */
let busy = false;
/**
 * Drops superseded keystrokes before they cost model time. The client drops stale answers too:
 * answers cross new requests in the pipe, so only the sender knows which answer is the newest.
 */
const queue = new LatestOnlyQueue<PredictRequest>();
/** Inspector requests wait behind every prediction; the attention graph opens on the first one. */
const inspections = new LatestOnlyQueue<InspectRequest>();
let attention: AttentionSource | undefined;
/** The last answer, whose likely successors are prepared once typing pauses (prepareNext). */
let nextToPrepare: { request: PredictRequest; prediction: Prediction } | undefined;
let prepareTimer: NodeJS.Timeout | undefined;
/** The prediction the engine is working on, and whether the extension cancelled it meanwhile. */
let running: number | undefined;
let runningCancelled = false;
const PREPARE_AFTER_MS = 40;

function send(message: WorkerResponse): void {
  process.send?.(message);
}

function errorCode(error: unknown): ErrorCode {
  return error instanceof EngineError ? error.code : 'internal';
}

async function load(request: Extract<WorkerRequest, { kind: 'load' }>): Promise<void> {
  try {
    // Load the new model before dropping the old one, so a bad choice keeps the keyboard working.
    const next = await Engine.load(request.modelDir, { threads: request.threads });
    const previous = engine;
    const previousAttention = attention;
    next.setPersonalWords(personalWords);
    engine = next;
    attention = new AttentionSource(next.info.directory, next.info, request.threads);
    send({ kind: 'loaded', id: request.id, model: next.info });
    await previous?.dispose();
    await previousAttention?.dispose();
  } catch (error) {
    send({ kind: 'error', id: request.id, code: errorCode(error), message: describeError(error) });
  }
}

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    for (;;) {
      const request = queue.take();
      if (!request) {
        // Only when no keystroke is waiting: the panel must never delay the ghost text.
        const inspection = inspections.take();
        if (!inspection) break;
        await runInspection(inspection);
        continue;
      }
      if (!engine) {
        send({ kind: 'error', id: request.id, code: 'not-loaded', message: 'No model is loaded yet.' });
        continue;
      }
      try {
        // The words first; the phrase after, only while no keystroke waits (it would supersede it).
        // A newer keystroke of this document, or a cancel, makes this one stale: stop between model calls.
        running = request.id;
        runningCancelled = false;
        const prediction = await engine.predictWords(request, () => runningCancelled || queue.has(request.docId));
        send({ kind: 'prediction', id: request.id, prediction });
        let whole = prediction;
        if (prediction.phrasePending && queue.size === 0) {
          const phrase = await engine.finishPhrase(request, () => runningCancelled || queue.size > 0);
          if (phrase !== undefined) {
            // Nothing to grow when no further word was confident enough.
            if (phrase !== prediction.phrase) send({ kind: 'phrase', id: request.id, phrase });
            whole = { ...prediction, phrase, phrasePending: false };
          }
        }
        nextToPrepare = { request, prediction: whole };
      } catch (error) {
        if (error instanceof Yielded) send({ kind: 'cancelled', id: request.id });
        else send({ kind: 'error', id: request.id, code: errorCode(error), message: describeError(error) });
      } finally {
        running = undefined;
      }
    }
  } finally {
    busy = false;
  }
  if (nextToPrepare && queue.size === 0) prepareTimer = setTimeout(() => void prepareNext(), PREPARE_AFTER_MS);
}

/**
 * A pause in typing: prepare the likely next answer (Engine.prepare), giving way between model calls
 * as soon as a keystroke arrives. Only after PREPARE_AFTER_MS of quiet: a person types a key every
 * 150-300 ms, while inside a fast burst the work would only be thrown away.
 */
async function prepareNext(): Promise<void> {
  const next = nextToPrepare;
  nextToPrepare = undefined;
  if (!next || !engine || busy || queue.size > 0) return;
  busy = true;
  try {
    await engine.prepare(next.request, next.prediction, () => queue.size > 0);
  } finally {
    busy = false;
    if (queue.size > 0 || inspections.size > 0) void drain();
  }
}

async function runInspection(request: InspectRequest): Promise<void> {
  if (!engine) {
    send({ kind: 'error', id: request.id, code: 'not-loaded', message: 'No model is loaded yet.' });
    return;
  }
  const source = attention;
  try {
    // A keystroke that arrives meanwhile wins: the inspection gives up and the panel asks again later.
    const inspection = await inspect(engine, request, source && ((ids) => source.rows(ids)), () => queue.size > 0);
    send(inspection ? { kind: 'inspection', id: request.id, inspection } : { kind: 'cancelled', id: request.id });
  } catch (error) {
    send({ kind: 'error', id: request.id, code: errorCode(error), message: describeError(error) });
  }
}

function handle(request: WorkerRequest): void {
  switch (request.kind) {
    case 'load':
      void load(request);
      return;
    case 'predict': {
      clearTimeout(prepareTimer);
      const superseded = queue.enqueue(request);
      if (superseded) send({ kind: 'cancelled', id: superseded.id });
      // Yield once so that messages already waiting in the pipe can supersede this one.
      setImmediate(() => void drain());
      return;
    }
    case 'inspect': {
      const superseded = inspections.enqueue(request);
      if (superseded) send({ kind: 'cancelled', id: superseded.id });
      setImmediate(() => void drain());
      return;
    }
    case 'cancel': {
      if (request.id === running) runningCancelled = true;
      const removed = queue.remove(request.id) ?? inspections.remove(request.id);
      if (removed) send({ kind: 'cancelled', id: removed.id });
      return;
    }
    case 'forget':
      engine?.forget(request.docId);
      return;
    case 'personal-words':
      personalWords = request.words;
      engine?.setPersonalWords(personalWords);
      return;
    case 'stats': {
      const stats = engine?.cacheStats() ?? { documents: 0, bytes: 0, budgetBytes: 0 };
      send({ kind: 'stats', id: request.id, stats: { ...stats, rssBytes: process.memoryUsage().rss } });
      return;
    }
  }
}

process.on('message', (message) => handle(message as WorkerRequest));
// Without a parent there is nobody to answer: exit instead of lingering as an orphan.
process.on('disconnect', () => process.exit(0));
