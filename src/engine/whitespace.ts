import { isFunctionWord } from './function_words';

/**
 * Token healing for the whitespace before the cursor. GPT-2 tokenizes a whitespace run by what
 * follows it: "again.\n\nI" is `\n` `\n` `I`, but "again.\n\n" at the end of a context is the one
 * token `\n\n`, which the model only ever saw before more newlines, never before a word. So the
 * trailing whitespace is read as it will be tokenized once the next word is there, and whitespace
 * the model cannot have seen (CRLF, tabs, no-break spaces, runs of spaces, line breaks in a corpus
 * without any) is normalised to what it has seen.
 */

/** The whitespace the model reads before the next word: a space (it goes with the word's token), a line break or a paragraph break. */
export type WhitespaceReading = '' | ' ' | '\n' | '\n\n';

/** Lines that end a block, so that a single line break after them starts a new paragraph. */
const BLOCK_END = /(?:[.!?:;]["'”’)\]]*|^\s*#{1,6}\s.*|^\s*(?:[-*+]|\d+[.)])\s.*)$/u;
/** A short line ending in a comma is a salutation ("Dear Ben,"), not a sentence wrapped mid-way. */
const SALUTATION = /^\s*\S+(?:\s+\S+){0,3},$/u;
/** A line of a block of short lines: a signature, an address, a list typed without markers. */
const SHORT_LINE = 40;

/**
 * How the model reads `whitespace` (a whole run of it, non-empty) that follows `before` and comes
 * right before a word. Paragraph breaks stay paragraph breaks; a single line break after a sentence,
 * a heading, a list item or a salutation becomes a paragraph break, and one in the middle of a
 * sentence (a hard-wrapped commit message) becomes a space; spaces and tabs become one space.
 */
export function readWhitespace(before: string, whitespace: string): WhitespaceReading {
  if (whitespace === '') return '';
  const breaks = (whitespace.replace(/\r\n?/gu, '\n').match(/[\n\u2028\u2029]/gu) ?? []).length;
  if (breaks >= 2) return '\n\n';
  if (breaks === 0) return ' ';
  if (before.trim() === '') return '\n\n';
  return BLOCK_END.test(before.slice(lineStartOf(before))) || endsOwnLine(before) ? '\n\n' : ' ';
}

/** Where the last line of `before` starts (after its last LF or CR). */
function lineStartOf(before: string): number {
  return Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
}

/**
 * Whether a single line break after `before` ends a line that stands on its own, a salutation
 * ("Dear Ben,") or a line of a block of short lines (a signature, an address), rather than wrapping
 * a sentence. The word n-gram reads and counts such a break as a sentence start
 * (ngram_store.ts contextTokens; training/build_ngram.py ends_own_line), so "Regards,⏎Sarah⏎"
 * is no context for the "Customer Service" of the next line.
 */
export function endsOwnLine(before: string): boolean {
  const lineStart = lineStartOf(before);
  return SALUTATION.test(before.slice(lineStart)) || inShortLines(before, lineStart);
}

/**
 * Whether the line that starts at `lineStart` of `before` and the line above it are both short
 * (SHORT_LINE characters; `Kind regards,⏎John Smith`, `John Smith⏎42 Baker Street`), and the line
 * does not end on a function word: lines of a block, each its own, not a sentence wrapped mid-way
 * (a hard-wrapped paragraph has long lines, and `where the` goes on).
 */
function inShortLines(before: string, lineStart: number): boolean {
  const line = before.slice(lineStart).trim();
  if (lineStart === 0 || line === '' || line.length > SHORT_LINE) return false;
  const last = /[\p{L}'\u2019]+$/u.exec(line)?.[0];
  if (last !== undefined && isFunctionWord(last.toLowerCase())) return false;
  const above = before.slice(before.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1).replace(/\r$/u, '').trim();
  return above !== '' && above.length <= SHORT_LINE;
}

/**
 * GPT-2's tokens for a context that ends in whitespace before a word: the last whitespace character
 * is a token of its own (`\n` `\n`, not `\n\n`), as BPE splits it once the word follows.
 */
export function encodeBeforeWord(text: string, encode: (text: string) => number[]): number[] {
  if (!/\s$/u.test(text)) return encode(text);
  return [...encode(text.slice(0, -1)), ...encode(text.slice(-1))];
}

/** Typographic quotes and guillemets: single UTF-16 units, each replaced by one, so offsets hold. */
const TYPOGRAPHIC_QUOTES = /[\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F\u00AB\u00BB]/gu;

/**
 * `text` with straight quotes for the model: the corpus the embedded model learned from made
 * ‘ ’ “ ” straight (training/build_corpus.py QUOTES) and has few « » „, so after a curly `“` it
 * predicted word pieces ("ess", "ation"). Same length as `text`: character offsets into the
 * document stay valid.
 */
export function withStraightQuotes(text: string): string {
  return text.replace(TYPOGRAPHIC_QUOTES, (quote) => ('\u2018\u2019\u201A\u201B'.includes(quote) ? "'" : '"'));
}
