import { isEnglishWord } from './lexicon';

/**
 * Where a word starts a sentence, for capitalising it: after `.`, `!`, `?`, a paragraph break, at
 * the start of the text, after a Markdown heading marker or a list marker; not after an
 * abbreviation that a name or a word follows (`Prof.`, `Mr.`, `Dr.`, `e.g.`, `i.e.`, `etc.`).
 * `context` is the text before the word as the model reads it (a soft-wrapped line break is a space).
 */

/** Titles written before a name (`Mr. Smith`, `Dr. Okafor`, `St. Louis`). Lower case, without the dot. */
export const TITLES: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'st', 'mt', 'rev', 'capt', 'lt', 'sgt', 'gov']);

/** Abbreviations after which the next word is not a sentence start. Lower case, without the final dot. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  // Titles, and words after a name; words that end a sentence as often as they abbreviate ("no.", "co.") are left out.
  ...TITLES, 'sr', 'jr',
  'e.g', 'i.e', 'cf', 'vs', 'approx', 'fig', 'figs', 'vol', 'viz',
]);

/** A sentence's end, its closing quotes or brackets, and an opening quote or bracket of the next one (`smiled. "`, `late. (`). */
const AFTER_TERMINAL = /[.!?…]["'”’)\]]*(?:\s+["'“‘([]+)?\s*$/u;
const LINE_MARKER = /(?:^|\n)[ \t]*(?:#{1,6}|[-*+>]|\d{1,9}[.)])[ \t]+$/u;

/** Characters a sentence start can follow (after trailing whitespace): ends of sentences and markers. */
const BEFORE_START = new Set(['.', '!', '?', '…', '"', "'", '”', '’', ')', ']', '#', '-', '*', '+', '>', '“', '‘', '(', '[']);

export function isSentenceStart(context: string): boolean {
  // Fast path, called for every word when a document is counted: look at the last visible character.
  let end = context.length;
  while (end > 0 && /\s/u.test(context[end - 1])) {
    if (context[end - 1] === '\n') return true;
    end--;
  }
  if (end === 0) return true;
  if (!BEFORE_START.has(context[end - 1])) return false;
  if (/\n\s*$/u.test(context) || LINE_MARKER.test(context)) return true;
  if (!AFTER_TERMINAL.test(context)) return false;
  // "Prof. " and "e.g. ": the word before the dot is an abbreviation, so the sentence goes on.
  const abbreviation = /(?:^|[\s(["“‘])((?:\p{L}\.)*\p{L}+)\.\s*$/u.exec(context);
  return !(abbreviation && isAbbreviation(abbreviation[1]));
}

/**
 * Whether `word` (any case, without its final dot) is an abbreviation after which the sentence goes
 * on (`Mr`, `Prof`, `e.g`). training/build_ngram.py holds the same list (a unit test compares them).
 */
export function isAbbreviation(word: string): boolean {
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** `word` with its first letter in upper case. */
export function capitalise(word: string): string {
  const first = Array.from(word)[0] ?? '';
  return first.toUpperCase() + word.slice(first.length);
}

/** The pronoun I and its contractions (i, i'm, i've) are always written with a capital. */
export function pronounI(word: string): string {
  return /^i(?:['\u2019]\p{L}+)?$/u.test(word) ? 'I' + word.slice(1) : word;
}

/**
 * Capitals the corpus gives a word (the n-gram's usual form) never override lower-case typing of an
 * English word: "nor" → "north" (not "North"), "gov" → "government". Names ("andr" → "Andrew") and
 * the pronoun I keep theirs. `key` is the word in lower case, `form` the capitalised spelling. The
 * document cache applies `isOrdinaryEnglish` with its own evidence of names (cache_lm.ts).
 */
export function keepsTypedCase(typed: string, key: string, form: string): boolean {
  return typed !== '' && !/\p{Lu}/u.test(typed) && isOrdinaryEnglish(key, form);
}

/** An English word (the word list) other than the pronoun I and its contractions; `form` is how it is written. */
export function isOrdinaryEnglish(key: string, form: string): boolean {
  return !/^I(?:['\u2019]\p{L}+)?$/u.test(form) && isEnglishWord(key);
}
