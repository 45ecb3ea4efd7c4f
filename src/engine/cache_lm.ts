import { capitalise, isOrdinaryEnglish, isSentenceStart } from './case_rules';
import { writtenAsField } from './field_words';
import { lexiconCovers } from './lexicon';
import { CUE_LOOKBACK, followsSecretCue, looksSecret, mayFollowSecretCue, protectedPart, type ProtectedSpan } from './secret_filter';
import { tableSecretCells } from './secret_tables';
import { isApostrophe, isNameShaped, isShouting, isWordChar, wordKey } from './word_chars';

export { isSentenceStart };

/**
 * A cache language model over whole words: counts of the words (and word pairs) the person has
 * written, so that names and terms a small GPT-2 has never seen rank high after one use. It is
 * interpolated with GPT-2's word distribution; see `blendWithCaches` in cache_blend.ts.
 */
export interface CachedWord {
  /** Occurrences, all spellings together. */
  count: number;
  /** Occurrences not at a sentence start, by spelling: tells "Presage" (a name) from "The". */
  midSentenceForms: Map<string, number>;
  /** The first spelling seen, used when the word only ever appeared at sentence starts. */
  firstForm: string;
  /**
   * Occurrences written as a name mid-sentence ("we met Rose", "with Presage", "John Smith"): a capital
   * then lower case, not as a field or a hyphenated title ("control: Bump", "(Closes: #1)",
   * "Standards-Version"; field_words.ts).
   */
  capitalisedInProse: number;
}

const MIN_WORD_LENGTH = 2;
const MAX_WORD_LENGTH = 40;
/**
 * Stands for "a sentence or line starts here" as the previous word of a pair, so the cache learns
 * how this document starts its sentences and lines: a changelog's "Bump", "Update", "Fix", a
 * letter's "I". Not a possible word key (words never hold control characters).
 */
export const SENTENCE_START_KEY = '\u0002<s>';
/** Pairs only help once the previous word is known; this much weight goes to the single-word counts. */
const UNIGRAM_BACKOFF = 2;

export class WordCache {
  readonly words = new Map<string, CachedWord>();
  private readonly pairs = new Map<string, number>();
  private readonly pairTotals = new Map<string, number>();
  total = 0;

  /** An independent copy: counting more words into it leaves this cache as it is. */
  clone(): WordCache {
    const copy = new WordCache();
    for (const [key, entry] of this.words) copy.words.set(key, { ...entry, midSentenceForms: new Map(entry.midSentenceForms) });
    for (const [pair, count] of this.pairs) copy.pairs.set(pair, count);
    for (const [previous, count] of this.pairTotals) copy.pairTotals.set(previous, count);
    copy.total = this.total;
    return copy;
  }

  /**
   * Counts the whole words of `text` that start at or after `from`; earlier words only give the
   * first counted word its predecessor. A word still being typed must not be included.
   */
  add(text: string, weight = 1, from = 0): void {
    let previous: string | undefined;
    const recent: string[] = [];
    let lineStart = 0;
    let scanned = 0;
    // The last token judged by protectedPart: a word glued to others shares their verdict.
    let token = { end: -1, span: undefined as ProtectedSpan | undefined };
    // Credential cells of tables (`| Password |` columns), in order; `cell` is the first not yet passed.
    const cells = tableSecretCells(text);
    let cell = 0;
    for (const { word, start } of words(text)) {
      const end = start + word.length;
      // One forward pass for line starts: lastIndexOf per word is quadratic on a long line.
      for (; scanned < start; scanned++) if (text.charCodeAt(scanned) === 10) lineStart = scanned + 1;
      const key = keyOf(word);
      const cued = mayFollowSecretCue(recent, text.slice(Math.max(0, start - 4), start)) && followsSecretCue(text.slice(Math.max(0, start - 60), start), word);
      recent.push(key);
      if (recent.length > CUE_LOOKBACK) recent.shift();
      if (start >= token.end && isGlued(text, start, end)) token = gluedToken(text, start, end);
      while (cell < cells.length && cells[cell].end <= start) cell++;
      const inProtected = (start < token.end && token.span !== undefined && start >= token.span.start && start < token.span.end) || (cell < cells.length && cells[cell].start <= start);
      // A password written earlier in the document is never offered back (`pass: Wq7Lp2Nv`), nor is
      // any word of a key (`ghp` of `ghp_a8Kd…`), an e-mail address (`qxzvbn@…`) or a URL.
      if (cued || inProtected || looksSecret(word)) {
        previous = undefined;
        continue;
      }
      if (start < from) {
        previous = key;
        continue;
      }
      const sentenceStart = isSentenceStart(text.slice(Math.max(0, start - 16), start)) && (start > 0 || from === 0);
      let entry = this.words.get(key);
      if (!entry) this.words.set(key, (entry = { count: 0, midSentenceForms: new Map(), firstForm: word, capitalisedInProse: 0 }));
      entry.count += weight;
      // ALL-CAPS headings ("THE STATE OF THE UNION") say nothing about how a word is spelled in prose;
      // an acronym among lower-case words ("Water is H2O") does.
      const inProse = !isShouting(word) || /\p{Ll}/u.test(text.slice(Math.max(0, start - 12), start));
      if (!sentenceStart && inProse) {
        entry.midSentenceForms.set(word, (entry.midSentenceForms.get(word) ?? 0) + weight);
        // A Title Case heading ("## Test Case") is a title, not a run of names.
        if (isNameShaped(word) && !HEADING_LINE.test(text.slice(lineStart, lineStart + 8)) && !writtenAsField(text.slice(Math.max(0, start - 8), start), text.slice(end, end + 2))) entry.capitalisedInProse += weight;
      }
      this.total += weight;
      if (sentenceStart) previous = SENTENCE_START_KEY;
      if (previous !== undefined) {
        const pair = previous + '\u0000' + key;
        this.pairs.set(pair, (this.pairs.get(pair) ?? 0) + weight);
        this.pairTotals.set(previous, (this.pairTotals.get(previous) ?? 0) + weight);
      }
      previous = key;
    }
  }

  /** Counts one word on its own, as written mid-sentence: a dictionary entry keeps its capitals. */
  addWord(word: string, weight: number): void {
    if (looksSecret(word)) return;
    const key = keyOf(word);
    let entry = this.words.get(key);
    if (!entry) this.words.set(key, (entry = { count: 0, midSentenceForms: new Map(), firstForm: word, capitalisedInProse: 0 }));
    entry.count += weight;
    entry.midSentenceForms.set(word, (entry.midSentenceForms.get(word) ?? 0) + weight);
    if (isNameShaped(word)) entry.capitalisedInProse += weight;
    this.total += weight;
  }

  /**
   * P(word | previous word) for the cached words that start with the typed prefix, interpolating
   * pair counts with single-word counts. Not renormalized over the prefix: like GPT-2's word
   * probabilities, these are probabilities of the whole word, so the two can be mixed directly.
   */
  distribution(lowerPrefix: string, previous: string | undefined): Map<string, number> {
    const result = new Map<string, number>();
    if (this.total === 0) return result;
    const previousKey = previous === undefined ? undefined : keyOf(previous);
    const pairTotal = previousKey ? (this.pairTotals.get(previousKey) ?? 0) : 0;
    for (const [key, entry] of this.words) {
      if (!key.startsWith(lowerPrefix)) continue;
      const pairCount = previousKey ? (this.pairs.get(previousKey + '\u0000' + key) ?? 0) : 0;
      result.set(key, (pairCount + UNIGRAM_BACKOFF * (entry.count / this.total)) / (pairTotal + UNIGRAM_BACKOFF));
    }
    return result;
  }

  /** Whether the document writes the word anywhere but at a sentence start (its spelling there is evidence). */
  writtenMidSentence(key: string): boolean {
    return (this.words.get(key)?.midSentenceForms.size ?? 0) > 0;
  }

  /** How the word should be written: a name keeps its capitals, an ordinary word follows the typed case. */
  spelling(key: string, typed: string, atSentenceStart: boolean): string {
    const entry = this.words.get(key);
    const forms = entry ? [...entry.midSentenceForms.entries()].sort((a, b) => b[1] - a[1]) : [];
    const usual = forms[0]?.[0] ?? (entry ? sentenceStartSpelling(key, entry.firstForm) : key);
    const isName = usual !== usual.toLowerCase();
    if (isShouting(typed)) return usual.toUpperCase();
    // An English word's capitals make it a name here only where the document writes it as one
    // (capitalisedInProse); as a field, a title or in shouting ("MUST NOT") it is written in lower
    // case mid-sentence and follows lower-case typing ("st" → "standards", "no" → "not").
    if (isName && (entry?.capitalisedInProse ?? 0) === 0 && !/\p{Lu}/u.test(typed) && isOrdinaryEnglish(key, usual)) {
      const lower = typed + usual.slice(typed.length).toLowerCase();
      return typed === '' && atSentenceStart ? capitalise(lower) : lower;
    }
    if (isName) return usual;
    if (typed !== '') return typed + usual.slice(typed.length);
    return atSentenceStart ? usual.charAt(0).toUpperCase() + usual.slice(1) : usual;
  }
}

/**
 * How a word written only at sentence starts is offered mid-sentence: in lower case when it is an
 * English word ("The" → "the"), else as written, a name ("Zoë", "Okonkwo", "Kubernetes"), where
 * the word list can judge it (`lexiconCovers`).
 */
function sentenceStartSpelling(key: string, firstForm: string): string {
  return lexiconCovers(key) && !isOrdinaryEnglish(key, firstForm) && firstForm !== firstForm.toLowerCase() ? firstForm : firstForm.toLowerCase();
}

/** Whole words of the cache's kind: word characters, at least one letter, not starting with an apostrophe. */
export function* words(text: string): Generator<{ word: string; start: number }> {
  let start = -1;
  const chars = Array.from(text);
  let offset = 0;
  const flush = function* (end: number): Generator<{ word: string; start: number }> {
    if (start < 0) return;
    let word = text.slice(start, end);
    while (word.length > 0 && isApostrophe(word[word.length - 1])) word = word.slice(0, -1);
    if (word.length >= MIN_WORD_LENGTH && word.length <= MAX_WORD_LENGTH && /\p{L}/u.test(word)) yield { word, start };
    start = -1;
  };
  for (const ch of chars) {
    if (isWordChar(ch) && !(start < 0 && isApostrophe(ch))) {
      if (start < 0) start = offset;
    } else {
      yield* flush(offset);
    }
    offset += ch.length;
  }
  yield* flush(offset);
}

/**
 * How far `gluedToken` looks each way for the token's ends: an address or a key is shorter; a
 * longer run without spaces (CJK prose, a minified line) is judged by the part around the word.
 */
const MAX_GLUED_TOKEN = 256;

/**
 * Whether the word at [start, end) touches something other than whitespace: it is then part of a
 * longer token (`qxzvbn@gmail.com`, `ghp_a8Kd…`, `Hello,`) which decides whether it may be counted.
 * A word alone between spaces is judged by itself (`looksSecret` and the cue, in `add`).
 */
function isGlued(text: string, start: number, end: number): boolean {
  return (start > 0 && !isSpace(text.charCodeAt(start - 1))) || (end < text.length && !isSpace(text.charCodeAt(end)));
}

/** Whitespace as `\s` reads it; a space or a line break decided without a regular expression (called per word). */
function isSpace(code: number): boolean {
  return code === 32 || code === 10 || ((code === 9 || code === 13 || code > 127) && /\s/u.test(String.fromCharCode(code)));
}

/** The whitespace-delimited token around the word at [start, end), and its protected part (`protectedPart`). */
function gluedToken(text: string, start: number, end: number): { end: number; span: ProtectedSpan | undefined } {
  let from = start;
  while (from > 0 && start - from < MAX_GLUED_TOKEN && !isSpace(text.charCodeAt(from - 1))) from--;
  let to = end;
  while (to < text.length && to - end < MAX_GLUED_TOKEN && !isSpace(text.charCodeAt(to))) to++;
  return { end: to, span: protectedPart(text, from, to, false) };
}

/** A Markdown ATX heading line: "## Test Case". */
const HEADING_LINE = /^[ \t]*#{1,6}[ \t]/u;

/** Cache keys (`wordKey`): lower case, and ’ written as ' so that "don’t" and "don't" are one word. */
export const keyOf = wordKey;

/** What the cache's pairs condition on: SENTENCE_START_KEY at a sentence or line start, else the word before. */
export function pairContext(context: string): string | undefined {
  return isSentenceStart(context) ? SENTENCE_START_KEY : previousWord(context);
}

/** The word before the cursor's word, for the cache's pair counts. */
export function previousWord(context: string): string | undefined {
  let last: string | undefined;
  for (const { word } of words(context.slice(-200))) last = word;
  return last;
}
