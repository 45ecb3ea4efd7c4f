import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { blendWithCaches, cacheWeight, DEFAULT_BLEND, type BlendWeights, type CacheSource } from './cache_blend';
import { modelContext, splitAtCursor, MAX_TYPED_WORD_LENGTH } from './cursor_context';
import { DocumentCaches } from './document_caches';
import { chooseWindow } from './context_window';
import { DecoderSession } from './decoder_session';
import { EngineError } from './errors';
import { KvCache, type CachedContext } from './kv_cache';
import { readGpt2Config, type Gpt2Config } from './model_config';
import { locateModel } from './model_location';
import { normalizeOptions, resolveThreads } from './options';
import { pastBytes, truncatePast, type PastState } from './past';
import { phaseClock } from './phase_clock';
import { likelyNextTexts, PreparedAnswers, sameRequest, Yielded, type PreparedAnswer } from './prepared';
import { continuePhrase, type PhraseInput } from './phrase';
import { rankCandidates, seededRandom } from './sampling';
import type { CacheStats, ModelInfo, Prediction, PredictOptions, PredictRequest } from './types';
import { Vocabulary } from './vocabulary';
import { bestAllowed, cleanPhrase } from './word_filter';
import { blendWithNgram, DEFAULT_NGRAM_WEIGHTS, type NgramWeights } from './ngram_blend';
import { CONTEXT_CHARS as NGRAM_CONTEXT_CHARS, loadNgramBeside, normalizeKey, type NgramContext, type NgramModel } from './ngram_store';
import { searchWords, wordStartShare, type Expand, type WordHypothesis } from './word_search';
import { encodeBeforeWord, withStraightQuotes } from './whitespace';
import { apostropheStyle, withApostrophes } from './word_chars';
import { phraseWithoutProtected, shapeCandidates } from './word_shape';
import { PROTECTED_WINDOW, ProtectedPieces } from './secret_filter';
import { accentedCompletions, isEnglishWord, loadLexicon } from './lexicon';
import { possessiveCompletions } from './possessive';
import { contractionCompletions, withContractionsSpelled } from './contractions';

export interface EngineOptions {
  /** ONNX Runtime intra-op threads (THREAD_LIMITS; 0 = automatic, resolveThreads); default 2. */
  threads?: number;
  /** Memory for all documents' KV caches together; the least recently used document goes first. */
  cacheBudgetBytes?: number;
  /** Model calls one keystroke may spend assembling words beyond the context update. */
  maxExpansions?: number;
  /**
   * Normalise logits inside the graph (LogSoftmax and the word-boundary share appended at load,
   * see DecoderSession.open); on by default. Off only to measure what it saves.
   */
  normalizeInGraph?: boolean;
  /** Weights of the document word cache against GPT-2. */
  blend?: BlendWeights;
  /** The word n-gram file; default: ngram.bin in the model's folder when there is one; false = none. */
  ngram?: string | false;
  /** Weights of the word n-gram against GPT-2. */
  ngramWeights?: NgramWeights;
}

/**
 * Tokens per prefill call. ONNX Runtime still computes the head's [chunk, 50257] rows that extend()
 * never fetches, and with its arena off each of those intermediates is a fresh allocation: at 64
 * tokens (12.8 MB each) a call measured 55–270 ms, at 16 about 3 ms, so a 220-token document is read
 * in ~50 ms instead of ~400 (the first prediction after opening a document or restarting the worker).
 */
const PREFILL_CHUNK = 16;
const DEFAULT_CACHE_BUDGET = 256 * 1024 * 1024;
/** Words searched for even when fewer are shown, so rankings do not depend on top-k. */
const MIN_SEARCHED_WORDS = 5;
const MAX_BATCH_PAST_BYTES = 48 * 1024 * 1024;
/** Positions kept free after the window for the words and phrase assembled on top of it. */
export const GENERATION_RESERVE = 32;
/** 200 KB of logits each; enough for the searches of one word being typed. */
const MAX_REMEMBERED_EXPANSIONS = 48;
/**
 * Contexts whose model calls are remembered: the document's (its next letters are prepared on it)
 * and the three that preparing starts (Tab and its space, Tab alone, the finished word and a space),
 * so preparing the last does not evict the first; 9.6 MB of rows each at most.
 */
const MAX_REMEMBERED_CONTEXTS = 4;

let sharedVocabulary: Vocabulary | undefined;

/** What continuing a phrase after the best word needs (phrase.ts), and how to finish it for display. */
interface PhraseJob {
  input: PhraseInput;
  typed: string;
  /** The text ends in caps lock (`CursorContext.capsLock`): the whole phrase is in capitals. */
  capsLock: boolean;
  contextText: string;
  filter: boolean | undefined;
  /** The protected words of the text before the word (`ProtectedPieces`), which the phrase must not spell either. */
  secrets: ProtectedPieces;
  /** Whether a model call on top of the context is remembered (costs nothing). */
  isRemembered: (tokens: readonly number[]) => boolean;
  /** Temperature 0 or top-k 1: the phrase draws nothing at random. */
  greedy: boolean;
}

/** A phrase that would need a model call nobody made yet (phraseIfRemembered). */
class NotRemembered extends Error {}

/** GPT-2 next-word prediction for many documents, each with its own incremental KV cache. */
export class Engine {
  private readonly cache: KvCache;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly maxExpansions: number;
  private readonly wordCaches = new DocumentCaches();
  private readonly blend: BlendWeights;
  private ngram: NgramModel | undefined;
  private readonly ngramWeights: NgramWeights;
  /** Remembered model calls per context: the document's and the prepared ones' (see expander). */
  private readonly expansions = new Map<CachedContext, Map<string, Float32Array>>();
  private readonly prepared = new PreparedAnswers();
  /** While a preparation runs: whether a real keystroke is waiting (it then gives up). */
  private yieldTo: (() => boolean) | undefined;
  private preparedHitCount = 0;
  /** The phrase still owed for the last predictWords answer (finishPhrase). */
  private pendingPhrase: { request: PredictRequest; job: PhraseJob } | undefined;
  /** The protected words of the last text scanned: typing a word keeps the text before it, so one scan serves the word's keystrokes. */
  private lastProtected: { text: string; pieces: ProtectedPieces } | undefined;

  private constructor(
    private readonly session: DecoderSession,
    private readonly config: Gpt2Config,
    readonly info: ModelInfo,
    readonly vocabulary: Vocabulary,
    options: EngineOptions,
  ) {
    this.cache = new KvCache(options.cacheBudgetBytes ?? DEFAULT_CACHE_BUDGET);
    this.maxExpansions = options.maxExpansions ?? 6;
    this.blend = options.blend ?? DEFAULT_BLEND;
    this.ngramWeights = options.ngramWeights ?? DEFAULT_NGRAM_WEIGHTS;
  }

  static async load(modelPath: string, options: EngineOptions = {}): Promise<Engine> {
    const started = performance.now();
    const location = locateModel(modelPath);
    const config = await readGpt2Config(location.directory);
    sharedVocabulary ??= new Vocabulary(config.vocabSize);
    const session = await DecoderSession.open(location.file, config, resolveThreads(options.threads ?? 2, cpus().length), options.normalizeInGraph === false ? undefined : sharedVocabulary.boundaryMask);
    const info: ModelInfo = {
      name: location.name,
      directory: location.directory,
      file: location.file,
      nLayer: config.nLayer,
      nHead: config.nHead,
      nEmbd: config.nEmbd,
      nPositions: config.nPositions,
      vocabSize: config.vocabSize,
      pastType: session.layout.pastType,
      hasPositionIds: session.layout.hasPositionIds,
      isMergedDecoder: session.layout.isMergedDecoder,
      loadMs: 0,
    };
    const engine = new Engine(session, config, info, sharedVocabulary, options);
    // After the session, not beside it: read while ONNX Runtime builds the session, the n-gram and
    // the word list left the worker 40 MB larger after loading (178 -> 218 MB) for no measurable gain.
    engine.ngram = await loadNgramBeside(location.directory, options.ngram);
    // The English word list judges the first completion; load it now, not on that keystroke.
    loadLexicon();
    // One tiny run proves the graph really is a GPT-2 decoder before anyone types.
    const probe = await session.step([config.eosTokenId], undefined);
    if (probe.logits.length !== config.vocabSize) {
      throw new EngineError('model-invalid', `${location.file} returns ${probe.logits.length} logits per token; GPT-2 needs ${config.vocabSize}.`);
    }
    info.loadMs = performance.now() - started;
    return engine;
  }

  /**
   * Predictions run one at a time: they share one session and mutate the caches. The worker also
   * serialises (to drop superseded keystrokes before they start); this queue is for every other
   * caller (CLI, eval, benchmarks), which calls the engine directly.
   */
  predict(request: PredictRequest): Promise<Prediction> {
    return this.serial(() => this.answer(request));
  }

  /**
   * Like predict, but answers as soon as the words are ranked: `phrase` is the best word alone and
   * `phrasePending` says that finishPhrase(request) will give the further words. For the worker,
   * which shows the first word at once and lets the ghost text grow (issue 14); a prepared answer
   * comes whole. The phrase waits for finishPhrase until the next prediction of any kind.
   * With `yieldTo`, the word search gives up between model calls once it says the answer is no
   * longer wanted (a newer keystroke of the same document waits): rejects with `Yielded` (prepared.ts),
   * and the document's KV cache and remembered calls stay valid for the next keystroke.
   */
  predictWords(request: PredictRequest, yieldTo?: () => boolean): Promise<Prediction> {
    return this.serial(() => this.answerWords(request, yieldTo));
  }

  /**
   * The whole phrase for the last predictWords answer, when `request` is that answer's request and
   * nothing was predicted since; else undefined. Gives up (undefined) between model calls as soon as
   * `yieldTo()` says a keystroke is waiting: its answer would supersede this phrase anyway.
   */
  finishPhrase(request: PredictRequest, yieldTo: () => boolean = () => false): Promise<string | undefined> {
    return this.serial(async () => {
      const pending = this.pendingPhrase;
      this.pendingPhrase = undefined;
      if (!pending || !sameRequest(pending.request, request)) return undefined;
      try {
        return await this.yielding(yieldTo, () => this.phraseNow(pending.job));
      } catch (error) {
        if (error instanceof Yielded) return undefined;
        throw error;
      }
    });
  }

  /**
   * Work for the pause after `prediction` answered `request`: predicts, on copies of the document's
   * state, the texts the next keystroke most likely produces (likelyNextTexts: the text after Tab
   * accepts the ghost text, the two likeliest next letters, the best word finished by hand and a
   * space), so that keystroke is
   * answered at once. Gives up between model calls as soon as `yieldTo()` says a real keystroke is
   * waiting. Resolves when done or abandoned; never rejects.
   */
  prepare(request: PredictRequest, prediction: Prediction, yieldTo: () => boolean = () => false): Promise<void> {
    return this.serial(() => this.prepareNow(request, prediction, yieldTo)).catch(() => undefined);
  }

  /** Whether the graph normalises the logits (see EngineOptions.normalizeInGraph). */
  get normalizesInGraph(): boolean {
    return this.session.normalizesInGraph;
  }

  /** Keystrokes answered from a prepared answer since load. */
  get preparedHits(): number {
    return this.preparedHitCount;
  }

  /** Words the person accepted or typed before, counted in every document's word cache. */
  setPersonalWords(words: ReadonlyArray<{ word: string; count: number }>): void {
    this.wordCaches.setPersonalWords(words);
    this.prepared.forget();
  }

  forget(docId: string): void {
    if (this.pendingPhrase?.request.docId === docId) this.pendingPhrase = undefined;
    this.cache.delete(docId);
    this.wordCaches.forget(docId);
    this.expansions.clear();
    this.prepared.forget(docId);
  }

  cacheStats(): CacheStats {
    return { documents: this.cache.documents, bytes: this.cache.bytes, budgetBytes: this.cache.budgetBytes };
  }

  async dispose(): Promise<void> {
    await this.queue;
    await this.session.dispose();
  }

  /** Next-token logits after a full recompute of `ids`, bypassing every cache (for tests and benchmarks). */
  async logitsWithoutCache(ids: readonly number[]): Promise<Float32Array> {
    return (await this.feed(ids, undefined)).logits;
  }

  /** Next-token logits after the context window of `text`, through the document's KV cache. */
  async contextLogits(docId: string, text: string, contextTokens: number, textOffset = 0): Promise<{ entry: CachedContext; fed: number }> {
    const cached = this.cache.get(docId);
    const maxTokens = Math.max(1, Math.min(contextTokens, this.config.nPositions - GENERATION_RESERVE));
    // The model reads the text as meant: straight quotes, and contractions with their apostrophe (offsets stay the document's).
    const window = chooseWindow(text, textOffset, maxTokens, cached?.windowStart, (t) => encodeBeforeWord(withContractionsSpelled(withStraightQuotes(t)), (u) => this.vocabulary.encode(u)));
    const reusable = cached && cached.windowStart === window.start ? cached : undefined;
    const advanced = await this.advance(reusable, window.start, window.ids);
    this.cache.set(docId, advanced.entry);
    return advanced;
  }

  /** A prepared answer when one was made for exactly this request, else a prediction now. */
  private async answer(request: PredictRequest): Promise<Prediction> {
    this.pendingPhrase = undefined;
    return this.takePrepared(request) ?? this.predictNow(request);
  }

  /** predictWords: a prepared answer (whole), else the words now and the phrase kept for later. */
  private async answerWords(request: PredictRequest, yieldTo: (() => boolean) | undefined): Promise<Prediction> {
    this.pendingPhrase = undefined;
    const hit = this.takePrepared(request);
    if (hit) return hit;
    const { prediction, phrase } = await this.yielding(yieldTo, () => this.predictWordsNow(request));
    if (!phrase) return prediction;
    // Typing on inside a word keeps the context, and the phrase's model calls are remembered: it is
    // then ready at once and comes with the words, so the ghost text never shrinks to one word and
    // grows back (only a greedy phrase: a sampled one would draw differently on a second try).
    const whole = phrase.greedy ? await this.phraseIfRemembered(phrase) : undefined;
    if (whole !== undefined) return { ...prediction, phrase: whole };
    this.pendingPhrase = { request, job: phrase };
    return { ...prediction, phrasePending: true };
  }

  /** Runs `work` after everything queued before it: predictions share one session and mutate the caches. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Runs `work` with `yieldTo` consulted before each model call (the expander throws Yielded). */
  private async yielding<T>(yieldTo: (() => boolean) | undefined, work: () => Promise<T>): Promise<T> {
    this.yieldTo = yieldTo;
    try {
      return await work();
    } finally {
      this.yieldTo = undefined;
    }
  }

  private takePrepared(request: PredictRequest): Prediction | undefined {
    const started = performance.now();
    const hit = this.prepared.take(request);
    if (!hit) return undefined;
    this.preparedHitCount++;
    // The document continues from the prepared context (its model calls are still remembered).
    this.cache.set(request.docId, hit.entry);
    return { ...hit.prediction, tokensFed: 0, latencyMs: performance.now() - started };
  }

  private async prepareNow(request: PredictRequest, prediction: Prediction, yieldTo: () => boolean): Promise<void> {
    const base = this.cache.get(request.docId);
    const answers: PreparedAnswer[] = [];
    this.yieldTo = yieldTo;
    try {
      for (const [i, text] of likelyNextTexts(request, prediction).entries()) {
        if (yieldTo()) break;
        const scratch = `${request.docId}\u0000prepared${i}`;
        if (base) this.cache.set(scratch, base);
        this.wordCaches.fork(request.docId, scratch);
        try {
          const next = { ...request, text };
          const answer = await this.predictNow({ ...next, docId: scratch });
          const entry = this.cache.get(scratch);
          if (entry) answers.push({ request: next, prediction: answer, entry });
        } finally {
          this.cache.delete(scratch);
          this.wordCaches.forget(scratch);
        }
      }
    } catch (error) {
      if (!(error instanceof Yielded)) throw error;
    } finally {
      this.yieldTo = undefined;
      // Only the latest document's: a prepared answer holds a KV cache outside the budget. A
      // preparation abandoned before its first answer keeps the ones there are (each is used only for
      // exactly its own text, so an older one can never be stale).
      if (answers.length > 0) {
        this.prepared.forget();
        this.prepared.set(request.docId, answers);
      }
    }
  }

  private async predictNow(request: PredictRequest): Promise<Prediction> {
    const { prediction, phrase } = await this.predictWordsNow(request);
    if (!phrase) return prediction;
    const started = performance.now() - prediction.latencyMs;
    return { ...prediction, phrase: await this.phraseNow(phrase), latencyMs: performance.now() - started };
  }

  /**
   * The words of a prediction, and what continuing its phrase needs (undefined when the phrase is
   * the best word alone: one word asked for, or nothing found).
   */
  private async predictWordsNow({ docId, text, options: rawOptions, textOffset }: PredictRequest): Promise<{ prediction: Prediction; phrase?: PhraseJob }> {
    const started = performance.now();
    if (typeof text !== 'string') throw new EngineError('bad-request', 'The text before the cursor must be a string.');
    const { options } = normalizeOptions(rawOptions, this.config.nPositions);
    const cursor = splitAtCursor(text);
    const mode = cursor.typed === '' ? 'next-word' : 'completion';
    if (cursor.typed.length > MAX_TYPED_WORD_LENGTH) {
      return { prediction: { mode, typed: cursor.typed, candidates: [], phrase: '', tokensFed: 0, contextTokens: 0, latencyMs: performance.now() - started } };
    }
    // The model's reading of the text: trailing whitespace healed and normalised (see whitespace.ts).
    const contextText = modelContext(text, cursor);
    let clock = phaseClock.now();
    const context = await this.contextLogits(docId, contextText, options.contextTokens, textOffset);
    phaseClock.add('contextUpdate', clock);
    const { expand, isRemembered, prefetch } = this.expander(context.entry);
    phaseClock.current = 'search';
    clock = phaseClock.now();
    const random = seededRandom(options.seed ?? Date.now());
    const found = await searchWords({
      vocabulary: this.vocabulary,
      cursor,
      rootLogits: context.entry.lastLogits,
      // The model's own word probabilities (T = 1), blended with the caches below; temperature only
      // orders the top-k (rankCandidates), so top-k = 1 is the most probable word at any temperature.
      temperature: 1,
      // The same search for every top-k, so the ghost text (top-1) is always the strip's first word.
      wanted: Math.max(options.topK, MIN_SEARCHED_WORDS),
      maxExpansions: Math.max(this.maxExpansions, options.topK),
      expand,
      isRemembered,
      prefetch,
      // A single letter is a word only as a, I (word_shape.ts); "d" is the start of one.
      typedIsWord: (Array.from(cursor.typed).length > 1 || /^[aAiI]$/u.test(cursor.typed)) && this.knowsWord(cursor.typed),
      // The model barely spells English words with accents ("résumé"): a typed accent asks the list.
      // Letters that skip a contraction's apostrophe ("dont") ask for the contraction, as on a phone.
      // A word and an apostrophe ask for its possessive, which the search may not reach (possessive.ts).
      listedWords: [...accentedCompletions(cursor.typed), ...contractionCompletions(cursor.typed), ...possessiveCompletions(cursor.typed, cursor.capsLock)],
    });
    phaseClock.add('searchJs', clock);
    clock = phaseClock.now();
    const sources = options.documentCache === false ? [] : this.cacheSources(docId, contextText, textOffset);
    const wordShare = wordStartShare(this.vocabulary, cursor, context.entry.lastLogits, 1);
    // The word n-gram first, then the caches on top: P = (1 - sum lc)*[(1 - ln)*GPT-2 + ln*n-gram] + sum lc*cache.
    const withNgram = this.ngram && options.ngram !== false ? blendWithNgram(found, this.ngram, this.ngramWeights, cursor, text.slice(0, text.length - cursor.typed.length), (t) => this.vocabulary.encode(t)) : found;
    const blended = blendWithCaches(withNgram, sources, cursor, contextText, (t) => this.vocabulary.encode(t), wordShare);
    const isKnown = (word: string): boolean => this.knowsWord(word) || sources.some((s) => s.cache.words.has(word));
    const isDocumentName = (word: string): boolean => sources.some((s) => (s.cache.words.get(word)?.capitalisedInProse ?? 0) > 0);
    // Every source's candidates and the phrase are judged against the secrets, addresses and URLs
    // of the text before the word (its last PROTECTED_WINDOW characters, more than the model reads).
    const wordStart = text.length - cursor.typed.length;
    const secrets = this.protectedPieces(text.slice(Math.max(0, wordStart - PROTECTED_WINDOW), wordStart));
    const isCorpusName = (word: string): boolean => this.ngram !== undefined && /^\p{Lu}/u.test(this.ngram.form(this.ngram.id(word)));
    const shaped = shapeCandidates(blended, { cursor, context: contextText, isKnown, isDocumentName, isCorpusName, secrets });
    // Profanities and slurs from any source (model, n-gram, caches) only once typed in full (word_filter.ts).
    const allowed = options.filterOffensiveWords === false ? shaped : bestAllowed(shaped, options.topK, cursor.typed);
    const ranked: WordHypothesis[] = rankCandidates(allowed, options.topK, options.temperature, random);
    phaseClock.add('blend', clock);
    // A next word the model barely believes in is noise as ghost text (Smart Compose shows only
    // confident words); the strip still lists it.
    // A completion that barely leads the words fitting the typed letters is a coin toss as ghost
    // text ("Can you send me the rep" → reply, report at the same probability).
    // A next word that a time or a sum would outrank in the blend is no guess worth showing either:
    // the counts expect a number, which no candidate is ("Our flight leaves at " → the).
    const ghost =
      ranked[0] !== undefined &&
      (mode === 'completion'
        ? leadShare(allowed, ranked[0].probability) >= options.ghostMinShare
        : ranked[0].probability >= options.ghostMinProbability && !this.quantityOutranks(ranked[0].probability, text, options));
    const prediction: Prediction = {
      mode,
      typed: cursor.typed,
      candidates: ranked.map(({ word, text: insert, probability }) => ({ word, text: insert, probability })),
      phrase: ghost ? this.finalPhrase(ranked[0].text, cursor.typed, contextText, options.filterOffensiveWords, cursor.capsLock, secrets) : '',
      tokensFed: context.fed,
      contextTokens: context.entry.ids.length,
      latencyMs: performance.now() - started,
    };
    // In an address words come one at a time: no guessed words after them.
    if (!ghost || options.maxWords <= 1 || cursor.inAddress) return { prediction };
    const job: PhraseJob = {
      input: { vocabulary: this.vocabulary, first: ranked[0], maxWords: options.maxWords, maxTokens: GENERATION_RESERVE, temperature: options.temperature, topK: options.topK, random, expand, before: contextText, ngram: options.ngram === false ? undefined : this.phraseNgram(text.slice(0, wordStart)) },
      typed: cursor.typed,
      capsLock: cursor.capsLock,
      contextText,
      filter: options.filterOffensiveWords,
      secrets,
      isRemembered,
      greedy: options.temperature <= 0 || options.topK <= 1,
    };
    return { prediction, phrase: job };
  }

  /**
   * Whether a time of day or an amount of money, had it been a candidate, would certainly outrank a
   * next word of blended probability `best` after `textBefore`: its n-gram share alone, the next-word
   * weight × P(quantity), is above it (NgramModel.quantityProbability).
   */
  private quantityOutranks(best: number, textBefore: string, options: Pick<PredictOptions, 'ngram'>): boolean {
    if (!this.ngram || options.ngram === false) return false;
    return this.ngramWeights.nextWord * this.ngram.quantityProbability(this.ngram.context(textBefore)) > best;
  }

  /** The word n-gram's say on a phrase's further words after `textBefore` (the text before its first word). */
  private phraseNgram(textBefore: string): PhraseInput['ngram'] {
    const ngram = this.ngram;
    if (!ngram) return undefined;
    // Enough of the text for the n-gram's context and still longer than it reads (no text start
    // where there is none): a whole document joined to each further word would be copied.
    const tail = textBefore.slice(-2 * NGRAM_CONTEXT_CHARS);
    const contextAfter = (phrase: string): NgramContext => ngram.context(tail + phrase + ' ');
    return {
      weight: this.ngramWeights.nextWord,
      probability: (phrase, word) => {
        const ctx = contextAfter(phrase);
        return ctx.broken ? undefined : ngram.probability(normalizeKey(word), ctx);
      },
      rival: (phrase, word) => {
        const ctx = contextAfter(phrase);
        const key = normalizeKey(word);
        return ctx.broken ? undefined : ngram.candidates('', ctx, 2).find((c) => c.key !== key)?.probability;
      },
    };
  }

  /** The phrase when every model call it needs is remembered; undefined as soon as one is not. */
  private async phraseIfRemembered(job: PhraseJob): Promise<string | undefined> {
    const expand: Expand = async (tokens) => {
      if (!job.isRemembered(tokens)) throw new NotRemembered();
      return job.input.expand(tokens);
    };
    try {
      return await this.phraseNow({ ...job, input: { ...job.input, expand } });
    } catch (error) {
      if (error instanceof NotRemembered) return undefined;
      throw error;
    }
  }

  /** The phrase after the best word (phrase.ts), as the person will see it. */
  private async phraseNow(job: PhraseJob): Promise<string> {
    phaseClock.current = 'phrase';
    const clock = phaseClock.now();
    const phrase = this.finalPhrase(await continuePhrase(job.input), job.typed, job.contextText, job.filter, job.capsLock, job.secrets);
    phaseClock.add('phraseJs', clock);
    return phrase;
  }

  /** The person's apostrophe style and caps lock, no piece of a protected word, and no offensive word the person has not typed in full. */
  private finalPhrase(raw: string, typed: string, contextText: string, filter: boolean | undefined, capsLock: boolean, secrets: ProtectedPieces): string {
    // With caps lock on, the words after the first are in capitals too ("DO NOT REMOVE THE FILE").
    const phrase = phraseWithoutProtected(withApostrophes(capsLock ? raw.toUpperCase() : raw, apostropheStyle(typed, contextText)), typed, secrets, contextText);
    return filter === false ? phrase : cleanPhrase(phrase, typed);
  }

  /** The protected words of `before` (the text before the word at the cursor), scanned once per distinct text. */
  private protectedPieces(before: string): ProtectedPieces {
    if (this.lastProtected?.text !== before) this.lastProtected = { text: before, pieces: new ProtectedPieces(before) };
    return this.lastProtected.pieces;
  }

  /**
   * Whether `word` (any case) is a word some source knows: the English word list (lexicon.ts), the
   * n-gram's vocabulary, or a GPT-2 word-start token found only with a capital, a name the list
   * lacks (" iPhone"). A lower-case word-start token is often a piece (" pharmac" of " pharmacy"), and one
   * that only continues words ("xygen" of "oxygen") never counts. The caller adds the document's caches.
   */
  private knowsWord(word: string): boolean {
    if (isEnglishWord(word) || (this.ngram !== undefined && this.ngram.id(word) >= 0)) return true;
    // A possessive is as known as its owner ("Sarah's", "NASA's"; the word list vouches only for words' own).
    const possessive = /^(\p{L}+)['\u2019]s$/iu.exec(word);
    if (possessive) return this.knowsWord(possessive[1]);
    // A piece comes in both cases (" pharmac", " Pharmac"); a name only capitalised (" iPhone").
    const ids = this.vocabulary.idsEqualTo(' ' + word.toLowerCase());
    return ids.length > 0 && ids.every((id) => /\p{Lu}/u.test(this.vocabulary.strings[id]));
  }

  private cacheSources(docId: string, contextText: string, textOffset: number): CacheSource[] {
    const documentCache = this.wordCaches.update(docId, contextText, textOffset);
    const personal = this.wordCaches.personal;
    return [
      { cache: documentCache, lambda: cacheWeight(documentCache, this.blend.maxLambda, this.blend.halfSaturationWords) },
      { cache: personal, lambda: cacheWeight(personal, this.blend.personalLambda, this.blend.halfSaturationWords) },
    ];
  }

  /**
   * Model calls on top of one context, remembered while the context stays the same: typing the
   * letters of a word re-runs the word search on the same context, and mostly asks the same questions.
   */
  private expander(entry: CachedContext): { expand: Expand; isRemembered: (tokens: readonly number[]) => boolean; prefetch: (rows: ReadonlyArray<readonly number[]>) => Promise<void> } {
    // Most recently used last: the document's context and the prepared ones; older ones go.
    const memo = this.expansions.get(entry) ?? new Map<string, Float32Array>();
    this.expansions.delete(entry);
    this.expansions.set(entry, memo);
    if (this.expansions.size > MAX_REMEMBERED_CONTEXTS) this.expansions.delete(this.expansions.keys().next().value as CachedContext);
    const remembered = memo;
    const isRemembered = (tokens: readonly number[]): boolean => remembered.has(tokens.join(','));
    const expand: Expand = async (tokens) => {
      const key = tokens.join(',');
      const known = remembered.get(key);
      if (known) return known;
      if (this.yieldTo?.()) throw new Yielded();
      const clock = phaseClock.now();
      const { lastRow: row } = await this.session.step(tokens, entry.past);
      phaseClock.add(phaseClock.current === 'search' ? 'searchModel' : 'phraseModel', clock);
      if (remembered.size >= MAX_REMEMBERED_EXPANSIONS) remembered.delete(remembered.keys().next().value as string);
      remembered.set(key, row);
      return row;
    };
    const prefetch = async (rows: ReadonlyArray<readonly number[]>): Promise<void> => {
      const missing = rows.filter((row) => !remembered.has(row.join(',')));
      // Batching copies the past once per row; past a few tens of MB sequential calls are cheaper.
      if (missing.length < 2 || missing.length * pastBytes(entry.past) > MAX_BATCH_PAST_BYTES) return;
      if (this.yieldTo?.()) throw new Yielded();
      const clock = phaseClock.now();
      const answers = await this.session.stepBatch(missing, entry.past);
      phaseClock.add('searchModel', clock);
      missing.forEach((row, i) => remembered.set(row.join(','), answers[i]));
    };
    return { expand, isRemembered, prefetch };
  }

  /** Brings a cached context up to `ids`, feeding only what differs from what it already holds. */
  private async advance(cached: CachedContext | undefined, windowStart: number, ids: number[]): Promise<{ entry: CachedContext; fed: number }> {
    let keep = 0;
    if (cached) {
      keep = commonPrefixLength(cached.ids, ids);
      if (keep === ids.length && keep === cached.ids.length) return { entry: cached, fed: 0 };
      // At least one token must be fed to get logits for the new end of the context.
      keep = Math.min(keep, ids.length - 1);
    }
    const past = cached && keep > 0 ? truncatePast(cached.past, keep, (data, dims) => this.session.makePastTensor(data, dims)) : undefined;
    const { logits, present } = await this.feed(ids.slice(keep), past);
    return { entry: { windowStart, ids, past: present, lastLogits: logits }, fed: ids.length - keep };
  }

  private async feed(tokens: readonly number[], past: PastState | undefined): Promise<{ logits: Float32Array; present: PastState }> {
    if (tokens.length === 0) throw new EngineError('internal', 'Nothing to feed.');
    let current = past;
    // Only the last token's row is read: everything before it is fed for its keys and values alone.
    const body = tokens.length - 1;
    for (let i = 0; i < body; i += PREFILL_CHUNK) current = await this.session.extend(tokens.slice(i, Math.min(body, i + PREFILL_CHUNK)), current);
    const { lastRow, present } = await this.session.step(tokens.slice(body), current);
    return { logits: lastRow, present };
  }
}

export function commonPrefixLength(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** Words a completion's share is taken among (`leadShare`): the strip's default top-k. */
const SHARE_WORDS = 5;

/**
 * `best` as a share of the SHARE_WORDS most probable of `pool` (the candidates that fit the typed
 * letters, before the top-k cut): 1 when they hold no probability at all.
 */
function leadShare(pool: readonly WordHypothesis[], best: number): number {
  const top = pool.map((h) => h.probability).sort((a, b) => b - a).slice(0, SHARE_WORDS);
  const sum = top.reduce((a, b) => a + b, 0);
  return sum > 0 ? best / sum : 1;
}
