import { beginsContraction } from './contractions';
import { isFunctionWord } from './function_words';
import { isGivenName } from './lexicon';

/**
 * Whether `stem` (as written) is an acronym or a capitalised given name, whose possessive is a word
 * even where its lower case is a function word: `US's`, `IT's`, `Will's`, `May's`.
 */
export function possessiveOfName(stem: string): boolean {
  return /^\p{Lu}{2,}$/u.test(stem) || (/^\p{Lu}\p{Ll}+$/u.test(stem) && isGivenName(stem.toLowerCase()));
}

/**
 * The possessive that a typed word and apostrophe begin ("cousin'" → "cousin's", "Sarah'" →
 * "Sarah's", "NASA'" → "NASA's"), with the typed apostrophe; none for a function word or a
 * contraction's first letters, whose clitic is a contraction or nothing ("it'", "and'", "don'"),
 * unless it is a name ("Will'" → "Will's"), nor for a stem ending in s, whose possessive is the typed
 * apostrophe itself ("cousins'"). The model's search
 * spends its budget on the short pieces of the typed letters (" co", " cou", " COU") and never
 * reaches the whole-word token before "'s" when the word is rare to it, so the engine scores this
 * spelling itself (word_search.ts `listedWords`). An acronym's ending stays in lower case ("NASA's",
 * as in print) unless the text is in caps lock (`capsLock`: "THE CAT'" → "THE CAT'S").
 */
export function possessiveCompletions(typed: string, capsLock: boolean): string[] {
  const parts = /^(\p{L}+)(['\u2019])$/u.exec(typed);
  if (!parts) return [];
  const [, stem, apostrophe] = parts;
  // One lower-case letter is no owner ("rock 'n'"); a capital may be ("X's" on a map).
  if (/^\p{Ll}$/u.test(stem) || /s$/iu.test(stem) || ((isFunctionWord(stem.toLowerCase()) || beginsContraction(stem)) && !possessiveOfName(stem))) return [];
  return [stem + apostrophe + (capsLock ? 'S' : 's')];
}
