import type { PredictOptions } from './types';

export const OPTION_LIMITS = {
  topK: { min: 1, max: 20, default: 5 },
  temperature: { min: 0, max: 2, default: 0 },
  maxWords: { min: 1, max: 8, default: 3 },
  contextTokens: { min: 16, max: 4096, default: 256 },
} as const;

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
  const clamp = (name: keyof typeof OPTION_LIMITS, integer: boolean, max?: number): number => {
    const limits = OPTION_LIMITS[name];
    const upper = Math.min(limits.max, max ?? limits.max);
    const raw = input[name];
    if (raw === undefined) return Math.min(limits.default, upper);
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      warnings.push(`${name} must be a number; got ${String(raw)}, using ${Math.min(limits.default, upper)}.`);
      return Math.min(limits.default, upper);
    }
    const value = integer ? Math.round(raw) : raw;
    const clamped = Math.min(upper, Math.max(limits.min, value));
    if (clamped !== raw) warnings.push(`${name} ${raw} is outside ${limits.min}–${upper}; using ${clamped}.`);
    return clamped;
  };
  const options: PredictOptions = {
    topK: clamp('topK', true),
    temperature: clamp('temperature', false),
    maxWords: clamp('maxWords', true),
    contextTokens: clamp('contextTokens', true, nPositions),
  };
  if (input.seed !== undefined && Number.isFinite(input.seed)) options.seed = Math.trunc(input.seed);
  if (input.documentCache === false) options.documentCache = false;
  return { options, warnings };
}
