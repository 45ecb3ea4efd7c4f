/**
 * Offensive-word filter, phone-keyboard style: a profanity or slur is never offered, unless the
 * person has already typed all of that word's letters themselves (then completing it adds nothing
 * they did not choose). The list and its matching rules come from the `obscenity` package (MIT):
 * its English data set of root words with the spellings that derive from them, and the whitelist
 * that keeps "Scunthorpe", "assess" or "cocktail" out of it.
 */
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { phraseWhile } from './word_chars';

/**
 * Ordinary words that obscenity's English patterns catch because they contain a root word. Found by
 * running the matcher over every word-shaped GPT-2 token; each one is a golden case in the tests.
 */
export const EXTRA_ORDINARY_WORDS: readonly string[] = [
  'cockpit',
  'shiitake',
  'shiite',
  'trafficking',
  'trafficker',
  'traffickers',
  'fukushima',
  'assortment',
  'assorted',
  'cummings',
  'dickinson',
  'analgesic',
  'analgesia',
];

let matcher: RegExpMatcher | undefined;

function theMatcher(): RegExpMatcher {
  if (!matcher) {
    const { blacklistedTerms, whitelistedTerms } = englishDataset.build();
    matcher = new RegExpMatcher({ blacklistedTerms, whitelistedTerms: [...(whitelistedTerms ?? []), ...EXTRA_ORDINARY_WORDS], ...englishRecommendedTransformers });
  }
  return matcher;
}

/** Words seen so far and whether they are offensive: the same few hundred words recur on every keystroke. */
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 20_000;

/** True when `word` (one word, any case) is a profanity or slur from the list. */
export function isOffensive(word: string): boolean {
  const key = word.toLowerCase();
  let v = verdicts.get(key);
  if (v === undefined) {
    v = theMatcher().hasMatch(key);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(key, v);
  }
  return v;
}

/** The letters of a word, for comparing what was typed with a candidate whatever the case or apostrophe style. */
function letters(s: string): string {
  return s.toLowerCase().replace(/[\u2019]/g, "'");
}

/**
 * Whether a candidate word may be offered after the person typed `typed` of it. An offensive word
 * is allowed only when `typed` already holds all of its letters: "fuc" does not get "fuck", "fuck"
 * does (and only that word: not "fucking").
 */
export function mayOffer(word: string, typed: string): boolean {
  if (!isOffensive(word)) return true;
  return typed !== '' && letters(typed) === letters(word);
}

/**
 * The longest prefix of a phrase that holds no word that may not be offered. The phrase replaces
 * `typed` (ghost text such as "Robot is here" after "Rob"), so its first word is judged against
 * `typed` and the later ones, which the person never typed, against nothing. '' when even the first
 * word is not allowed.
 */
export function cleanPhrase(phrase: string, typed: string): string {
  return phraseWhile(phrase, typed, mayOffer);
}

/**
 * The `k` most probable candidates that may be offered after `typed`, best first. Judges only as
 * many words as it needs: a long document's cache brings thousands of candidates, and a first
 * verdict costs tens of microseconds.
 */
export function bestAllowed<T extends { word: string; probability: number }>(items: readonly T[], k: number, typed: string): T[] {
  const out: T[] = [];
  for (const item of [...items].sort((a, b) => b.probability - a.probability)) {
    if (out.length >= k) break;
    if (mayOffer(item.word, typed)) out.push(item);
  }
  return out;
}
