/**
 * Typed messages between the extension host (client) and the model worker process.
 * Every request that expects an answer carries an `id`; the worker answers each id exactly once.
 */
import type { CacheStats, ModelInfo, Prediction, PredictOptions } from '../engine/types';
import type { Inspection, InspectOptions } from '../engine/inspect';

export type WorkerRequest =
  | { kind: 'load'; id: number; modelDir: string; threads: number }
  | {
      kind: 'predict';
      id: number;
      docId: string;
      /** Text before the cursor; may be only the tail of a long document. */
      text: string;
      /** Offset in the document of `text`'s first character, so the cache can anchor its window. */
      textOffset: number;
      options: PredictOptions;
    }
  /** The Inspector panel: lower priority than every waiting prediction; same text as `predict`. */
  | { kind: 'inspect'; id: number; docId: string; text: string; textOffset: number; options: InspectOptions }
  | { kind: 'cancel'; id: number }
  | { kind: 'forget'; docId: string }
  /** The personal dictionary: words the person accepted or typed, with how often. */
  | { kind: 'personal-words'; words: Array<{ word: string; count: number }> }
  | { kind: 'stats'; id: number };

export type ErrorCode = 'model-missing' | 'model-invalid' | 'runtime-unavailable' | 'bad-request' | 'internal' | 'worker-crashed' | 'not-loaded';

export type WorkerResponse =
  | { kind: 'loaded'; id: number; model: ModelInfo }
  | { kind: 'prediction'; id: number; prediction: Prediction }
  | { kind: 'inspection'; id: number; inspection: Inspection }
  | { kind: 'cancelled'; id: number }
  | { kind: 'stats'; id: number; stats: CacheStats & { rssBytes: number } }
  | { kind: 'error'; id: number; code: ErrorCode; message: string };
