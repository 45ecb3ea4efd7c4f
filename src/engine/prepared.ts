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

/** At most this many prepared answers per document (likelyNextTexts). */
const PER_DOCUMENT = 6;
/** Next letters prepared: most keystrokes inside a word are one of the two likeliest letters. */
const NEXT_LETTERS = 2;

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
 * The texts worth preparing after `prediction` answered `request`, in the order they are prepared
 * (the pause may end before all are done):
 * 1. after Tab accepts the ghost text and the automatic space follows (`autoSpace`, on by default);
 * 2. the likeliest next letter typed by hand (the candidates' probability summed per letter);
 * 3. the best word finished by hand and a space;
 * 4. after Tab without the automatic space (off, or before closing punctuation);
 * 5. the second likeliest next letter.
 * Texts are distinct; a letter that would end the typed word early (a space) is left to 3.
 */
export function likelyNextTexts(request: PredictRequest, prediction: Prediction): string[] {
  const base = request.text.slice(0, request.text.length - prediction.typed.length);
  const best = prediction.candidates[0];
  if (!best) return [];
  const ghost = base + (prediction.phrase || best.text);
  const [first, second] = nextLetters(prediction).map((letter) => request.text + letter);
  const texts = [ghost + ' ', first, base + best.text + ' ', ghost, second].filter((t): t is string => t !== undefined && t !== request.text);
  return [...new Set(texts)];
}

/**
 * The characters most likely typed next inside the word: for each candidate spelled on from what
 * was typed, its next character, weighted by the candidate's probability; at most NEXT_LETTERS,
 * most likely first. Word characters only (a space or punctuation ends the word: likelyNextTexts
 * prepares the finished word separately).
 */
export function nextLetters(prediction: Prediction): string[] {
  const mass = new Map<string, number>();
  for (const { text, probability } of prediction.candidates) {
    // A word that brings its own space (" word" right after "Hello,") starts with a space keystroke.
    if (!text.startsWith(prediction.typed) || text.length <= prediction.typed.length) continue;
    const next = String.fromCodePoint(text.codePointAt(prediction.typed.length) as number);
    if (!/[\p{L}\p{N}'’]/u.test(next)) continue;
    mass.set(next, (mass.get(next) ?? 0) + probability);
  }
  return [...mass.entries()].sort((a, b) => b[1] - a[1]).slice(0, NEXT_LETTERS).map(([letter]) => letter);
}
