/** Opens a SuggestionSource by engine name: our GPT-2, or Presage with one of its two databases. */
import { DEFAULT_BLEND, type BlendWeights } from '../engine/cache_blend';
import { Engine } from '../engine/engine';
import type { NgramWeights } from '../engine/ngram_blend';
import { defaultModelDir } from '../engine/model_location';
import { OPTION_LIMITS } from '../engine/options';
import type { ModelInfo } from '../engine/types';
import { corpusDatabase, type CorpusInfo } from './corpus';
import { Gpt2Source } from './gpt2_source';
import { repoRoot } from './paths';
import { ensureBridge, shippedDatabase } from './presage_setup';
import { PresageSource } from './presage_source';
import type { SuggestionSource } from './source';

/**
 * gpt2-nocache is our engine without the document word cache; gpt2-nongram without the word n-gram
 * (eval --no-ngram); presage-learning is
 * Presage with its online learning on, as it ships, learning into a private copy of its database.
 */
export const ENGINE_NAMES = ['gpt2', 'gpt2-nocache', 'gpt2-nongram', 'presage', 'presage-corpus', 'presage-learning'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export interface OpenOptions {
  engine: EngineName;
  /** Largest number of suggestions any query asks for. */
  suggestions: number;
  modelDir?: string;
  threads?: number;
  topK?: number;
  temperature?: number;
  contextTokens?: number;
  allowCorpusBuild?: boolean;
  log?: (line: string) => void;
}

/** What the report says about the predictor, besides its figures. */
export interface SourceDescription {
  model?: Pick<ModelInfo, 'name' | 'file' | 'nLayer' | 'nHead' | 'nEmbd' | 'nPositions' | 'pastType' | 'loadMs'>;
  engineOptions?: { topK: number; temperature: number; contextTokens: number; threads: number; documentCache: boolean; ngram: boolean };
  presage?: { database: string; corpus?: CorpusInfo; learning: boolean };
}

/** PK_CACHE_BLEND="maxLambda,halfSaturationWords" overrides the cache weights, for tuning them on held-out text. */
function blendFromEnvironment(): BlendWeights | undefined {
  const raw = process.env.PK_CACHE_BLEND;
  if (!raw) return undefined;
  const [maxLambda, halfSaturationWords] = raw.split(',').map(Number);
  if (!(maxLambda >= 0 && maxLambda < 1 && halfSaturationWords >= 0)) throw new Error(`PK_CACHE_BLEND must be "maxLambda,halfSaturationWords", got "${raw}"`);
  return { ...DEFAULT_BLEND, maxLambda, halfSaturationWords };
}

/** PK_NGRAM_BLEND="nextWord,completion" overrides the word n-gram's weights, for tuning them on held-out text. */
function ngramWeightsFromEnvironment(): NgramWeights | undefined {
  const raw = process.env.PK_NGRAM_BLEND;
  if (!raw) return undefined;
  const [nextWord, completion] = raw.split(',').map(Number);
  if (!(nextWord >= 0 && nextWord < 1 && completion >= 0 && completion < 1)) throw new Error(`PK_NGRAM_BLEND must be "nextWord,completion" (each in [0, 1)), got "${raw}"`);
  return { nextWord, completion };
}

export async function openSource(options: OpenOptions): Promise<{ source: SuggestionSource; description: SourceDescription }> {
  if (options.engine === 'gpt2' || options.engine === 'gpt2-nocache' || options.engine === 'gpt2-nongram') {
    const threads = options.threads ?? 2;
    const engine = await Engine.load(options.modelDir ?? defaultModelDir(), { threads, blend: blendFromEnvironment(), ngramWeights: ngramWeightsFromEnvironment() });
    const engineOptions = {
      topK: Math.max(options.suggestions, options.topK ?? options.suggestions),
      temperature: options.temperature ?? 0,
      // The extension's default, as the engine clamps it.
      contextTokens: Math.min(options.contextTokens ?? OPTION_LIMITS.contextTokens.default, engine.info.nPositions),
      threads,
      documentCache: options.engine !== 'gpt2-nocache',
      ngram: options.engine !== 'gpt2-nongram',
    };
    const { name, file, nLayer, nHead, nEmbd, nPositions, pastType, loadMs } = engine.info;
    return {
      source: new Gpt2Source(engine, engineOptions),
      description: { model: { name, file, nLayer, nHead, nEmbd, nPositions, pastType, loadMs: Math.round(loadMs) }, engineOptions },
    };
  }
  const root = repoRoot();
  const bridge = ensureBridge(root);
  let corpus: CorpusInfo | undefined;
  let database: string;
  if (options.engine === 'presage' || options.engine === 'presage-learning') {
    database = shippedDatabase();
  } else {
    corpus = corpusDatabase({ root, allowCorpusBuild: options.allowCorpusBuild, log: options.log });
    database = corpus.database;
  }
  const learning = options.engine === 'presage-learning';
  const source = await PresageSource.start({ name: options.engine, bridge, database, suggestions: options.suggestions, learning });
  return { source, description: { presage: corpus ? { database, corpus, learning } : { database, learning } } };
}
