/**
 * How the simulator cuts a text into the words a person types.
 *
 * `presage` mirrors Presage's ForwardTokenizer as used by presage_simulator: a word is a maximal
 * run of characters that are neither blank nor separators, and Presage's separators are all of
 * ASCII punctuation, apostrophe and hyphen included ("don't" is typed as "don" and "t").
 * Separators and blanks are never scored: they cost nothing and are not counted as needed
 * keystrokes, exactly as the simulator drops them. We extend the separator set to Unicode
 * punctuation and symbols (curly quotes, dashes), which Presage would otherwise glue onto words
 * byte by byte.
 *
 * `keyboard` keeps apostrophes inside words ("don't", "Mary's"), closer to what a phone keyboard
 * offers as one suggestion. It is an option, not the default, because Presage's n-gram databases
 * are built with the presage tokenizer and could never offer such a word.
 */
export type WordMode = 'presage' | 'keyboard';

export interface WordSpan {
  /** The word as it appears in the text. */
  word: string;
  /** Offset of its first character. */
  start: number;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const APOSTROPHES = new Set(["'", '\u2019']);

export function isWordChar(ch: string): boolean {
  return WORD_CHAR.test(ch);
}

/** Length of the word-character run starting at `from` (an apostrophe counts when it joins two word characters in keyboard mode). */
function runLength(text: string, from: number, mode: WordMode): number {
  let i = from;
  while (i < text.length) {
    const ch = text[i];
    if (isWordChar(ch)) {
      i++;
    } else if (mode === 'keyboard' && APOSTROPHES.has(ch) && i > from && i + 1 < text.length && isWordChar(text[i + 1])) {
      i++;
    } else {
      break;
    }
  }
  return i - from;
}

/** Every word of `text`, in order; at most `maxWords` of them. */
export function splitWords(text: string, mode: WordMode, maxWords = Infinity): WordSpan[] {
  const words: WordSpan[] = [];
  let i = 0;
  while (i < text.length && words.length < maxWords) {
    if (!isWordChar(text[i])) {
      i++;
      continue;
    }
    const n = runLength(text, i, mode);
    words.push({ word: text.slice(i, i + n), start: i });
    i += n;
  }
  return words;
}

/** The word that `text` holds at `start` (empty when none starts there). */
export function wordAt(text: string, start: number, mode: WordMode): string {
  if (start >= text.length || !isWordChar(text[start])) return '';
  return text.slice(start, start + runLength(text, start, mode));
}

/**
 * How many characters at the end of `context` Presage treats as the prefix it completes: the
 * trailing run of non-blank, non-separator characters. Presage's suggestions replace exactly these.
 */
export function presagePrefixLength(context: string): number {
  let i = context.length;
  while (i > 0 && isWordChar(context[i - 1])) i--;
  return context.length - i;
}
