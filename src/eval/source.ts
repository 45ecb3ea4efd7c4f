/** What the simulator needs from a predictor: ranked words for the text before the cursor. */

export interface Suggestion {
  /** The word offered, as the predictor spells it. */
  word: string;
  /**
   * How many characters before the cursor the word replaces (the part of the word already typed,
   * as the predictor saw it). Lets the simulator align predictors that cut words differently.
   */
  replaces: number;
}

export interface SuggestionBatch {
  suggestions: Suggestion[];
  /** Time the predictor itself reports for this query (the engine's own latencyMs), if any. */
  internalMs?: number;
}

export interface SuggestionSource {
  /** Short engine name for reports: gpt2, presage, presage-corpus. */
  readonly name: string;
  /** Up to `count` suggestions, best first. `context` is the whole text before the cursor. */
  suggest(docId: string, context: string, count: number): Promise<SuggestionBatch>;
  /** The document is finished: drop what is cached for it. */
  endDocument(docId: string): void;
  close(): Promise<void>;
}
