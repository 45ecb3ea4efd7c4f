import { isSentenceStart, previousWord, type WordCache } from './cache_lm';
import type { CursorContext } from './cursor_context';
import type { WordHypothesis } from './word_search';

/**
 * Linear interpolation of GPT-2's word distribution with the document's word cache. Whole-word
 * interpolation was chosen over a neural cache on hidden states because it works with every ONNX
 * export (no hidden-state output needed), costs microseconds, and can offer words GPT-2 never
 * spells on its own. The cache's weight grows with the number of words it has seen.
 */
export interface BlendWeights {
  /** The cache's weight once it has seen many words. */
  maxLambda: number;
  /** Words after which the cache has half of `maxLambda`. */
  halfSaturationWords: number;
}

export const DEFAULT_BLEND: BlendWeights = { maxLambda: 0.2, halfSaturationWords: 20 };

export function cacheWeight(cache: WordCache, weights: BlendWeights): number {
  return (weights.maxLambda * cache.total) / (cache.total + weights.halfSaturationWords);
}

export function blendWithCache(
  found: readonly WordHypothesis[],
  cache: WordCache,
  cursor: CursorContext,
  context: string,
  weights: BlendWeights,
  encode: (text: string) => number[],
): WordHypothesis[] {
  const cached = cache.distribution(cursor.typed.toLowerCase(), previousWord(context));
  if (cached.size === 0) return [...found];
  const lambda = cacheWeight(cache, weights);
  const atSentenceStart = cursor.typed === '' && isSentenceStart(context);
  const merged = new Map<string, WordHypothesis>();
  for (const hypothesis of found) {
    const key = hypothesis.word.toLowerCase();
    const existing = merged.get(key);
    const share = (1 - lambda) * hypothesis.probability;
    if (existing) existing.probability += share;
    else merged.set(key, { ...hypothesis, probability: share });
  }
  for (const [key, probability] of cached) {
    const share = lambda * probability;
    const word = cache.spelling(key, cursor.typed, atSentenceStart);
    const existing = merged.get(key);
    if (existing) {
      existing.probability += share;
      if (word !== existing.word && word !== word.toLowerCase()) {
        existing.word = word;
        existing.text = existing.text.startsWith(' ') ? ' ' + word : word;
      }
      continue;
    }
    const spaced = cursor.required.startsWith(' ') || cursor.allowLeadingSpace;
    merged.set(key, { word, text: cursor.allowLeadingSpace ? ' ' + word : word, probability: share, tokens: encode((spaced ? ' ' : '') + word) });
  }
  return [...merged.values()].sort((a, b) => b.probability - a.probability);
}
