import { FUNCTION_WORDS } from './function_words';
import { distributionOf, sampleIndex, topTokens } from './sampling';
import { shapeFault } from './word_shape';
import { TokenKind, type Vocabulary } from './vocabulary';
import { wordKey } from './word_chars';
import type { Expand, WordHypothesis } from './word_search';

/** A further word is offered only at this probability or more (GPT-2's blended with the word n-gram's: `furtherWordProbability`). */
export const PHRASE_MIN_WORD_PROBABILITY = 0.25;
const MAX_TOKENS_PER_WORD = 5;
/** The words before the cursor a phrase is checked against for a loop (`cutLoop`). */
export const LOOP_WINDOW_WORDS = 12;

export interface PhraseInput {
  vocabulary: Vocabulary;
  first: WordHypothesis;
  maxWords: number;
  /** Tokens the phrase may occupy after the context, first word included. */
  maxTokens: number;
  temperature: number;
  topK: number;
  random: () => number;
  expand: Expand;
  /** The text before the word as the model reads it, which the phrase must not loop back into (`endPhrase`). */
  before: string;
  /**
   * The word n-gram's say on a further word: P(word | the text before the word + `phrase`), a whole
   * word's probability, or undefined where the n-gram reads no context (ngram_blend.ts). Absent
   * without an n-gram.
   */
  ngram?: {
    weight: number;
    probability: (phrase: string, word: string) => number | undefined;
    /**
     * P(the n-gram's likeliest other word | the text before the word + `phrase`): the rival the blend
     * ranks the further word against (`outranked`). Undefined where the n-gram reads no context or offers none.
     */
    rival?: (phrase: string, word: string) => number | undefined;
  };
}

/**
 * Continues the best word with whole further words while the model stays confident (Smart Compose
 * style). It stops at punctuation, newlines and the end of text: ghost text should never guess them;
 * at a word it already holds, a secret or a name's capital; then `endPhrase` cuts a loop back into
 * the text and a dangling function word.
 */
export async function continuePhrase(input: PhraseInput): Promise<string> {
  const { vocabulary, first, maxWords } = input;
  let phrase = first.text;
  if (maxWords <= 1) return phrase;
  const tokens = [...first.tokens];
  const modelSpelling = first.tokens.map((t) => vocabulary.strings[t]).join('').trimStart();
  const lowercasedName = /^\p{Ll}/u.test(first.word) && /^\p{Lu}/u.test(modelSpelling);
  let logits = first.logitsAfter ?? (await input.expand(tokens));
  for (let words = 1; words < maxWords; words++) {
    const wordTokens: number[] = [];
    let logProb = 0;
    for (;;) {
      // Confidence is the model's own (T = 1): a greedy phrase (top-k 1) is the same at every temperature.
      const distribution = distributionOf(logits, 1);
      const token = pick(logits, input);
      const wanted = wordTokens.length === 0 ? TokenKind.SpacedWord : TokenKind.Continuation;
      const full = wordTokens.length === MAX_TOKENS_PER_WORD || tokens.length + wordTokens.length >= input.maxTokens;
      if ((vocabulary.kinds[token] & wanted) === 0 || full) break;
      wordTokens.push(token);
      logProb += distribution.logProb(token);
      logits = await input.expand([...tokens, ...wordTokens]);
    }
    if (wordTokens.length === 0) break;
    const next = wordTokens.map((t) => vocabulary.strings[t]).join('');
    const probability = furtherWordProbability(Math.exp(logProb), phrase, next.trim(), input.ngram);
    if (probability < PHRASE_MIN_WORD_PROBABILITY || outranked(probability, phrase, next.trim(), input.ngram)) break;
    // A small model loops ("the same as the same as"); a phrase never repeats one of its words.
    if (phrase.toLowerCase().split(/\s+/u).includes(next.trim().toLowerCase())) break;
    // A further word is held to the candidates' shape rules (word_shape.ts): no lone letter (a
    // dictionary's "n." after "Decoration"), no digits with a piece, and no password the model
    // copied from the context.
    if (shapeFault(next.trim(), '') !== undefined) break;
    // The phrase's case follows its first word: "united", typed "un" and shown lower-case where the
    // model read the name " United", never takes the name's capitalised rest ("united States").
    if (lowercasedName && /^\s*\p{Lu}/u.test(next) && !/^\s*I(?:'\p{L}+)?$/u.test(next)) break;
    tokens.push(...wordTokens);
    phrase += next;
  }
  return endPhrase(phrase, input.before);
}

/**
 * A further word's probability as the candidates' is: GPT-2's blended with the word n-gram's, as
 * ngram_blend.ts blends them before a word. GPT-2 alone offered "I hope you're " → "doing this".
 */
function furtherWordProbability(model: number, phrase: string, word: string, ngram: PhraseInput['ngram']): number {
  const counted = ngram?.probability(phrase, word);
  return ngram === undefined || counted === undefined ? model : (1 - ngram.weight) * model + ngram.weight * counted;
}

/**
 * Whether the n-gram's own likeliest other word certainly outranks the further word in the blend:
 * its n-gram share alone, weight × P_ngram(rival), is above the word's blended probability (GPT-2's
 * share of the rival can only add to it). A phrase is greedy in GPT-2's tokens, so its further word is
 * GPT-2's best and not the blend's: "It only costs $5 " went on "per cent" (GPT-2's State of the Union
 * reading, about 0.6) where the counts say "per person" (0.96).
 */
function outranked(probability: number, phrase: string, word: string, ngram: PhraseInput['ngram']): boolean {
  const rival = ngram?.rival?.(phrase, word);
  return ngram !== undefined && rival !== undefined && ngram.weight * rival > probability;
}

/**
 * Where a phrase may end, as an ordered list of cuts, each keeping at least the first word (the
 * candidate itself): a loop is cut first, so that a function word it leaves at the end goes too
 * ("of the year" after "In the year " → "of the" → "of").
 */
const PHRASE_ENDS: ReadonlyArray<(words: readonly string[], before: readonly string[]) => number> = [cutLoop, trimFunctionWords];

/**
 * `phrase` (the best word and the words after it, each with the space before it) cut by PHRASE_ENDS
 * given `before`, the text before the word: never shorter than its first word.
 */
export function endPhrase(phrase: string, before: string): string {
  let pieces: string[] = phrase.match(/\s*\S+/gu) ?? [];
  if (pieces.length <= 1) return phrase;
  const earlier = (before.match(/[\p{L}\p{N}\p{M}'\u2019]+/gu) ?? []).slice(-LOOP_WINDOW_WORDS).map(wordKey);
  for (const end of PHRASE_ENDS) pieces = pieces.slice(0, Math.max(1, end(pieces.map((p) => wordKey(p.trim())), earlier)));
  return pieces.join('');
}

/**
 * How many words of a phrase stay before the first word that loops back into the text: one that
 * repeats three words in a row of the text before the cursor (`earlier`, its last LOOP_WINDOW_WORDS
 * words) or of the phrase ("The house of the " + "house of the": "the house of" again), or the two
 * words right before the cursor ("In the year " + "of the year": "the year" again). A small model
 * loops on what it just read.
 */
export function cutLoop(words: readonly string[], earlier: readonly string[]): number {
  const text = [...earlier, ...words];
  const echo = earlier.slice(-2).join(' ');
  for (let i = 1; i < words.length; i++) {
    const end = earlier.length + i + 1;
    if (occursBefore(text, end, 3) || (earlier.length >= 2 && text.slice(end - 2, end).join(' ') === echo)) return i;
  }
  return words.length;
}

/** Whether the `n` words of `text` that end at `end` occur earlier in `text`, overlapping them or not. */
function occursBefore(text: readonly string[], end: number, n: number): boolean {
  if (end - n < 1) return false;
  const tail = text.slice(end - n, end).join(' ');
  for (let start = 0; start + n < end; start++) if (text.slice(start, start + n).join(' ') === tail) return true;
  return false;
}

/**
 * How many words of a phrase stay when its trailing function words go ("report of the" → "report"):
 * ghost text that ends on "the" or "of" asks for a word it does not give. The first word stays.
 */
export function trimFunctionWords(words: readonly string[]): number {
  let n = words.length;
  while (n > 1 && FUNCTION_WORDS.has(words[n - 1])) n--;
  return n;
}

/** Greedy at temperature 0 or with top-k = 1; otherwise a draw from the tempered top-k. */
function pick(logits: Float32Array, input: PhraseInput): number {
  if (input.temperature <= 0 || input.topK <= 1) return topTokens(logits, 1, () => true)[0];
  const candidates = topTokens(logits, input.topK, () => true);
  const distribution = distributionOf(logits, input.temperature);
  return candidates[sampleIndex(candidates.map((t) => Math.exp(distribution.logProb(t))), input.random)];
}
