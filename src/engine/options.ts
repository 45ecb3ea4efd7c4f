import { EngineError } from './errors';
import type { PredictOptions } from './types';

/**
 * The numeric prediction options: bounds, default and whether they are whole numbers. The one
 * source for them: `normalizeOptions` clamps by it, the extension's settings derive their rules and
 * defaults from it, and `PredictOptions` its fields. A unit test keeps package.json in step.
 */
export const OPTION_LIMITS = {
  /** Number of candidates returned and the top-k filter applied when sampling (1 = greedy). */
  topK: { min: 1, max: 20, default: 5, integer: true },
  /** 0 = deterministic ranking and greedy phrase; above 0 samples from the top-k distribution. */
  temperature: { min: 0, max: 2, default: 0, integer: false },
  /** Longest ghost-text phrase, in words (1 = only the best word). */
  maxWords: { min: 1, max: 8, default: 3, integer: true },
  /** Tokens of context the model sees (at most the model's n_positions). */
  contextTokens: { min: 16, max: 4096, default: 256, integer: true },
  /**
   * The least probability (0–1) at which the best next word shows as ghost text before any letter of
   * it is typed; below it the phrase is '' and the strip alone lists the candidates (0 = always).
   * Completions of typed letters follow ghostMinShare. Default: bench/ghost_confidence.ts.
   */
  ghostMinProbability: { min: 0, max: 1, default: 0.05, integer: false },
  /**
   * The least share (0–1) the best completion of typed letters must have among the five most
   * probable words that fit them, for ghost text; below it the strip alone lists them (0 = always).
   * A share, not a probability: a completion's probability is not renormalised over the typed letters,
   * so a right rare word is tiny too. Default: the tuning text's measurement (twenty-fifth session).
   */
  ghostMinShare: { min: 0, max: 1, default: 0.3, integer: false },
} as const;

export type NumericOption = keyof typeof OPTION_LIMITS;

/**
 * ONNX Runtime intra-op threads of a model's session; 0 = automatic (see resolveThreads). Kept out
 * of OPTION_LIMITS because it is fixed when a model loads, not a per-prediction option; the
 * extension's `threads` setting and the CLI's --threads take their bounds from here.
 */
export const THREAD_LIMITS = { min: 0, max: 64, default: 0, integer: true } as const;

/** Threads for `threads: 0`: half the cores, at least 1 and at most 4 (more buys nothing for one small model). */
export function resolveThreads(threads: number, cpuCount: number): number {
  if (threads > 0) return threads;
  return Math.max(1, Math.min(4, Math.floor(cpuCount / 2)));
}

/**
 * `threads` itself when it is a whole number within THREAD_LIMITS. Checked before a session is
 * created, so that ONNX Runtime's complaint about a bad thread count is never read as a bad model.
 * @throws EngineError 'bad-request' otherwise.
 */
export function checkThreads(threads: number): number {
  const { min, max } = THREAD_LIMITS;
  if (!Number.isInteger(threads) || threads < min || threads > max) {
    throw new EngineError('bad-request', `threads must be a whole number from ${min} to ${max}; got ${String(threads)}.`);
  }
  return threads;
}

/** One number per entry of OPTION_LIMITS (its documentation carries over). */
export type NumericOptions = { [K in NumericOption]: number };

export const NUMERIC_OPTIONS = Object.keys(OPTION_LIMITS) as NumericOption[];

/** Every numeric option at its default. */
export const DEFAULT_OPTIONS = Object.fromEntries(NUMERIC_OPTIONS.map((k) => [k, OPTION_LIMITS[k].default])) as NumericOptions;

export interface NormalizedOptions {
  options: PredictOptions;
  /** One sentence per value that was out of range or not a number, saying what was used instead. */
  warnings: string[];
}

/**
 * Clamps every option into its range instead of failing: a keyboard should keep working with an odd
 * setting, and say what it did.
 */
export function normalizeOptions(input: Partial<PredictOptions>, nPositions: number): NormalizedOptions {
  const warnings: string[] = [];
  const clamp = (name: NumericOption): number => {
    const limits = OPTION_LIMITS[name];
    // Only the context has a second, model-given bound.
    return clampOption(name, input[name], limits, Math.min(limits.max, name === 'contextTokens' ? nPositions : limits.max), warnings);
  };
  const options = Object.fromEntries(NUMERIC_OPTIONS.map((name) => [name, clamp(name)])) as NumericOptions as PredictOptions;
  if (input.seed !== undefined && Number.isFinite(input.seed)) options.seed = Math.trunc(input.seed);
  if (input.documentCache === false) options.documentCache = false;
  if (input.ngram === false) options.ngram = false;
  if (input.filterOffensiveWords === false) options.filterOffensiveWords = false;
  return { options, warnings };
}

/** `threads` clamped into THREAD_LIMITS the way normalizeOptions clamps the prediction options, saying what it did. */
export function normalizeThreads(threads: number | undefined): { threads: number; warnings: string[] } {
  const warnings: string[] = [];
  return { threads: clampOption('threads', threads, THREAD_LIMITS, THREAD_LIMITS.max, warnings), warnings };
}

interface Limits {
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly integer: boolean;
}

/** One value into [limits.min, upper], rounded when whole numbers are asked for; a warning says what was used instead. */
function clampOption(name: string, raw: unknown, limits: Limits, upper: number, warnings: string[]): number {
  if (raw === undefined) return Math.min(limits.default, upper);
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    warnings.push(`${name} must be a number; got ${String(raw)}, using ${Math.min(limits.default, upper)}.`);
    return Math.min(limits.default, upper);
  }
  const value = limits.integer ? Math.round(raw) : raw;
  const clamped = Math.min(upper, Math.max(limits.min, value));
  if (limits.integer && !Number.isInteger(raw)) warnings.push(`${name} must be a whole number (${limits.min}–${upper}); got ${raw}, using ${clamped}.`);
  else if (clamped !== raw) warnings.push(`${name} ${raw} is outside ${limits.min}–${upper}; using ${clamped}.`);
  return clamped;
}
