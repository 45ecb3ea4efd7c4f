/** Public shapes of the engine. Everything that crosses the worker boundary is plain JSON data. */
import type { NumericOptions } from './options';

/** What the person asked for; validated and clamped by `normalizeOptions` (numbers: see OPTION_LIMITS). */
export interface PredictOptions extends NumericOptions {
  /** Seed for sampling at temperature > 0, so a run can be repeated. */
  seed?: number;
  /** Blend in the words already written in the document (and the personal dictionary); on by default. */
  documentCache?: boolean;
  /** Blend in the word n-gram that ships beside the model (when there is one); on by default. */
  ngram?: boolean;
  /** Offer profanities and slurs only once typed in full (word_filter.ts); on by default, false turns it off. */
  filterOffensiveWords?: boolean;
}

/**
 * One keystroke's request, the same shape from the editor down to the engine: the extension, the
 * worker client, the worker protocol, `Engine.predict` and `inspect` all take it.
 */
export interface PredictRequest<O extends Partial<PredictOptions> = Partial<PredictOptions>> {
  /** Which document's KV cache and word cache to use (the extension sends the document URI). */
  docId: string;
  /** Text before the cursor; may be only the tail of a long document. */
  text: string;
  /** Offset in the document of `text`'s first character, so the cache can anchor its window (0 = start). */
  textOffset: number;
  /** Unset fields take their defaults; out-of-range values are clamped by `normalizeOptions`. */
  options: O;
}

export interface WordCandidate {
  /** The whole word, with the case the person typed ("Robot" after "Rob"). */
  word: string;
  /** Text that replaces `Prediction.typed`: the word, with a leading space when one is needed. */
  text: string;
  /** Probability of this whole word under the (tempered) model, between 0 and 1. */
  probability: number;
}

export interface Prediction {
  /** `completion` when the cursor is inside a word, `next-word` at a word boundary. */
  mode: 'next-word' | 'completion';
  /** The part of the current word already typed, exactly as in the document ('' at a boundary). */
  typed: string;
  /** Ranked best first; at most topK entries. May be empty. */
  candidates: WordCandidate[];
  /**
   * Ghost text replacing `typed`: the best candidate's `text` plus any further confident words; ''
   * when there is none, before a word's first letter when the best word's probability is below
   * `ghostMinProbability`, and after typed letters when the best completion's share of the five best
   * is below `ghostMinShare` (the candidates still list it).
   */
  phrase: string;
  /**
   * Only from Engine.predictWords: `phrase` is the best word alone so far, and the further words
   * follow from Engine.finishPhrase (the worker sends them as a `phrase` message).
   */
  phrasePending?: boolean;
  /** Tokens the model had to evaluate for the context (0 when the KV cache already held it). */
  tokensFed: number;
  /** Tokens of context the prediction was conditioned on. */
  contextTokens: number;
  /** Wall time inside the engine for this prediction, in milliseconds. */
  latencyMs: number;
}

export interface ModelInfo {
  name: string;
  directory: string;
  file: string;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  nPositions: number;
  vocabSize: number;
  /** 'float32' or 'float16': the element type of the past/present tensors. */
  pastType: 'float32' | 'float16';
  /** Whether the graph takes position_ids, and whether it is an Optimum merged decoder. */
  hasPositionIds: boolean;
  isMergedDecoder: boolean;
  loadMs: number;
}

export interface CacheStats {
  documents: number;
  bytes: number;
  budgetBytes: number;
}
