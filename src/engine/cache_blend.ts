import { keyOf, pairContext, SENTENCE_START_KEY, type WordCache } from './cache_lm';
import type { CursorContext } from './cursor_context';
import { isGivenName } from './lexicon';
import type { WordHypothesis } from './word_search';

/**
 * Linear interpolation of GPT-2's word distribution with the document's word cache. Whole-word
 * interpolation was chosen over a neural cache on hidden states because it works with every ONNX
 * export (no hidden-state output needed), costs microseconds, and can offer words GPT-2 never
 * spells on its own. The cache's weight grows with the number of words it has seen.
 */
export interface BlendWeights {
  /** The document cache's weight once it has seen many words. */
  maxLambda: number;
  /** Words after which a cache has half of its maximum weight. */
  halfSaturationWords: number;
  /** The personal dictionary's maximum weight: a separate source, so a large dictionary cannot dilute the document's own words. */
  personalLambda: number;
}

export const DEFAULT_BLEND: BlendWeights = { maxLambda: 0.1, halfSaturationWords: 20, personalLambda: 0.05 };

/** A word cache and its interpolation weight. */
export interface CacheSource {
  cache: WordCache;
  lambda: number;
}

export function cacheWeight(cache: WordCache, maxLambda: number, halfSaturationWords: number): number {
  return (maxLambda * cache.total) / (cache.total + halfSaturationWords);
}

/**
 * P(word) = (1 − Σλ) · GPT-2(word) + min(1, W / ½) · Σ λᵢ · cacheᵢ(word | previous word), over whole
 * words, where W is GPT-2's probability that a word comes next at all (`wordShare`, 0–1). A cache only
 * knows which word, never whether a word comes: scaling it by W makes it add evidence to the
 * model's choice of words instead of replacing the model where the model expects a line break or
 * punctuation (after "- " in a list it would otherwise echo the document's words in order).
 * Another source (an n-gram model) is one more entry in `sources`.
 */
/** Where the model gives a next word at least these odds, the caches keep their whole weight. */
export const FULL_TRUST_WORD_SHARE = 0.5;

export function blendWithCaches(found: readonly WordHypothesis[], sources: readonly CacheSource[], cursor: CursorContext, context: string, encode: (text: string) => number[], wordShare = 1): WordHypothesis[] {
  const previous = pairContext(context);
  const active = sources
    .filter((source) => source.lambda > 0)
    .map((source) => ({ ...source, distribution: source.cache.distribution(keyOf(cursor.typed), previous) }))
    .filter((source) => source.distribution.size > 0);
  if (active.length === 0) return [...found];
  const modelWeight = 1 - active.reduce((sum, source) => sum + source.lambda, 0);
  const atSentenceStart = cursor.typed === '' && previous === SENTENCE_START_KEY;
  const merged = new Map<string, WordHypothesis>();
  for (const hypothesis of found) {
    const key = keyOf(hypothesis.word);
    const existing = merged.get(key);
    const share = modelWeight * hypothesis.probability;
    if (existing) existing.probability += share;
    else merged.set(key, { ...hypothesis, probability: share });
  }
  for (const { cache, lambda, distribution } of active) {
    for (const [key, probability] of distribution) {
      const share = Math.min(1, wordShare / FULL_TRUST_WORD_SHARE) * lambda * probability;
      const word = cache.spelling(key, cursor.typed, atSentenceStart);
      const existing = merged.get(key);
      if (existing) {
        existing.probability += share;
        // A name's capitals win over the model's spelling ("Presage", not "presage"); mid-sentence
        // the document's lower case wins too, so "We" from sentence starts is not offered in "to be We";
        // but a given name the document wrote only at sentence starts keeps the model's capitals
        // ("John went home. John and " offered "john": the word list holds a john, a toilet).
        const lowerWins = (): boolean => !atSentenceStart && (cache.writtenMidSentence(key) || !isGivenName(key));
        if (word !== existing.word && (word !== word.toLowerCase() || lowerWins())) {
          existing.word = word;
          existing.text = existing.text.startsWith(' ') ? ' ' + word : word;
        }
        continue;
      }
      const spaced = cursor.required.startsWith(' ') || cursor.allowLeadingSpace;
      merged.set(key, { word, text: cursor.allowLeadingSpace ? ' ' + word : word, probability: share, tokens: encode((spaced ? ' ' : '') + word) });
    }
  }
  return [...merged.values()].sort((a, b) => b.probability - a.probability);
}
