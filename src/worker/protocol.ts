/**
 * Typed messages between the extension host (client) and the model worker process.
 * Every request that expects an answer carries an `id`; the worker answers each id exactly once.
 * A `prediction` with `phrasePending` may be followed by one `phrase` for the same id: the ghost
 * text's further words, sent after the words so the first word shows at once (issue 14); it is not
 * sent when a newer keystroke arrived first or no further word was confident enough.
 */
import type { EngineErrorCode } from '../engine/errors';
import type { CacheStats, ModelInfo, Prediction, PredictRequest } from '../engine/types';
import type { Inspection, InspectOptions } from '../engine/inspect';

export type WorkerRequest =
  | { kind: 'load'; id: number; modelDir: string; threads: number }
  | ({ kind: 'predict'; id: number } & PredictRequest)
  /** The Inspector panel: lower priority than every waiting prediction; same text as `predict`. */
  | ({ kind: 'inspect'; id: number } & PredictRequest<InspectOptions>)
  | { kind: 'cancel'; id: number }
  | { kind: 'forget'; docId: string }
  /** The personal dictionary: words the person accepted or typed, with how often. */
  | { kind: 'personal-words'; words: PersonalWord[] }
  | { kind: 'stats'; id: number };

export interface PersonalWord {
  word: string;
  count: number;
}

/** The engine's codes, plus the two only the process boundary can produce. */
export type ErrorCode = EngineErrorCode | 'worker-crashed' | 'not-loaded';

export type WorkerResponse =
  | { kind: 'loaded'; id: number; model: ModelInfo }
  | { kind: 'prediction'; id: number; prediction: Prediction }
  | { kind: 'phrase'; id: number; phrase: string }
  | { kind: 'inspection'; id: number; inspection: Inspection }
  | { kind: 'cancelled'; id: number }
  | { kind: 'stats'; id: number; stats: CacheStats & { rssBytes: number } }
  | { kind: 'error'; id: number; code: ErrorCode; message: string };
