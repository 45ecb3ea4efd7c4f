/**
 * What happens around an accepted suggestion, as on a phone keyboard (no `vscode` import, so it is
 * unit-tested in plain Node):
 * - the automatic space after an accepted word (`autoSpace`);
 * - the space swap: `.` `,` `;` `:` `!` `?` or a closing bracket or quote typed right after an
 *   automatic space takes that space's place (`word .` becomes `word.`), and so does a space (one
 *   space, not two, as LatinIME's phantom space gives);
 * - "revert commit" (AOSP LatinIME's name): the first Backspace right after an acceptance restores
 *   exactly what was typed before it. Any other key ends that chance.
 * Offsets are UTF-16 document offsets, as VS Code's `offsetAt` gives them.
 */

/** Characters that end a word and sit against it: no automatic space goes in front of them. */
const CLOSING = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', '"', "'", '\u201d', '\u2019', '\u00bb', '\u203a', '\u2026']);

/**
 * Characters that take the place of an automatic space typed right before them: closing punctuation,
 * and a space typed by the person (`much  for` had two).
 */
const SWAPPING = new Set([...CLOSING, ' ']);

/**
 * Whether accepting `inserted` should add one space. Not when the inserted text already ends in
 * whitespace, and not when the character after the cursor is whitespace or closing punctuation
 * (`charAfter` undefined = end of line, which gets the space like a phone keyboard).
 */
export function needsAutoSpace(inserted: string, charAfter: string | undefined): boolean {
  if (inserted === '' || /\s$/u.test(inserted)) return false;
  if (charAfter === undefined || charAfter === '') return true;
  return !/\s/u.test(charAfter) && !CLOSING.has(charAfter);
}

/** Whether a typed character takes the place of an automatic space before it. */
export function swapsAutoSpace(typed: string): boolean {
  return SWAPPING.has(typed);
}

/** One accepted suggestion, as the document looked right after it (and its automatic space). */
export interface Acceptance {
  uri: string;
  /** Document version after the acceptance and the automatic space. */
  version: number;
  /** Where the replaced text started. */
  start: number;
  /** What the person had typed there, which the acceptance replaced ('' for a next word). */
  typed: string;
  /** The inserted text, without the automatic space. */
  inserted: string;
  /** Whether one automatic space follows the inserted text. */
  autoSpace: boolean;
}

/** One change of a document, as in VS Code's TextDocumentContentChangeEvent. */
export interface Change {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

export interface TextEdit {
  start: number;
  end: number;
  text: string;
  /** Where the cursor goes after the edit. */
  cursor: number;
  /**
   * What the document must still hold at `guard.start` for the edit to apply: the editor applies it
   * a round trip later, after keys typed meanwhile (`stillHolds`).
   */
  guard: { start: number; text: string };
}

/**
 * Whether `edit` still applies to a document whose text at [start, start + length) is `read(start,
 * length)`: keys typed after the guarded text move none of its offsets, so the edit is retried there.
 */
export function stillHolds(edit: TextEdit, read: (start: number, length: number) => string): boolean {
  return read(edit.guard.start, edit.guard.text.length) === edit.guard.text;
}

/** End of an acceptance in the document: the cursor position right after it. */
export function acceptanceEnd(a: Acceptance): number {
  return a.start + a.inserted.length + (a.autoSpace ? 1 : 0);
}

/**
 * Remembers the last acceptance for as long as the next key may still act on it. The extension
 * feeds it every document change and cursor move; it answers with the edit to make, if any.
 */
export class AcceptanceMemory {
  private last: Acceptance | undefined;

  /** Called when the chance to revert appears or ends (the extension mirrors it in a context key). */
  constructor(private readonly onChange: (canRevert: boolean) => void = () => undefined) {}

  get current(): Acceptance | undefined {
    return this.last;
  }

  record(a: Acceptance): void {
    this.last = a;
    this.onChange(true);
  }

  clear(): void {
    if (!this.last) return;
    this.last = undefined;
    this.onChange(false);
  }

  /**
   * A document changed. Changes to the acceptance's own version or older are the acceptance's own
   * edits and are ignored. Anything newer ends the chance to revert; when it is exactly one swapping
   * character typed right after an automatic space, the answer is the edit that removes that space.
   */
  documentChanged(uri: string, version: number, changes: readonly Change[]): TextEdit | undefined {
    const a = this.last;
    if (!a || a.uri !== uri || version <= a.version) return undefined;
    this.clear();
    if (!a.autoSpace || changes.length !== 1) return undefined;
    const [c] = changes;
    const end = acceptanceEnd(a);
    if (c.rangeLength !== 0 || c.rangeOffset !== end || !swapsAutoSpace(c.text)) return undefined;
    // The space sits at end - 1; the typed character is now at `end`.
    return { start: end - 1, end: end, text: '', cursor: end, guard: { start: end - 1, text: ` ${c.text}` } };
  }

  /** The cursor moved (or the editor changed): the chance lasts only while it stays right after the acceptance. */
  cursorMoved(uri: string, offset: number, hasSelection: boolean): void {
    const a = this.last;
    if (!a) return;
    if (a.uri !== uri || hasSelection || offset !== acceptanceEnd(a)) this.clear();
  }

  /**
   * Backspace was pressed. When it comes right after an acceptance (same document version, cursor
   * right after it), the answer is the edit that restores the typed text; otherwise undefined, and
   * Backspace does what it always does.
   */
  revert(uri: string, version: number, cursor: number): TextEdit | undefined {
    const a = this.last;
    this.clear();
    if (!a || a.uri !== uri || a.version !== version || cursor !== acceptanceEnd(a)) return undefined;
    return { start: a.start, end: acceptanceEnd(a), text: a.typed, cursor: a.start + a.typed.length, guard: { start: a.start, text: a.inserted + (a.autoSpace ? ' ' : '') } };
  }
}
