/**
 * Predictions made ahead of the keystroke that needs them (Engine.prepare): while typing pauses,
 * the engine predicts for the text the person will most likely have next, and the keystroke that
 * produces exactly that text is answered from here. A prepared answer is used only for the very
 * same document, text, offset and options, so it can never be stale.
 */
import type { CachedContext } from './kv_cache';
import type { Prediction, PredictRequest } from './types';

export interface PreparedAnswer {
  request: PredictRequest;
  prediction: Prediction;
  /** The KV cache entry the prediction was made on; it becomes the document's on a hit. */
  entry: CachedContext;
}

/** Thrown inside a preparation when a real keystroke is waiting: the work is abandoned. */
export class Yielded extends Error {
  constructor() {
    super('A keystroke is waiting.');
    this.name = 'Yielded';
  }
}

/** At most this many prepared answers per document (the Tab text and the finished word). */
const PER_DOCUMENT = 2;

export class PreparedAnswers {
  private readonly byDoc = new Map<string, PreparedAnswer[]>();

  /** Replaces a document's prepared answers. */
  set(docId: string, answers: PreparedAnswer[]): void {
    if (answers.length === 0) this.byDoc.delete(docId);
    else this.byDoc.set(docId, answers.slice(0, PER_DOCUMENT));
  }

  /** The answer prepared for exactly this request, removed from the store; undefined otherwise. */
  take(request: PredictRequest): PreparedAnswer | undefined {
    const answers = this.byDoc.get(request.docId);
    const i = answers?.findIndex((a) => sameRequest(a.request, request)) ?? -1;
    if (!answers || i < 0) return undefined;
    const [hit] = answers.splice(i, 1);
    return hit;
  }

  forget(docId?: string): void {
    if (docId === undefined) this.byDoc.clear();
    else this.byDoc.delete(docId);
  }
}

export function sameRequest(a: PredictRequest, b: PredictRequest): boolean {
  return a.docId === b.docId && a.textOffset === b.textOffset && a.text === b.text && JSON.stringify(a.options) === JSON.stringify(b.options);
}

/**
 * The texts worth preparing after `prediction` answered `request`, most likely first: the text
 * after Tab accepts the ghost text, and the text after the best word is finished by hand and
 * followed by a space.
 */
export function likelyNextTexts(request: PredictRequest, prediction: Prediction): string[] {
  const base = request.text.slice(0, request.text.length - prediction.typed.length);
  const best = prediction.candidates[0];
  if (!best) return [];
  const texts = [base + (prediction.phrase || best.text), base + best.text + ' '];
  return [...new Set(texts)];
}
