/**
 * What counts as part of a word, shared by cursor splitting, token classification and word
 * assembly so that all three agree. Apostrophes belong to words ("don't", "robot's") but never
 * start one, so an opening quote is not mistaken for the start of a word.
 */
const WORD_CHAR = /^[\p{L}\p{N}\p{M}'\u2019]$/u;
const APOSTROPHE = /^['\u2019]$/u;

export function isWordChar(ch: string): boolean {
  return WORD_CHAR.test(ch);
}

export function isApostrophe(ch: string): boolean {
  return APOSTROPHE.test(ch);
}

/**
 * Whether a suggestion can be a word: it holds a letter, or it is a whole number of one or two
 * digits ("Bump debhelper compat to 13", "chapter 2"). Longer digit runs ("000", "4821", "1990")
 * are pieces, PINs, amounts or years, which a keyboard does not offer.
 */
export function isWordLike(text: string): boolean {
  return /\p{L}/u.test(text) || isShortNumber(text);
}

/** A whole number of one or two digits ("2", "13"). */
export function isShortNumber(text: string): boolean {
  return /^[0-9]{1,2}$/u.test(text);
}

/** True when every character is a word character (and there is at least one). */
export function isAllWordChars(text: string): boolean {
  if (text.length === 0) return false;
  for (const ch of text) if (!isWordChar(ch)) return false;
  return true;
}

/** The trailing run of word characters, without apostrophes that would open it. */
export function trailingWord(text: string): string {
  let start = text.length;
  while (start > 0) {
    const previous = previousCodePointStart(text, start);
    if (!isWordChar(text.slice(previous, start))) break;
    start = previous;
  }
  while (start < text.length && isApostrophe(text[start])) start++;
  return text.slice(start);
}

function previousCodePointStart(text: string, index: number): number {
  const low = text.charCodeAt(index - 1);
  if (index >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return index - 2;
  }
  return index - 1;
}

/** A capital followed by lower case ("Rose", "McDonald", "Don’t"): how a name is written; not an acronym or shouting. */
export function isNameShaped(word: string): boolean {
  return /^\p{Lu}\p{Ll}/u.test(word);
}

/**
 * Caps lock: two or more letters and none of them lower-case. Letters are counted, not characters,
 * so "I'" (one letter and an apostrophe) is not shouting.
 */
export function isShouting(text: string): boolean {
  // Most words start with a lower-case letter or have one: decided without looking at each character.
  const first = text.charCodeAt(0);
  if ((first >= 97 && first <= 122) || text !== text.toUpperCase() || text === text.toLowerCase()) return false;
  let letters = 0;
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    if (ch !== ch.toUpperCase()) return false;
    if (ch !== ch.toLowerCase()) letters++;
  }
  return letters >= 2;
}

/** The apostrophe a person writes: the one in what they typed, else the last one inside a word of the context, else '. */
export function apostropheStyle(typed: string, context: string): "'" | '\u2019' {
  const own = /['\u2019]/u.exec(typed)?.[0];
  if (own) return own as "'" | '\u2019';
  const recent = context.slice(-2000);
  const straight = recent.search(/\p{L}'\p{L}[^']*$/u);
  const curly = recent.search(/\p{L}\u2019\p{L}[^\u2019]*$/u);
  return curly > straight ? '\u2019' : "'";
}

/** `text` with every apostrophe written in `style`. */
export function withApostrophes(text: string, style: "'" | '\u2019'): string {
  return text.replace(/['\u2019]/gu, style);
}

/**
 * The longest prefix of a ghost-text phrase (which replaces `typed`) whose words all pass `allowed`:
 * the first word is judged against `typed`, later ones against '', each with `at`, its offset in the
 * phrase (0 for the first word). The cut falls at the start of the
 * whole space-delimited piece, so a hyphenated word goes entirely ("mother-…"); '' when even the
 * first word fails.
 */
export function phraseWhile(phrase: string, typed: string, allowed: (word: string, typed: string, at: number) => boolean): string {
  let first = true;
  for (const piece of phrase.matchAll(/\S+/gu)) {
    for (const word of piece[0].matchAll(/[\p{L}\p{N}\p{M}'\u2019]+/gu)) {
      if (!allowed(word[0], first ? typed : '', first ? 0 : piece.index + word.index)) return first ? '' : phrase.slice(0, piece.index).trimEnd();
      first = false;
    }
  }
  return phrase;
}

/**
 * A word's key wherever words are compared across sources: lower case, ’ written as ' (so "Don’t"
 * and "don't" are one word). The document cache, the n-gram and the secret filter all key by it.
 */
export function wordKey(word: string): string {
  const lower = word.toLowerCase();
  return lower.includes('\u2019') ? lower.replace(/\u2019/gu, "'") : lower;
}
