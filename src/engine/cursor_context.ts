import { trailingWord } from './word_chars';

/** Longer "words" are pasted data (hashes, base64), not something a keyboard should complete. */
export const MAX_TYPED_WORD_LENGTH = 40;

/**
 * How the text before the cursor is split for the model. GPT-2 tokens carry their leading space
 * (" robot"), so the space before the current word belongs to the word, not to the context, and the
 * typed part is matched against tokens instead of being tokenized as if it were finished.
 */
export interface CursorContext {
  /** Length of the prefix of the text the model conditions on. */
  contextEnd: number;
  /** The part of the current word already typed, exactly as in the document. */
  typed: string;
  /** What the model's continuation must start with: the typed part, with its leading space if any. */
  required: string;
  /** After punctuation ("Hello,|") a candidate may bring its own leading space. */
  allowLeadingSpace: boolean;
}

export function splitAtCursor(text: string): CursorContext {
  const typed = trailingWord(text);
  const wordStart = text.length - typed.length;
  if (wordStart > 0 && text[wordStart - 1] === ' ') {
    return { contextEnd: wordStart - 1, typed, required: ' ' + typed, allowLeadingSpace: false };
  }
  const previous = wordStart > 0 ? text[wordStart - 1] : '';
  const allowLeadingSpace = typed === '' && previous !== '' && !/\s/u.test(previous);
  return { contextEnd: wordStart, typed, required: typed, allowLeadingSpace };
}
