/**
 * Where a predicted word may go: the one rule behind the ghost text (Tab, cycling, Ctrl+Right) and
 * the suggestion strip. No `vscode` import.
 *
 * Rule: a word is offered only where inserting it cannot glue it to the text after the cursor, as a
 * phone keyboard offers nothing while the cursor touches a word. The cursor must be followed by
 * whitespace, the end of the line, or closing punctuation (`.` `,` `;` `:` `!` `?` `)` `]` `}` `…`,
 * a closing quote or emphasis mark). Every other follower gets no prediction:
 * - a letter or digit, or an apostrophe that continues the word before the cursor (`rob|ot`,
 *   `don|'t`): the cursor is inside a word, a completion would repeat its rest (`don't't`);
 * - an opening bracket, quote or markup (`[docs]`, `(`, `#`, `"quoted"`): the word would be glued
 *   to it (`first[docs]`, `word(`, `The##`).
 * At the start of a line (nothing but indentation before the cursor), text that opens with block
 * markup (`#`, `>`, `-`, `*`, `+`, `1.`, `1)`, a code fence, a table row) is structure, not prose,
 * in every language: no word goes in front of it.
 * Because the follower is whitespace or closing punctuation, every prefix of an accepted phrase
 * (Ctrl+Right takes one word at a time) is clean too.
 */
import { isApostrophe, isWordChar } from '../engine/word_chars';

export type InsertionVerdict =
  | { ok: true }
  /** `inside-word`: the cursor touches a word; `glued`: the follower is not closing punctuation; `markup`: line-start structure. */
  | { ok: false; reason: 'inside-word' | 'glued' | 'markup' };

/** Always closing: a word may end right before them. */
const CLOSERS = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', '…', '”', '»', '›']);
/** Open or close depending on what follows: `*bold|*` closes, `|*bold*` opens. */
const SYMMETRIC = new Set(['"', "'", '’', '*', '_', '`', '~']);
const LINE_START_MARKUP = /^(?:#{1,6}(?:\s|$)|>|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|```|~~~|\|)/u;

/** The last code point of `text` (a whole surrogate pair), or undefined when empty. */
function lastCodePoint(text: string): string | undefined {
  if (text === '') return undefined;
  const low = text.charCodeAt(text.length - 1);
  if (text.length >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(text.length - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(-2);
  }
  return text.slice(-1);
}

function firstCodePoint(text: string): string | undefined {
  const cp = text.codePointAt(0);
  return cp === undefined ? undefined : String.fromCodePoint(cp);
}

/**
 * Whether the cursor between `before` and `after` (the line's text on either side) is inside a
 * word. Uses the engine's word characters, so the editor and the engine agree on what a word is:
 * apostrophes belong to a word but never start one (`don|'t` is inside, `say |'hi'` is not).
 */
export function isInsideWord(before: string, after: string): boolean {
  const next = firstCodePoint(after);
  if (next === undefined || !isWordChar(next)) return false;
  if (!isApostrophe(next)) return true;
  const previous = lastCodePoint(before);
  return previous !== undefined && isWordChar(previous);
}

/** Whether `after` starts with punctuation a word may end against (see the module comment). */
export function startsWithClosingPunctuation(after: string): boolean {
  const next = firstCodePoint(after);
  if (next === undefined) return false;
  if (CLOSERS.has(next)) return true;
  if (!SYMMETRIC.has(next)) return false;
  // A run of the same mark (`**`, ``` `` ```) closes when no word starts right after it.
  let i = 0;
  while (i < after.length && after[i] === next) i++;
  const following = firstCodePoint(after.slice(i));
  return following === undefined || !isWordChar(following);
}

/** Whether a predicted word may be inserted at `column` of `lineText`; see the module comment. */
export function insertionAt(lineText: string, column: number): InsertionVerdict {
  const before = lineText.slice(0, column);
  const after = lineText.slice(column);
  if (after === '' || /^\s/u.test(after)) return { ok: true };
  if (isInsideWord(before, after)) return { ok: false, reason: 'inside-word' };
  if (before.trim() === '' && LINE_START_MARKUP.test(after)) return { ok: false, reason: 'markup' };
  if (startsWithClosingPunctuation(after)) return { ok: true };
  return { ok: false, reason: 'glued' };
}
