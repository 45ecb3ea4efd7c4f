import type { CursorContext } from './cursor_context';
import { isEnglishWord } from './lexicon';
import { distributionOf, topTokens } from './sampling';
import type { Vocabulary } from './vocabulary';
import { isAllWordChars, isApostrophe, isShouting, isWordLike } from './word_chars';
import { shapeFault } from './word_shape';

/** Returns the next-token logits after the context followed by `tokens`. */
export type Expand = (tokens: readonly number[]) => Promise<Float32Array>;

export interface WordHypothesis {
  word: string;
  /** Replaces the typed part: the word, with a leading space when one is needed. */
  text: string;
  probability: number;
  /** The tokens that spell `text` after the context, and the logits after them when known. */
  tokens: number[];
  logitsAfter?: Float32Array;
  /** A name in its source, written here in the typed lower case ("lolium" from the n-gram's "Lolium"). */
  lowerCasedName?: boolean;
}

export interface WordSearchInput {
  vocabulary: Vocabulary;
  cursor: CursorContext;
  rootLogits: Float32Array;
  /** Probabilities are taken at this temperature; 0 means the model's own (1). */
  temperature: number;
  wanted: number;
  /** Model calls the search may spend beyond the root; bounds the latency of one keystroke. */
  maxExpansions: number;
  expand: Expand;
  /** Calls whose answer is already known cost nothing and do not count against the budget. */
  isRemembered?: (tokens: readonly number[]) => boolean;
  /** Answers several expansions at once, so that they are remembered. */
  prefetch?: (rows: ReadonlyArray<readonly number[]>) => Promise<void>;
  /**
   * What was typed is itself a word (`Hello`, `Beautiful`): its own spelling is scored first, so it
   * is a candidate even where the model gives it too little to be reached by the search.
   */
  typedIsWord?: boolean;
  /**
   * Words that complete what was typed and that the model rarely spells, scored like the typed word
   * by their own BPE spelling (`accentedCompletions`: "résumé" for "résu", which the model gives
   * " résum" + "é" at e^-11 and the search never reaches), or that respell the typed letters
   * (`contractionCompletions`: "don't" for "dont"), which the search, bound to the typed letters,
   * cannot reach at all.
   */
  listedWords?: readonly string[];
}

interface SearchNode {
  tokens: number[];
  text: string;
  logProb: number;
}

const MAX_TOKENS_PER_WORD = 6;
/** The typed word's own spelling is scored up front only when it is this short in tokens. */
const TYPED_WORD_MAX_TOKENS = 3;
/** Past the document start, a typed word scored on its own ranks after the words the search found. */
const TYPED_WORD_BELOW_FOUND = 0.9;
/** Listed words (`listedWords`) scored at most, each with model calls of its own. */
const MAX_LISTED_WORDS = 4;
const CHILD_BRANCHING = 3;
const MAX_FRONTIER = 64;
/**
 * Root candidates asked about in one batched call. Measured: 3 instead of 6 gave the same KSR on
 * held-out text and a lower keystroke p95 (the rest are expanded one by one only when needed).
 */
const ROOT_PREFETCH = 3;
/**
 * A next word must end where it is spelled at least this often (the share of word-ending tokens
 * after it); below it the spelling is a piece or a dictionary's abbreviated label, which the model
 * learned from GCIDE's headword lines. Measured after "Label: " (end share): Dec 0.18, Att 0.23,
 * Enc 0.30, Inc 0.11, Dep 0.14, Tr 0.21, St 0.34, Re 0.32, Di 0.29 against Done 0.93, None 0.91,
 * Friday 0.71, "I" 0.55, "Dr" 0.48 and "Dec" after "on" 0.38. On the 1,434 tuning words, KSR at
 * N=1 / N=3 and top-3: 0.1 44.17 / 55.54 / 33.78 %, 0.3 and 0.5 both 44.17 / 55.56 / 33.91 % (top-1
 * 22.21 % for all three); 0.35 keeps a margin below "I" and "Dr".
 */
const MIN_WORD_END_SHARE = 0.35;
/** Bounds the search's own arithmetic even when remembered model calls make visits free. */
const MAX_VISITS_PER_WANTED = 4;

/**
 * Best-first search over token sequences for whole words. A node's probability bounds every word
 * below it, and a word's probability is its tokens' probability times the probability that the
 * next token ends it, so the search can stop as soon as no open node can beat the words found.
 */
export async function searchWords(input: WordSearchInput): Promise<WordHypothesis[]> {
  const { vocabulary, cursor, wanted } = input;
  const temperature = input.temperature > 0 ? input.temperature : 1;
  const required = cursor.required.toLowerCase();
  const results = new Map<string, WordHypothesis>();
  const frontier: SearchNode[] = [{ tokens: [], text: '', logProb: 0 }];
  let expansions = 0;
  /** End shares of the expanded one-token words, for those the budget leaves unexpanded. */
  const siblingShares = { sum: 0, count: 0 };

  const isCovered = (node: SearchNode): boolean => node.text.length >= required.length && node.tokens.length > 0;
  const recorded = new Set<string>();
  // `as`: a listed word that respells the typed letters ("dont" → "don't"), which spell() cannot.
  const record = (node: SearchNode, probability: number, logitsAfter?: Float32Array, as?: string): void => {
    const spelled = as === undefined ? spell(node.text, cursor) : { word: as, text: as };
    if (!spelled) return;
    // The typed word's own spelling is scored up front; the search may reach it again.
    const path = node.tokens.join(',');
    if (recorded.has(path)) return;
    recorded.add(path);
    const existing = results.get(spelled.word);
    if (existing) existing.probability += probability;
    else results.set(spelled.word, { ...spelled, probability, tokens: node.tokens, logitsAfter });
  };
  const kthBestLogProb = (): number => {
    if (results.size < wanted) return -Infinity;
    const probabilities = [...results.values()].map((r) => r.probability).sort((a, b) => b - a);
    return Math.log(probabilities[wanted - 1]);
  };

  for (let visits = 0; frontier.length > 0 && visits < MAX_VISITS_PER_WANTED * wanted + 8; visits++) {
    const node = frontier.shift() as SearchNode;
    if (node.logProb <= kthBestLogProb()) break;
    let logits: Float32Array | undefined;
    if (node.tokens.length === 0) logits = input.rootLogits;
    else if (input.isRemembered?.(node.tokens)) logits = await input.expand(node.tokens);
    else if (expansions < input.maxExpansions) {
      logits = await input.expand(node.tokens);
      expansions++;
    }
    const wholeToken = isCovered(node) && node.tokens.length === 1;
    if (!logits) {
      // Out of budget: a single whole token is most likely a whole word, but how often it ends there
      // is unknown. Its expanded siblings' mean end share stands in for it: at the full probability,
      // unexpanded pieces outranked expanded words ("Attendees: " → " Inc", which ends 11 % of the
      // time). An unexpanded longer spelling ("States" + "ing") is too speculative.
      if (wholeToken) record(node, Math.exp(node.logProb) * (siblingShares.count > 0 ? siblingShares.sum / siblingShares.count : 1));
      continue;
    }
    const distribution = distributionOf(logits, temperature, vocabulary.boundaryMask);
    if (wholeToken) {
      siblingShares.sum += distribution.markedShare;
      siblingShares.count++;
    }
    // Before the first letter, a spelling that the model itself nearly always goes on from (" Att"
    // after "Attendees: " ends there 4 % of the time) is a piece of a word, never offered as one.
    if (isCovered(node) && !(cursor.typed === '' && distribution.markedShare < MIN_WORD_END_SHARE)) record(node, Math.exp(node.logProb) * distribution.markedShare, logits);
    if (node.tokens.length >= MAX_TOKENS_PER_WORD) continue;
    const branching = node.tokens.length === 0 ? wanted + 3 : CHILD_BRANCHING;
    const children = childTokens(vocabulary, cursor, required, node, logits, branching);
    // The root's children are looked at next: ask about them together, in one batched model call.
    if (node.tokens.length === 0) await input.prefetch?.(children.slice(0, Math.min(ROOT_PREFETCH, input.maxExpansions)).map((token) => [token]));
    for (const token of children) {
      insertByProbability(frontier, { tokens: [...node.tokens, token], text: node.text + vocabulary.strings[token], logProb: node.logProb + distribution.logProb(token) });
    }
    if (frontier.length > MAX_FRONTIER) frontier.length = MAX_FRONTIER;
  }
  /**
   * Scores `spelling` (what replaces the typed part, its space included) by its own BPE tokens, with
   * model calls of its own (one per token, at most `maxTokens`), so the search's budget is untouched.
   */
  const scoreSpelling = async (spelling: string, maxTokens: number, as?: string): Promise<void> => {
    const path = vocabulary.encode(spelling);
    if (path.length === 0 || path.length > maxTokens) return;
    let seedCalls = 0;
    let logits: Float32Array | undefined = input.rootLogits;
    let logProb = 0;
    for (let i = 0; i < path.length && logits; i++) {
      logProb += distributionOf(logits, temperature, vocabulary.boundaryMask).logProb(path[i]);
      const prefix = path.slice(0, i + 1);
      if (input.isRemembered?.(prefix)) logits = await input.expand(prefix);
      else if (seedCalls < maxTokens) {
        logits = await input.expand(prefix);
        seedCalls++;
      } else logits = undefined;
      if (!logits && i === path.length - 1) record({ tokens: path, text: spelling, logProb }, Math.exp(logProb), undefined, as);
    }
    if (logits) record({ tokens: path, text: spelling, logProb }, Math.exp(logProb) * distributionOf(logits, temperature, vocabulary.boundaryMask).markedShare, logits, as);
  };
  // A typed "i" is the pronoun I (word_shape.ts lists it right after the best word), so it is scored
  // even when the search filled the list with "in", "is", "it", "if", "into".
  const pronoun = cursor.typed === 'i';
  if (input.typedIsWord && cursor.typed !== '' && isAllWordChars(cursor.typed) && !results.has(cursor.typed) && (results.size < wanted || pronoun)) {
    // Best-first over pieces spends its model calls on short pieces ("H", "he", "Hel"), which bound
    // many words, before the whole token "Hello"; where the model expects little (the document's first
    // word, after <|endoftext|>) the typed word then never became a candidate and the list was empty
    // or held one longer word. Then its BPE spelling is scored, after the search and with calls of
    // its own, so the search's budget is untouched. Where the search filled the list, the longer
    // words stay ("Compromise" typed: "Compromised"), which keeps keystroke savings.
    // A typed "i" is the pronoun: " I" is scored too (the model's " i" is rare mid-sentence).
    const spellings = /^ ?i$/u.test(cursor.required) ? [cursor.required, cursor.required.replace('i', 'I')] : [cursor.required];
    for (const spelling of spellings) await scoreSpelling(spelling, TYPED_WORD_MAX_TOKENS);
    // Past the document's first word the model's longer words ("Compromised" for "Compromise",
    // "Budget" for "Bud") stay ahead of the typed word, which keeps keystroke savings; at the start
    // it has only <|endoftext|> to go on and the typed word takes its own probability.
    const typedWord = results.get(cursor.typed);
    const others = [...results.values()].filter((r) => r !== typedWord);
    if (typedWord && others.length > 0 && cursor.contextEnd > 0) typedWord.probability = Math.min(typedWord.probability, Math.min(...others.map((r) => r.probability)) * TYPED_WORD_BELOW_FOUND);
  }
  // The space (or none) before the word is the one the typed part has: only the letters differ.
  const before = cursor.required.slice(0, cursor.required.length - cursor.typed.length);
  // A letter with an accent is often a token of its own ("R" + "é" + "sum" + "é"): a word may take up to MAX_TOKENS_PER_WORD.
  for (const word of (input.listedWords ?? []).slice(0, MAX_LISTED_WORDS)) {
    if (results.has(word)) continue;
    // A word that extends the typed letters is spelled as the search spells any; one that respells
    // them (an apostrophe in between) is taken as listed.
    await scoreSpelling(before + word, MAX_TOKENS_PER_WORD, word.startsWith(cursor.typed) ? undefined : word);
  }
  // What was typed, when it is no word ("crè", "naï"), ranks after the listed words that complete it:
  // the model, which barely knows the accent, gives the fragment more than the word.
  const listed = (input.listedWords ?? []).flatMap((word) => results.get(word) ?? []);
  const typedPart = input.typedIsWord ? undefined : results.get(cursor.typed);
  if (typedPart && listed.length > 0) typedPart.probability = Math.min(typedPart.probability, Math.min(...listed.map((r) => r.probability)) * TYPED_WORD_BELOW_FOUND);

  return [...results.values()].sort((a, b) => b.probability - a.probability);
}

/**
 * Tokens that may follow `node` while staying consistent with what was typed and inside one word,
 * spelled as GPT-2's encoder would spell them (`Vocabulary.neverFollows`): the model gives another
 * spelling next to nothing, and each one visited spent a model call of the search's budget. With
 * accents the spellings multiply (" r" + "é", " " + "ré", " ré" for "résu") and the budget ran out
 * before the word the encoder writes (" ré" + "sum" + "é") was reached.
 */
function childTokens(vocabulary: Vocabulary, cursor: CursorContext, required: string, node: SearchNode, logits: Float32Array, k: number): number[] {
  const { strings } = vocabulary;
  const last = node.tokens[node.tokens.length - 1];
  const any = last === undefined ? (): boolean => true : (t: number): boolean => !vocabulary.neverFollows(last, t);
  if (node.text.length >= required.length && node.tokens.length > 0) return topTokens(logits, k, any, vocabulary.continuationIds);
  const remaining = required.slice(node.text.length);
  if (remaining === '') {
    // After closing punctuation a word brings its space ("Hello, world"): a piece glued to the comma
    // ("Hello,ly") only ever continues a word; after a dot or colon glued to a word it may be a file
    // name ("README.source"). After a line break, an opening quote or the start of the text the word
    // comes without a space.
    const unspaced = cursor.allowUnspaced ? topTokens(logits, k, (t) => !isApostrophe(strings[t][0]), vocabulary.continuationIds) : [];
    if (!cursor.allowLeadingSpace) return unspaced;
    return topTokens(logits, k, any, [...unspaced, ...topTokens(logits, k, any, vocabulary.spacedWordIds)]);
  }
  if (remaining === ' ') return topTokens(logits, k, any, vocabulary.spacedWordIds);
  const pool = viablePieces(vocabulary, remaining);
  return topTokens(logits, k, (t) => any(t) && (strings[t].length <= remaining.length || isAllWordChars(strings[t].slice(remaining.length))), pool);
}

/** Tokens that spell the start of `remaining` (the typed letters not yet spelled), or all of it and more. */
function viablePieces(vocabulary: Vocabulary, remaining: string): number[] {
  const pool = vocabulary.idsStartingWith(remaining);
  for (let length = 1; length < remaining.length; length++) pool.push(...vocabulary.idsEqualTo(remaining.slice(0, length)));
  return pool;
}

function insertByProbability(frontier: SearchNode[], node: SearchNode): void {
  let i = frontier.length;
  while (i > 0 && frontier[i - 1].logProb < node.logProb) i--;
  frontier.splice(i, 0, node);
}

/** Turns the model's spelling into the word the person sees, with the case they typed. */
export function spell(modelText: string, cursor: CursorContext): { word: string; text: string } | undefined {
  if (cursor.typed === '') {
    const spaced = modelText.startsWith(' ');
    const word = spaced ? modelText.slice(1) : modelText;
    if (!isAllWordChars(word) || !isWordLike(word) || shapeFault(word, '') !== undefined) return undefined;
    return { word, text: spaced && cursor.allowLeadingSpace ? ' ' + word : word };
  }
  const remainder = modelText.slice(cursor.required.length);
  if (remainder !== '' && !isAllWordChars(remainder)) return undefined;
  const spelled = modelText.trimStart();
  // A lower-case start of an acronym or a name with a capital inside ("x" of " XML", " XPath") is
  // the model's own spelling, never "xML" or "xPath"; but an English word stays as typed ("nul" of
  // " NULL" is "null", "hi" of " HID" is "hid"): capitals never override lower-case typing of a word.
  if (/\p{Lu}/u.test(remainder) && /\p{Ll}/u.test(cursor.typed) && !cursor.shouting && (isShouting(spelled) || /^\p{Lu}/u.test(remainder)) && isAllWordChars(spelled)) {
    if (isEnglishWord(spelled)) {
      const word = cursor.typed + remainder.toLowerCase();
      return shapeFault(word, cursor.typed) === undefined ? { word, text: word } : undefined;
    }
    return shapeFault(spelled, cursor.typed) === undefined ? { word: spelled, text: spelled } : undefined;
  }
  let word = cursor.typed + (cursor.shouting ? remainder.toUpperCase() : remainder);
  // Without caps lock a contraction's ending is lower case ("I'd", not "I'D" from the token "'D").
  if (!cursor.shouting) word = word.replace(/(['\u2019])(\p{Lu}+)$/u, (_match, apostrophe: string, ending: string) => apostrophe + ending.toLowerCase());
  if (!isWordLike(word) || shapeFault(word, cursor.typed) !== undefined) return undefined;
  return { word, text: word };
}

/** wordStartShare's answers per logits row, by temperature and spacing: a row comes back keystroke after keystroke while a word is typed. */
const startShares = new WeakMap<Float32Array, Map<string, number>>();

/**
 * The model's probability (0–1) that a word starts next at the cursor: the mass of spaced word
 * tokens where the word brings its space, else of word-starting pieces. The rest goes to
 * punctuation, line breaks and the end of the text. A sum over ~30,000 tokens (~0.7 ms), so it is
 * computed once per logits row, temperature and spacing.
 */
export function wordStartShare(vocabulary: Vocabulary, cursor: CursorContext, logits: Float32Array, temperature: number): number {
  const t = temperature > 0 ? temperature : 1;
  const spaced = cursor.required.startsWith(' ') || cursor.allowLeadingSpace;
  let byKey = startShares.get(logits);
  if (!byKey) startShares.set(logits, (byKey = new Map()));
  const key = `${t} ${spaced}`;
  const known = byKey.get(key);
  if (known !== undefined) return known;
  const distribution = distributionOf(logits, t, vocabulary.boundaryMask);
  const ids = spaced ? vocabulary.spacedWordIds : vocabulary.continuationIds;
  let share = 0;
  for (let i = 0; i < ids.length; i++) {
    if (!spaced && isApostrophe(vocabulary.strings[ids[i]][0])) continue;
    share += Math.exp(distribution.logProb(ids[i]));
  }
  share = Math.min(1, share);
  byKey.set(key, share);
  return share;
}
