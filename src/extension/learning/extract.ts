/**
 * Which words an edit finished, read from the text of the line before the edit and the inserted
 * text: typing a space after "Zorblaxian," finishes that word; accepting the ghost text "robot
 * walked" finishes "robot". A word counts only once its whole whitespace-delimited token is
 * complete, so `example.com`, `a@b.org` or `key=value` are judged as a whole, never learned piece
 * by piece while they are typed. No `vscode` import.
 */
import { writtenAsField } from '../../engine/field_words';
import { followsSecretCue, isLearnableWord, isSecretKey, isSensitiveToken } from './secrets';

export interface Learned {
  words: string[];
  /** Two-word sequences ("dear Sam") of learnable words separated by one space. */
  phrases: string[];
}

/** Longest inserted text still treated as typing (or an accepted suggestion) rather than a paste. */
export const MAX_TYPED_INSERT = 80;

interface Token {
  text: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/\S+/gu)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** Words inside a token: runs of letters, marks and digits with inner apostrophes; hyphens split. */
function wordsOf(token: string): Array<{ word: string; start: number; end: number }> {
  const out: Array<{ word: string; start: number; end: number }> = [];
  for (const m of token.matchAll(/[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu)) out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** `password: x`, `API_KEY=x`, `token = x`: the token at `i` is the value of a secret. */
function followsSecretKey(all: readonly Token[], i: number, text?: string): boolean {
  const previous = all[i - 1];
  if (!previous) return false;
  // `the pin is 4821`, `code X7Q2`: the prose forms of the same thing.
  if (text !== undefined && followsSecretCue(text.slice(0, all[i].start), all[i].text)) return true;
  if (isSecretKey(previous.text)) return true;
  const key = all[i - 2];
  return /^[:=]$/.test(previous.text) && key !== undefined && isSecretKey(key.text + previous.text);
}

/** Line starts and sentence ends: a capital there says nothing about the word. */
function atSentenceStart(previous: Token | undefined): boolean {
  return previous === undefined || /[.!?:]["'’”)\]]*$/u.test(previous.text) || /^(?:#+|[-*+>]|\d+[.)])$/u.test(previous.text);
}

/** "The" at a sentence start (or as a field) is the word "the"; "Sam" or "NASA" keep their capitals. */
function normalizeCase(word: string, sentenceStart: boolean): string {
  if (!sentenceStart) return word;
  const rest = word.slice(1);
  return rest === rest.toLowerCase() ? word.toLowerCase() : word;
}

/**
 * Words (and two-word phrases) finished by inserting `inserted` after `before` (the line's text
 * up to where the insertion starts). Empty for pastes (long or multi-line insertions) and for
 * edits that do not end a token.
 */
export function finishedByEdit(before: string, inserted: string): Learned {
  const learned: Learned = { words: [], phrases: [] };
  const newline = inserted.search(/\r?\n/);
  // Enter ends the line's last token; anything after it (indentation) is not text yet.
  const head = newline >= 0 ? inserted.slice(0, newline) + '\n' : inserted;
  if (head.length > MAX_TYPED_INSERT || (newline >= 0 && inserted.slice(newline).trim() !== '')) return learned;
  if (!/\s/u.test(head)) return learned;
  const text = before + head;
  const all = tokens(text);
  for (let i = 0; i < all.length; i++) {
    const token = all[i];
    // Finished by this edit: ends at or after the insertion point, followed by whitespace.
    if (token.end < before.length || token.end >= text.length) continue;
    const previous = all[i - 1];
    if (isSensitiveToken(token.text) || followsSecretKey(all, i, text)) continue;
    const words = wordsOf(token.text);
    words.forEach((w, k) => {
      const first = k === 0 && w.start === 0;
      // A field or a title's capital ("(Closes: #1)", "Standards-Version") is not a name's either.
      const word = normalizeCase(w.word, (first && atSentenceStart(previous)) || writtenAsField(text.slice(0, token.start + w.start), text.slice(token.start + w.end)));
      if (!isLearnableWord(word)) return;
      learned.words.push(word);
      // A phrase only across a plain space: "robot, then" is two thoughts, not a phrase.
      if (!first || !previous || previous.end + 1 !== token.start || /[^\p{L}\p{M}\p{N}'’]/u.test(previous.text)) return;
      const before2 = all[i - 2];
      const prevWord = normalizeCase(previous.text, atSentenceStart(before2));
      if (isLearnableWord(prevWord) && !isSensitiveToken(previous.text) && !followsSecretKey(all, i - 1, text)) learned.phrases.push(`${prevWord} ${word}`);
    });
  }
  return learned;
}
