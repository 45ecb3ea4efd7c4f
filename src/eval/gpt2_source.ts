/** Our engine as a SuggestionSource. Depends on the engine's shape only, so tests can pass a fake. */
import { DEFAULT_OPTIONS } from '../engine/options';
import type { Prediction, PredictOptions, PredictRequest } from '../engine/types';
import type { SuggestionBatch, SuggestionSource } from './source';

/** The part of `Engine` the evaluation uses. */
export interface PredictingEngine {
  predict(request: PredictRequest<PredictOptions>): Promise<Prediction>;
  forget(docId: string): void;
  dispose(): Promise<void>;
}

export interface Gpt2SourceOptions {
  /** Candidates requested per query; at least the number the simulator asks for. */
  topK?: number;
  /** 0 for evaluation: deterministic ranking. */
  temperature: number;
  contextTokens: number;
  seed?: number;
  /** The document word cache blended with GPT-2 (on in the extension by default). */
  documentCache: boolean;
  /** The word n-gram blended with GPT-2 (on by default); off = eval --no-ngram. */
  ngram?: boolean;
}

export class Gpt2Source implements SuggestionSource {
  readonly name: string;

  constructor(
    private readonly engine: PredictingEngine,
    private readonly options: Gpt2SourceOptions,
  ) {
    this.name = !options.documentCache ? 'gpt2-nocache' : options.ngram === false ? 'gpt2-nongram' : 'gpt2';
  }

  async suggest(docId: string, context: string, count: number): Promise<SuggestionBatch> {
    const options: PredictOptions = {
      // Options the evaluation does not set keep the engine's defaults.
      ...DEFAULT_OPTIONS,
      topK: Math.max(count, this.options.topK ?? count),
      temperature: this.options.temperature,
      // Only the word list is scored; a longer ghost phrase would cost time and never be read.
      maxWords: 1,
      contextTokens: this.options.contextTokens,
      seed: this.options.seed ?? 1,
      documentCache: this.options.documentCache,
      ngram: this.options.ngram !== false,
    };
    // The whole text before the cursor through one docId, as the editor sends it, so the engine's
    // incremental KV cache carries the load a real document puts on it.
    const prediction = await this.engine.predict({ docId, text: context, textOffset: 0, options });
    return {
      suggestions: prediction.candidates.map((c) => ({ word: c.word, replaces: prediction.typed.length })),
      internalMs: prediction.latencyMs,
    };
  }

  endDocument(docId: string): void {
    this.engine.forget(docId);
  }

  async close(): Promise<void> {
    await this.engine.dispose();
  }
}
