/**
 * Where predictions go in the document, as plain offsets/columns. No `vscode` import, so unit-testable.
 */
import { tableStartBefore } from '../engine/secret_tables';
import { needsAutoSpace } from './acceptance';

/** The engine never needs more than this much text before the cursor (its context is far shorter). */
export const MAX_CONTEXT_CHARS = 32_000;
/** How far before the context a table's header is looked for (a password manager's export runs to thousands of rows). */
const MAX_TABLE_HEADER_CHARS = 128_000;
/** How much around the context's start is read first, to see whether it falls in a table. */
const TABLE_PROBE_CHARS = 2_000;

/**
 * Offset of the first character to send to the engine for a cursor at `cursorOffset`: at most
 * `maxChars` before it, on a multiple of maxChars / 8 characters. The start then stays put while a
 * person types in a long document, so each keystroke's text extends the last one's and the answers
 * prepared in a pause (same text, same offset) can be used; a start that moved with every character
 * made every request new.
 */
export function contextStart(cursorOffset: number, text?: string, maxChars = MAX_CONTEXT_CHARS): number {
  const step = Math.max(1, Math.floor(maxChars / 8));
  let start = Math.max(0, Math.ceil((cursorOffset - maxChars) / step) * step);
  // Never start in the middle of a surrogate pair: the tokenizer would see a lone half.
  if (text !== undefined && start > 0) {
    const code = text.charCodeAt(start);
    if (code >= 0xdc00 && code <= 0xdfff) start++;
  }
  return start;
}

/**
 * The text before a cursor at `cursorOffset` to send to the engine, read through `read(start, end)`
 * (document offsets): at most `maxChars` from contextStart's steady start, and never starting on the
 * second half of a surrogate pair. A start inside a table moves back to the table's first line (at
 * most MAX_TABLE_HEADER_CHARS back), so that the engine sees which column holds a password.
 */
export function contextWindow(cursorOffset: number, read: (start: number, end: number) => string, maxChars = MAX_CONTEXT_CHARS): { text: string; start: number } {
  const start = tableHeaderStart(contextStart(cursorOffset, undefined, maxChars), cursorOffset, read);
  const raw = read(start, cursorOffset);
  const code = raw.charCodeAt(0);
  const skip = start > 0 && code >= 0xdc00 && code <= 0xdfff ? 1 : 0;
  return { text: raw.slice(skip), start: start + skip };
}

/** `start`, or the first line of the table (secret_tables.ts `tableStartBefore`) that holds it. */
function tableHeaderStart(start: number, cursorOffset: number, read: (start: number, end: number) => string): number {
  if (start === 0) return 0;
  // A cheap look around the start first: most long documents do not start their context in a table.
  const nearFrom = Math.max(0, start - TABLE_PROBE_CHARS);
  const nearTo = Math.min(cursorOffset, start + TABLE_PROBE_CHARS);
  const near = tableStartBefore(read(nearFrom, nearTo), start - nearFrom);
  if (near > 0 || nearFrom === 0) return nearFrom + near;
  const from = Math.max(0, start - MAX_TABLE_HEADER_CHARS);
  return from + tableStartBefore(read(from, nearTo), start - from);
}

/**
 * Column where the replaced range starts: the cursor minus the part of the word already typed.
 * Undefined when the line no longer ends with `typed` (the answer is for text that changed since).
 * The range covers the typed part so VS Code keeps the ghost text while the person types matching
 * characters and after a backspace, instead of dropping it.
 */
export function replaceStartColumn(lineBeforeCursor: string, typed: string): number | undefined {
  if (!lineBeforeCursor.endsWith(typed)) return undefined;
  return lineBeforeCursor.length - typed.length;
}

/**
 * The text a strip pick inserts in place of `typed`: the candidate, then an automatic space like a
 * phone keyboard (see `needsAutoSpace`: none before closing punctuation). Where whitespace already
 * follows the cursor, no space is added and the cursor moves past it. `autoSpace` false: the
 * candidate alone.
 */
export function pickInsertion(candidateText: string, charAfterCursor: string | undefined, autoSpace = true): { text: string; skipFollowingSpace: boolean } {
  if (!autoSpace) return { text: candidateText, skipFollowingSpace: false };
  const followedBySpace = charAfterCursor !== undefined && /^[ \t]$/.test(charAfterCursor);
  if (followedBySpace) return { text: candidateText, skipFollowingSpace: true };
  return { text: needsAutoSpace(candidateText, charAfterCursor) ? candidateText + ' ' : candidateText, skipFollowingSpace: false };
}

/**
 * Items to offer. On automatic triggers only the best phrase, so the editor never flickers between
 * alternatives; when the person cycles, the phrase followed by the other ranked candidates.
 * Duplicates are dropped because VS Code would show them as separate, identical entries.
 */
export function inlineTexts(phrase: string, candidateTexts: readonly string[], cycling: boolean): string[] {
  const out: string[] = [];
  const add = (t: string): void => {
    if (t.trim().length > 0 && !out.includes(t)) out.push(t);
  };
  add(phrase);
  // No phrase is the engine's answer (nothing confident enough): the candidates wait for an explicit ask.
  if (!cycling) return out;
  // The best candidate is the phrase's first word; offering it alone again would look like no change.
  candidateTexts.forEach((t, i) => {
    if (i === 0 && phrase.startsWith(t)) return;
    add(t);
  });
  return out;
}

/**
 * What Alt+] / Alt+[ walk through: one entry per candidate whose text extends the typed part, the
 * best one as the whole phrase. `index` is the candidate's rank (0-based), which the strip marks.
 */
export function cycleTexts(phrase: string, candidateTexts: readonly string[], typed: string): Array<{ index: number; text: string }> {
  const out: Array<{ index: number; text: string }> = [];
  candidateTexts.forEach((t, index) => {
    const text = index === 0 && phrase.startsWith(t) ? phrase : t;
    if (text.startsWith(typed) && text.length > typed.length && text.trim() !== '' && !out.some((o) => o.text === text)) out.push({ index, text });
  });
  return out;
}
