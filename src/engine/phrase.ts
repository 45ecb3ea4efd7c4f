import { distributionOf, sampleIndex, topTokens } from './sampling';
import { looksSecret } from './secret_filter';
import { TokenKind, type Vocabulary } from './vocabulary';
import type { Expand, WordHypothesis } from './word_search';

/** A further word is offered only when the model gives it at least this probability. */
export const PHRASE_MIN_WORD_PROBABILITY = 0.25;
const MAX_TOKENS_PER_WORD = 5;

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
}

/**
 * Continues the best word with whole further words while the model stays confident (Smart Compose
 * style). It stops at punctuation, newlines and the end of text: ghost text should never guess them.
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
    if (wordTokens.length === 0 || Math.exp(logProb) < PHRASE_MIN_WORD_PROBABILITY) break;
    const next = wordTokens.map((t) => vocabulary.strings[t]).join('');
    // A small model loops ("the same as the same as"); a phrase never repeats one of its words.
    if (phrase.toLowerCase().split(/\s+/u).includes(next.trim().toLowerCase())) break;
    // The model can copy a password from the context; the secret filter holds for phrases too.
    if (looksSecret(next.trim())) break;
    // The phrase's case follows its first word: "united", typed "un" and shown lower-case where the
    // model read the name " United", never takes the name's capitalised rest ("united States").
    if (lowercasedName && /^\s*\p{Lu}/u.test(next) && !/^\s*I(?:'\p{L}+)?$/u.test(next)) break;
    tokens.push(...wordTokens);
    phrase += next;
  }
  return phrase;
}

/** Greedy at temperature 0 or with top-k = 1; otherwise a draw from the tempered top-k. */
function pick(logits: Float32Array, input: PhraseInput): number {
  if (input.temperature <= 0 || input.topK <= 1) return topTokens(logits, 1, () => true)[0];
  const candidates = topTokens(logits, input.topK, () => true);
  const distribution = distributionOf(logits, input.temperature);
  return candidates[sampleIndex(candidates.map((t) => Math.exp(distribution.logProb(t))), input.random)];
}
