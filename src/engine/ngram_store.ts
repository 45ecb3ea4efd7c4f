import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineError } from './errors';
import { isAbbreviation } from './case_rules';
import { withContractionsSpelled } from './contractions';
import { endsOwnLine } from './whitespace';
import { isApostrophe, isWordChar, wordKey } from './word_chars';

/**
 * The word n-gram partner of the GPT-2: an interpolated modified Kneser-Ney 4-gram over lower-cased
 * words, built from the training corpus by training/build_ngram.py (which documents the file format
 * and the model; a version-2 file is the trigram store before it, read as a 4-gram with no 4-grams).
 * npm has no maintained ARPA or KenLM reader, so the file is a small typed-array store that loads
 * without parsing: a 6 MB file opens in about 20 ms and a lookup is a handful of binary searches.
 * Its a terms are 8-bit codes into a 256-entry codebook per order (KenLM's `-q 8` binning), so a
 * budget holds twice the n-grams of 16-bit log-probabilities.
 *
 * Words are what the engine calls words (word_chars.ts); a sentence start token `<s>` (id 0) stands
 * at the start of the text and after every gap that holds . ! ?, a blank line, or a line break before
 * a list or heading marker (SENTENCE_BREAK), and at the line break after a heading, list item or
 * blockquote line (`endsMarkedLine`); the dot of a number (`2.5`) ends no sentence.
 */

const MAGIC = 0x474e4b50;
/**
 * Version 3 adds the 4-gram sections, version 4 the pause token (PAUSE_TOKEN), version 5 the hyphen
 * token (HYPHEN_TOKEN), version 6 the quantity classes (TIME_TOKEN, MONEY_TOKEN), all with the same
 * sections; version 2 (the trigram store) still loads, and each version is read as it was counted.
 */
export const NGRAM_VERSION = 6;
const OLDEST_VERSION = 2;
/** Entries per 8-bit codebook (build_ngram.py: biBook, triBook). */
const BOOK = 256;
const MAX_WORD_LENGTH = 40;
/**
 * A sentence starts after . ! ?, a blank line, a line that ends in a colon ("Things to pack:"), or a
 * line break before a list or heading marker. A single line break elsewhere is a soft wrap inside a
 * sentence ("where the\nbug"), as the engine reads it. Line ends are LF here (CRLF is converted first).
 */
const SENTENCE_BREAK = /[.!?]|:[ \t]*\n|\n[ \t]*\n|\n[ \t]*(?:[-*+#>]|[0-9]{1,9}[.)])/u;
/**
 * The dot of a decimal number or a version (`2.5`, `3.12`, `1.2.3`, `v2.5`), which ends no sentence;
 * read on the gap with the character before it (`v2` is a word, `.5` its gap). ASCII digits, as the builder's.
 */
const NUMBER_DOT = /(?<=[0-9])\.(?=[0-9])/gu;
/** A heading line (`# Installation`): it ends at its line break, so the next line starts a sentence. */
const HEADING_LINE = /^[ \t]*#{1,6}[ \t]/u;
/**
 * A list item or blockquote line (`- Buy milk`, `1. Call Ann`, `> Note`): it ends at its line break
 * too, unless the next line is indented, a hard-wrapped continuation of the item (`- Fixes the bug
 * where the⏎  parser`).
 */
const ITEM_LINE = /^[ \t]*(?:[-*+][ \t]|[0-9]{1,9}[.)][ \t]|>)/u;
const LETTER = /\p{L}/u;
/**
 * Between two words, what the n-gram's counts skip but what changes the next word: a number, a
 * colon or slash inside a line, a symbol ("born in 1990 ", "starts at 10:30 ", "and/or "), or an
 * opening quote or bracket right before the word ('He said "', "Use the ("). Spaces, commas,
 * sentence marks, hyphens and dashes, closing quotes and brackets, and Markdown emphasis (* _ ~ `) are not,
 * nor an emoji (EMOJI), which decorates a sentence without changing its words: the builder counts
 * across it too, and "We had a great time 🎉 at the " lost its ghost text.
 */
const CONTEXT_BREAK = /[^\s,;.!?…\-‐‑–—'"’”)\]}*_~`]|["'“‘([{]$/u;
/** An emoji with its modifiers: a pictograph, a variation selector, a zero-width joiner, a skin tone, a regional indicator. */
const EMOJI = /\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|\p{Emoji_Modifier}|\p{Regional_Indicator}/gu;
/**
 * A comma or semicolon between two words: a pause that changes the next word ("Thanks, " is not
 * "Thanks to", "Dear Santa, " not "Santa Fe"). A version-4 store counts it as a token of its own,
 * PAUSE_TOKEN, in the history and as an event it predicts; the engine never offers it and conditions
 * the words on a word coming next (the cursor is already past the gap).
 */
const PAUSE = /[,;]/u;
/** The pause's key in a version-4 store (training/build_ngram.py PAUSE_TOKEN). */
export const PAUSE_TOKEN = ',';
/**
 * A hyphen joining two words ("sister-in-law", "up-to-date"). A version-5 store counts it as a token
 * of its own, HYPHEN_TOKEN, as the pause: read as a space, "My sister-in-" was "my sister in" and
 * offered "the"; after the hyphen the next word is the compound's next part ("law").
 */
const HYPHEN = /^[-\u2010\u2011]$/u;
/** The hyphen's key in a version-5 store (training/build_ngram.py HYPHEN_TOKEN). */
export const HYPHEN_TOKEN = '-';
/** The class keys of a time of day and of an amount of money in a version-6 store (QUANTITY). */
export const TIME_TOKEN = '<time>';
export const MONEY_TOKEN = '<money>';
/**
 * A time of day ("10:30", "3pm", "7:45 a.m.", "12:15PM") or an amount of money ("$50", "£1,200.50",
 * "$5M", "$3 billion"): a version-6 store counts each as its class token (training/build_ngram.py
 * QUANTITY, the same patterns). Read as numbers they cut the context, and GPT-2 alone, whose corpus is
 * technical and political, chose: "Dinner is at 7:30 " offered gtk and bytes, "It only costs $5 "
 * billion as ghost text. A time's hour is 0–23 before a colon and 1–12 before am/pm; "10:30:00",
 * "3:2" and "5 amazing" are no times; a sum's digits are grouped by commas in threes.
 */
const QUANTITY =
  /(?<time>(?<![\p{L}\p{N}_:.$£€])(?:(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?![:0-9])(?:[ \t]?(?:[ap]\.m\.|[ap]m(?![\p{L}\p{N}_])))?|(?:1[0-2]|0?[1-9])[ \t]?(?:[ap]\.m\.|[ap]m(?![\p{L}\p{N}_]))))|(?<money>(?<![\p{L}\p{N}_$£€])[$£€][0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?:[km](?![\p{L}\p{N}_])|[ \t](?:thousand|million|billion|trillion)(?![\p{L}\p{N}_]))?(?![\p{L}\p{N}_$]))/giu;
/** A gap that is only the dot of an abbreviation ("Mr. Smith"): no sentence starts there. */
const ABBREVIATION_DOT = /^\.[ \t]*\n?[ \t]*$/u;
/**
 * The context token for a break (CONTEXT_BREAK): the builder counts across it, but the engine does
 * not read the words before it as the context of the words after it.
 */
export const BREAK = '<b>';
/** Next words remembered per context (before a letter is typed), and how many contexts are kept. */
const NEXT_WORD_CACHED = 16;
const NEXT_WORD_CACHE_SIZE = 4096;
/** Enough text before the cursor to hold three words in any prose. */
export const CONTEXT_CHARS = 400;

/** The three tokens before the predicted word, t u v; -1 where unknown (or before the text's start). */
export interface NgramContext {
  /** Absent: unknown (a bigram or trigram context). */
  t?: number;
  u: number;
  v: number;
  /** The word follows a context break (BREAK): the n-gram has no context it can read for it. */
  broken?: boolean;
  /**
   * The last word is a count written in digits, read as its word (COUNT_WORDS): no count's word comes
   * next ("It costs 20 " is no "twenty four"), so they get probability 0.
   */
  afterDigits?: boolean;
}

/** One word the n-gram offers: its lower-cased key, its usual written form and P(word | context). */
export interface NgramCandidate {
  key: string;
  form: string;
  probability: number;
}

export class NgramFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NgramFormatError';
  }
}

export class NgramModel {
  /** Number of ids, <s> included. */
  readonly size: number;
  private readonly keys: string[];
  private readonly forms: string[];
  private readonly ids = new Map<string, number>();
  private readonly nextWordCache = new Map<number, NgramCandidate[]>();
  private readonly invScale: number;
  private readonly uniQ: Uint16Array;
  private readonly uniG: Uint16Array;
  private readonly biOff: Uint32Array;
  private readonly biWord: Uint16Array;
  private readonly biQ: Uint8Array;
  private readonly triCtx: Uint32Array;
  private readonly triG: Uint16Array;
  private readonly triOff: Uint32Array;
  private readonly triWord: Uint16Array;
  private readonly triQ: Uint8Array;
  private readonly quadCtx: Uint32Array;
  private readonly quadG: Uint16Array;
  private readonly quadOff: Uint32Array;
  private readonly quadWord: Uint16Array;
  private readonly quadQ: Uint8Array;
  /** The unigram column decoded once at load: no exp() per lookup. */
  private readonly uniP: Float32Array;
  /** The store's file version: how its counts read a text (contextTokens). */
  private readonly version: number;
  /**
   * The ids of the tokens that are no words, PAUSE_TOKEN (version 4 and up) and HYPHEN_TOKEN (version
   * 5): never offered, and the words after a gap are conditioned on neither coming next.
   */
  private readonly marks: number[];
  /** The ids of the quantity classes (TIME_TOKEN, MONEY_TOKEN, version 6): words with a probability, never offered as text. */
  private readonly classes: number[];
  /** The marks and the classes: what the lists never offer. */
  private readonly unoffered: number[];
  /** The last text `context` read (its last CONTEXT_CHARS characters) and its answer. */
  private lastContext: { read: string; atStart: boolean; ctx: NgramContext } | undefined;
  /** 1 / (1 − P(a mark | context)) for the last context asked (its 49-bit key): words given a word comes next. */
  private lastWordScale = { key: -1, scale: 1 };
  /** a2, a3 and a4 per 8-bit code. */
  private readonly biBook: Float32Array;
  private readonly triBook: Float32Array;
  private readonly quadBook: Float32Array;

  /**
   * Reads a store from its bytes (the whole file). Throws NgramFormatError when the magic, version
   * or section sizes do not match.
   */
  constructor(bytes: Uint8Array) {
    if (bytes.byteLength < 36) throw new NgramFormatError(`n-gram file too short (${bytes.byteLength} bytes)`);
    // Typed arrays need aligned offsets: copy once when the buffer is shared and misaligned.
    const own = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
    const view = new DataView(own.buffer, own.byteOffset, own.byteLength);
    const u32 = (i: number): number => view.getUint32(i * 4, true);
    if (u32(0) !== MAGIC) throw new NgramFormatError('not an n-gram file (bad magic)');
    const version = u32(1);
    if (version < OLDEST_VERSION || version > NGRAM_VERSION) throw new NgramFormatError(`n-gram file version ${version}, expected ${NGRAM_VERSION} (rebuild it with training/build_ngram.py)`);
    const header = version >= 3 ? 44 : 36;
    if (bytes.byteLength < header) throw new NgramFormatError(`n-gram file too short (${bytes.byteLength} bytes)`);
    const nQuadCtx = version >= 3 ? u32(9) : 0;
    const nQuad = version >= 3 ? u32(10) : 0;
    const V = u32(2);
    const nBi = u32(3);
    const nCtx = u32(4);
    const nTri = u32(5);
    const keyBytes = u32(6);
    const formBytes = u32(7);
    const scale = view.getFloat32(32, true);
    if (!(V > 1 && V <= 65536 && scale > 0)) throw new NgramFormatError(`n-gram header out of range (V=${V}, scale=${scale})`);
    this.size = V;
    this.invScale = 1 / scale;
    let offset = header;
    const align = (): void => {
      offset += (4 - (offset % 4)) % 4;
    };
    const take = (n: number): Uint8Array => {
      if (offset + n > own.byteLength) throw new NgramFormatError('n-gram file truncated');
      const part = own.subarray(offset, offset + n);
      offset += n;
      align();
      return part;
    };
    const u16s = (n: number): Uint16Array => {
      const b = take(n * 2);
      return new Uint16Array(b.buffer, b.byteOffset, n);
    };
    const u8s = (n: number): Uint8Array => take(n);
    const f32s = (n: number): Float32Array => {
      const b = take(n * 4);
      return new Float32Array(b.buffer, b.byteOffset, n);
    };
    const u32s = (n: number): Uint32Array => {
      const b = take(n * 4);
      return new Uint32Array(b.buffer, b.byteOffset, n);
    };
    const decoder = new TextDecoder('utf-8', { fatal: true });
    this.keys = ['<s>', ...decoder.decode(take(keyBytes)).split('\n')];
    const forms = decoder.decode(take(formBytes)).split('\n');
    if (this.keys.length !== V || forms.length !== V - 1) throw new NgramFormatError(`n-gram vocabulary has ${this.keys.length} words, header says ${V}`);
    this.forms = ['<s>', ...forms.map((f, i) => f || this.keys[i + 1])];
    this.uniQ = u16s(V);
    this.uniG = u16s(V);
    this.biOff = u32s(V + 1);
    this.biWord = u16s(nBi);
    this.biQ = u8s(nBi);
    this.triCtx = u32s(nCtx);
    this.triG = u16s(nCtx);
    this.triOff = u32s(nCtx + 1);
    this.triWord = u16s(nTri);
    this.triQ = u8s(nTri);
    this.biBook = f32s(BOOK);
    this.triBook = f32s(BOOK);
    if (version >= 3) {
      this.quadCtx = u32s(nQuadCtx);
      this.quadG = u16s(nQuadCtx);
      this.quadOff = u32s(nQuadCtx + 1);
      this.quadWord = u16s(nQuad);
      this.quadQ = u8s(nQuad);
      this.quadBook = f32s(BOOK);
    } else {
      [this.quadCtx, this.quadG, this.quadOff, this.quadWord, this.quadQ, this.quadBook] = [new Uint32Array(0), new Uint16Array(0), new Uint32Array(1), new Uint16Array(0), new Uint8Array(0), new Float32Array(BOOK)];
    }
    if (offset !== own.byteLength) throw new NgramFormatError(`n-gram file has ${own.byteLength - offset} bytes past its last section`);
    if (this.biOff[V] !== nBi || this.triOff[nCtx] !== nTri || this.quadOff[nQuadCtx] !== nQuad) throw new NgramFormatError('n-gram offsets do not match the header');
    for (let i = 1; i < V; i++) this.ids.set(this.keys[i], i);
    const decode = (q: Uint16Array): Float32Array => {
      const p = new Float32Array(q.length);
      for (let i = 0; i < q.length; i++) p[i] = Math.exp(-q[i] * this.invScale);
      return p;
    };
    this.uniP = decode(this.uniQ);
    this.version = version;
    const mark = (key: string, since: number): number[] => (version >= since && this.ids.has(key) ? [this.ids.get(key) as number] : []);
    this.marks = [...mark(PAUSE_TOKEN, 4), ...mark(HYPHEN_TOKEN, 5)];
    this.classes = [...mark(TIME_TOKEN, 6), ...mark(MONEY_TOKEN, 6)];
    this.unoffered = [...this.marks, ...this.classes];
  }

  /** Loads a store written by training/build_ngram.py. Errors: file-system errors, NgramFormatError. */
  static async load(path: string): Promise<NgramModel> {
    return new NgramModel(await readFile(path));
  }

  /** The id of a word (any case, either apostrophe), or -1 when it is not in the vocabulary. */
  id(word: string): number {
    return this.ids.get(normalizeKey(word)) ?? -1;
  }

  /** The lower-cased key of id (1 .. size-1); '<s>' for 0. */
  key(id: number): string {
    return this.keys[id] ?? '';
  }

  /** The usual written form of a vocabulary word ("I", "English", "letter"). */
  form(id: number): string {
    return this.forms[id] ?? '';
  }

  /**
   * The three tokens before a word that starts right after `textBefore` (whitespace included). The
   * last answer is remembered: a keystroke asks for the same text twice (the blend, then the ghost
   * text's quantity check), and so does a phrase's further word (its probability, then its rival).
   * Callers must not change the object returned.
   */
  context(textBefore: string): NgramContext {
    const read = textBefore.slice(-CONTEXT_CHARS);
    const atStart = textBefore.length <= CONTEXT_CHARS;
    const last = this.lastContext;
    if (last !== undefined && last.read === read && last.atStart === atStart) return last.ctx;
    const ctx = this.contextOf(read, atStart);
    this.lastContext = { read, atStart, ctx };
    return ctx;
  }

  /** `context` of the text's last CONTEXT_CHARS characters, `read`; `atStart`: they begin the document. */
  private contextOf(read: string, atStart: boolean): NgramContext {
    // Read as GPT-2 reads it: a contraction typed without its apostrophe as the contraction ("havent" → "haven't").
    const tail = withContractionsSpelled(read.replace(/\r\n?/gu, '\n'));
    const tokens = contextTokens(tail, atStart, this.version);
    // A break before the first of the words leaves a shorter context (BREAK is no word: id -1).
    const ids = tokens.slice(-3).map((t) => (t === '<s>' ? 0 : this.id(t)));
    while (ids.length < 3) ids.unshift(-1);
    if (tokens[tokens.length - 1] === BREAK) return { u: -1, v: -1, broken: true };
    const ctx: NgramContext = ids[0] >= 0 ? { t: ids[0], u: ids[1], v: ids[2] } : { u: ids[1], v: ids[2] };
    // The last word is a count's read from digits (spelledCount), not one written out.
    if (COUNT_KEYS.has(tokens[tokens.length - 1]) && /[0-9]\s*$/u.test(tail.slice(-CONTEXT_CHARS_AFTER_COUNT))) ctx.afterDigits = true;
    return ctx;
  }

  /**
   * P(word | context, a word comes next), a probability over whole words (0 for a word outside the
   * vocabulary, and for the pause and the hyphen, which are no words).
   */
  probability(word: string, ctx: NgramContext): number {
    const id = this.id(word);
    if (ctx.afterDigits === true && COUNT_KEYS.has(this.key(id))) return 0;
    return id > 0 && !this.marks.includes(id) ? this.probabilityOf(id, ctx) * this.wordScale(ctx) : 0;
  }

  /**
   * P(a time of day or an amount of money comes next | context, no pause or hyphen): the quantity
   * classes' mass (version 6; 0 for an older store). Nothing the engine can offer, so a next word's ghost
   * text that a likely number outranks is a guess against the counts ("Our flight leaves at ": 0.83).
   */
  quantityProbability(ctx: NgramContext): number {
    return ctx.broken === true ? 0 : this.classes.reduce((sum, id) => sum + this.probabilityOf(id, ctx), 0) * this.wordScale(ctx);
  }

  /**
   * Up to `limit` words that start with `lowerPrefix`, most probable first: the trigram and bigram
   * continuations of the context, and (once a letter is typed) the commonest words of that prefix.
   * Probabilities are not renormalised over the prefix, so they mix directly with GPT-2's.
   */
  candidates(lowerPrefix: string, ctx: NgramContext, limit: number): NgramCandidate[] {
    if (limit <= 0) return [];
    const prefix = normalizeKey(lowerPrefix);
    const found = prefix === '' && limit <= NEXT_WORD_CACHED ? this.nextWords(ctx).slice(0, limit) : this.candidatesScan(prefix, ctx, limit);
    return ctx.afterDigits === true ? found.filter((c) => !COUNT_KEYS.has(c.key)) : found;
  }

  /** One pass per list, no per-word searches (a context's lists can hold thousands of words). */
  private candidatesScan(prefix: string, ctx: NgramContext, limit: number): NgramCandidate[] {
    const [lo, hi] = this.prefixRange(prefix);
    if (lo >= hi) return [];
    // The pause and the hyphen are no words: never offered (a prefix holds letters, so only the lists can hold them).
    const best = new TopK(limit, this.unoffered);
    const tri = this.trigramContext(ctx);
    const quad = this.quadContext(ctx);
    const g3 = tri >= 0 ? this.prob(this.triG[tri]) : 1;
    const g4 = quad >= 0 ? this.prob(this.quadG[quad]) : 1;
    // Words already scored from a longer list.
    const listed = new Set<number>();
    if (quad >= 0) {
      const from = lowerBound(this.quadWord, this.quadOff[quad], this.quadOff[quad + 1], lo);
      const to = lowerBound(this.quadWord, from, this.quadOff[quad + 1], hi);
      for (let q = from; q < to; q++) {
        const id = this.quadWord[q];
        listed.add(id);
        best.offer(id, this.quadBook[this.quadQ[q]] + g4 * this.trigramProbability(id, ctx.v, tri));
      }
    }
    if (tri >= 0) {
      const from = lowerBound(this.triWord, this.triOff[tri], this.triOff[tri + 1], lo);
      const to = lowerBound(this.triWord, from, this.triOff[tri + 1], hi);
      for (let t = from; t < to; t++) {
        const id = this.triWord[t];
        if (listed.has(id)) continue;
        listed.add(id);
        best.offer(id, g4 * (this.triBook[this.triQ[t]] + g3 * this.bigramProbability(id, ctx.v)));
      }
    }
    if (ctx.v >= 0) {
      // Outside the longer lists P = g4 · g3 · P2, so the best by P2 are the best by P.
      const g2 = this.prob(this.uniG[ctx.v]);
      const end = this.biOff[ctx.v + 1];
      const from = lowerBound(this.biWord, this.biOff[ctx.v], end, lo);
      const to = lowerBound(this.biWord, from, end, hi);
      for (let i = from; i < to; i++) {
        const id = this.biWord[i];
        if (!listed.has(id)) best.offer(id, g4 * g3 * (this.biBook[this.biQ[i]] + g2 * this.uniP[id]));
      }
    }
    if (prefix !== '') {
      // The commonest words of the prefix, by unigram probability, for contexts the lists miss.
      const common = new TopK(limit);
      for (let id = lo; id < hi; id++) common.offer(id, -this.uniQ[id]);
      for (const id of common.ids()) if (!best.has(id)) best.offer(id, this.probabilityAt(id, ctx.v, tri, quad));
    }
    const scale = this.wordScale(ctx);
    return best.entries().map(([id, probability]) => ({ key: this.keys[id], form: this.forms[id], probability: probability * scale }));
  }

  /**
   * The best next words after a context, before any letter is typed, remembered per context: "the"
   * alone has ~20k continuations, and the same contexts come back on every word of a document.
   */
  private nextWords(ctx: NgramContext): NgramCandidate[] {
    const key = contextKey(ctx);
    let hit = this.nextWordCache.get(key);
    if (!hit) {
      if (this.nextWordCache.size >= NEXT_WORD_CACHE_SIZE) this.nextWordCache.clear();
      hit = this.candidatesScan('', ctx, NEXT_WORD_CACHED);
      this.nextWordCache.set(key, hit);
    }
    return hit;
  }

  /**
   * 1 / (1 − P(pause | ctx) − P(hyphen | ctx)): the cursor is past the gap, so neither can come next
   * and the words share their mass (1 for a store without them). Remembered for the last context,
   * which a keystroke asks for each of GPT-2's words.
   */
  private wordScale(ctx: NgramContext): number {
    if (this.marks.length === 0) return 1;
    const key = contextKey(ctx);
    if (this.lastWordScale.key !== key) {
      const marked = this.marks.reduce((sum, id) => sum + this.probabilityOf(id, ctx), 0);
      this.lastWordScale = { key, scale: 1 / Math.max(1e-3, 1 - marked) };
    }
    return this.lastWordScale.scale;
  }

  /** P2(id | v): bigram term plus back-off to the unigram. */
  private bigramProbability(id: number, v: number): number {
    const p1 = this.uniP[id];
    if (v < 0) return p1;
    const b = find(this.biWord, this.biOff[v], this.biOff[v + 1], id);
    return (b >= 0 ? this.biBook[this.biQ[b]] : 0) + this.prob(this.uniG[v]) * p1;
  }

  /** P3(id | u, v) given the index of (u, v) in triCtx (-1: none stored, so P2). */
  private trigramProbability(id: number, v: number, tri: number): number {
    const p2 = this.bigramProbability(id, v);
    if (tri < 0) return p2;
    const t = find(this.triWord, this.triOff[tri], this.triOff[tri + 1], id);
    return (t >= 0 ? this.triBook[this.triQ[t]] : 0) + this.prob(this.triG[tri]) * p2;
  }

  private probabilityOf(id: number, ctx: NgramContext): number {
    return this.probabilityAt(id, ctx.v, this.trigramContext(ctx), this.quadContext(ctx));
  }

  /** P(id | t, u, v) given the indices of (u, v) in triCtx and of (t, u, v) in quadCtx (-1: none stored). */
  private probabilityAt(id: number, v: number, tri: number, quad: number): number {
    const p3 = this.trigramProbability(id, v, tri);
    if (quad < 0) return p3;
    const q = find(this.quadWord, this.quadOff[quad], this.quadOff[quad + 1], id);
    return (q >= 0 ? this.quadBook[this.quadQ[q]] : 0) + this.prob(this.quadG[quad]) * p3;
  }

  /** Index of the trigram context (u, v) in triCtx, or -1. */
  private trigramContext(ctx: NgramContext): number {
    return this.pairContext(ctx.u, ctx.v);
  }

  /** Index of the trigram context (a, b) in triCtx, or -1. */
  private pairContext(a: number, b: number): number {
    if (a < 0 || b < 0) return -1;
    const pair = find(this.biWord, this.biOff[a], this.biOff[a + 1], b);
    return pair < 0 ? -1 : find(this.triCtx, 0, this.triCtx.length, pair);
  }

  /** Index of the 4-gram context (t, u, v) in quadCtx, or -1: the trigram entry (t, u, v) addresses it. */
  private quadContext(ctx: NgramContext): number {
    const t = ctx.t ?? -1;
    if (t < 0 || this.quadCtx.length === 0) return -1;
    const outer = this.pairContext(t, ctx.u);
    if (outer < 0) return -1;
    const entry = find(this.triWord, this.triOff[outer], this.triOff[outer + 1], ctx.v);
    return entry < 0 ? -1 : find(this.quadCtx, 0, this.quadCtx.length, entry);
  }

  /** Ids [lo, hi) whose keys start with `prefix` (keys are sorted by UTF-16 code units). */
  private prefixRange(prefix: string): [number, number] {
    const keys = this.keys;
    let lo = 1;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    let top = keys.length;
    while (end < top) {
      const mid = (end + top) >> 1;
      if (keys[mid].startsWith(prefix) || keys[mid] < prefix) end = mid + 1;
      else top = mid;
    }
    return [lo, end];
  }

  private prob(q: number): number {
    return Math.exp(-q * this.invScale);
  }
}

/** The n-gram that ships beside a model (models/prose-gpt2/ngram.bin). */
export const NGRAM_FILE = 'ngram.bin';

/**
 * The n-gram for a model folder: `option` names a file, false turns it off, undefined takes
 * NGRAM_FILE in `modelDir` when present (a GPT-2 downloaded without one simply has none).
 * Errors: EngineError 'model-missing' for a named file that is absent, 'model-invalid' for a damaged one.
 */
export async function loadNgramBeside(modelDir: string, option: string | false | undefined): Promise<NgramModel | undefined> {
  if (option === false) return undefined;
  const file = option ?? join(modelDir, NGRAM_FILE);
  if (!existsSync(file)) {
    if (option === undefined) return undefined;
    throw new EngineError('model-missing', `The word n-gram ${file} does not exist.`);
  }
  try {
    return await NgramModel.load(file);
  } catch (error) {
    throw new EngineError('model-invalid', `The word n-gram ${file} cannot be read: ${(error as Error).message}`);
  }
}

/**
 * Whether the gap `between` two words ends the line `previousLine` (the text of the first word's line up
 * to it) as a heading, or as a list item or blockquote line that the next line does not continue
 * indented. The builder's doc_words reads it alike.
 */
function endsMarkedLine(between: string, previousLine: string): boolean {
  const lineBreak = between.lastIndexOf('\n');
  if (lineBreak < 0) return false;
  return HEADING_LINE.test(previousLine) || (ITEM_LINE.test(previousLine) && !/^[ \t]/u.test(between.slice(lineBreak + 1)));
}

/** Lower case, straight apostrophes: the store's keys (`wordKey`). */
export const normalizeKey = wordKey;

/**
 * What glues two words into one identifier piece by piece (`io_uring`, `acme.io`, `std::vector`,
 * `user@example`, `a\\b`, `x=y`): a run of these characters, with no space, between two words that
 * both hold a letter. A lone slash is not glue (`and/or`, `he/she` are prose), nor a hyphen
 * (`state-of-the-art`), nor a dot before a number (`v2.5`, `Python3.12`). training/build_ngram.py's
 * GLUE is the same rule.
 */
export const GLUE = /^[_.@:\\=#+|^&%$<>~/]+$/u;

/** Whether the gap between two lettered words glues them into an identifier (GLUE). */
function isGlue(gap: string): boolean {
  return gap !== '/' && GLUE.test(gap);
}

/**
 * The word tokens of `text` with `<s>` markers, as training/build_ngram.py counts them, and a BREAK
 * token where the text between two words breaks the context (CONTEXT_BREAK; the builder has none),
 * and around an identifier (GLUE: `acme.io`, `dh_install`), whose pieces the builder counts apart
 * from the prose: `acme.io ` is no context for "uring", but `Use dh_` goes on with "install".
 * `atStart` says that `text` begins the document (a sentence starts there). `version` reads the text
 * as a store of that file version was counted: from 4, a comma or semicolon between two words is a
 * PAUSE_TOKEN, and a single line break after a line of its own (a salutation, a signature's or an
 * address's short lines: whitespace.ts endsOwnLine) starts a sentence; from 5, a hyphen joining two
 * words is a HYPHEN_TOKEN; from 6, a time of day or an amount of money is its class token (QUANTITY:
 * "at 10:30 " is at <time>). A text that ends in such a gap ends in its token ("Dear Sam, ", "sister-in-").
 */
export function contextTokens(text: string, atStart: boolean, version = NGRAM_VERSION): string[] {
  text = text.replace(/\r\n?/gu, '\n');
  const out: string[] = atStart ? ['<s>'] : [];
  // The last word before a gap, whole: an identifier's text ("e.g") for the abbreviation test.
  let lastWord = '';
  // The gap is text[from, to); the first word's line is read only when the gap holds a line break.
  const gap = (from: number, to: number): void => {
    const last = out[out.length - 1];
    const between = text.slice(from, to);
    const charBefore = from > 0 && text[from - 1] !== '\n' ? text[from - 1] : '';
    const lineBreak = between.indexOf('\n');
    const ends =
      SENTENCE_BREAK.test((charBefore + between).replace(NUMBER_DOT, '')) ||
      (lineBreak >= 0 && (endsMarkedLine(between, text.slice(text.lastIndexOf('\n', from - 1) + 1, from)) || (version >= 4 && endsOwnLine(text.slice(0, from + lineBreak)))));
    if (ends && !(ABBREVIATION_DOT.test(between) && isAbbreviation(lastWord))) {
      if (last !== '<s>') out.push('<s>');
    } else if (last !== undefined && last !== '<s>' && last !== BREAK && CONTEXT_BREAK.test(between.replace(EMOJI, ''))) {
      out.push(BREAK);
    } else if (last !== undefined && last !== '<s>' && last !== BREAK) {
      // A pause or a hyphen only after a word, in a store that counted it.
      if (version >= 4 && PAUSE.test(between)) out.push(PAUSE_TOKEN);
      else if (version >= 5 && HYPHEN.test(between)) out.push(HYPHEN_TOKEN);
    }
  };
  const words = wordRuns(text, version >= 6);
  // joinsNext[i]: run i and the next are an identifier's pieces (both lettered, GLUE between them).
  const joinsNext = words.map((run, i) => i + 1 < words.length && run.lettered && words[i + 1].lettered && isGlue(text.slice(run.end, words[i + 1].start)));
  // The text ends inside an identifier (`Use dh_`): its pieces so far are the context of the next.
  const last = words.length - 1;
  const open = last >= 0 && words[last].lettered && isOpenGlue(text.slice(words[last].end));
  const goesOn = (i: number): boolean => joinsNext[i] || (i === last && open);
  let gapStart = 0;
  words.forEach((run, i) => {
    if (!run.counted) return;
    const key = normalizeKey(run.word);
    if (i > 0 && joinsNext[i - 1]) {
      // The dot of "acme.io" ends no sentence; the pieces are counted apart from the prose.
      lastWord += text.slice(gapStart, run.start) + key;
      gapStart = run.end;
      out.push(key);
      if (!goesOn(i)) out.push(BREAK);
      return;
    }
    gap(gapStart, run.start);
    gapStart = run.end;
    lastWord = key;
    if (goesOn(i) && out[out.length - 1] !== BREAK) out.push(BREAK);
    out.push(key);
  });
  if (!open) gap(gapStart, text.length);
  return out;
}

/** Glue at the end of the text that opens an identifier (`dh_`, `std::`), not a sentence's dot nor a lone slash. */
function isOpenGlue(tail: string): boolean {
  return tail !== '.' && isGlue(tail);
}

/** A run of word characters (word_chars.ts) in offsets [start, end), trailing apostrophes dropped. */
interface WordRun {
  start: number;
  end: number;
  word: string;
  /** It holds a letter (a neighbour that can glue an identifier). */
  lettered: boolean;
  /** A word the n-gram counts: lettered and at most MAX_WORD_LENGTH long. */
  counted: boolean;
}

function wordRuns(text: string, quantities: boolean): WordRun[] {
  const runs: WordRun[] = [];
  // Quantity spans (QUANTITY), each one run of its class's key; a quantity glues to no identifier.
  const spans = quantities && /[0-9]/u.test(text) ? [...text.matchAll(QUANTITY)] : [];
  let span = 0;
  let skipTo = 0;
  let start = -1;
  let offset = 0;
  const flush = (end: number): void => {
    if (start < 0) return;
    let word = text.slice(start, end);
    while (word.length > 0 && isApostrophe(word[word.length - 1])) word = word.slice(0, -1);
    const lettered = LETTER.test(word);
    const count = lettered ? undefined : spelledCount(text, start, end);
    if (count !== undefined) runs.push({ start, end, word: count, lettered, counted: true });
    else if (word.length > 0) runs.push({ start, end, word, lettered, counted: lettered && word.length <= MAX_WORD_LENGTH });
    start = -1;
  };
  for (const ch of text) {
    if (offset < skipTo) {
      offset += ch.length;
      continue;
    }
    const quantity = spans[span];
    if (quantity?.index === offset) {
      flush(offset);
      skipTo = offset + quantity[0].length;
      runs.push({ start: offset, end: skipTo, word: quantity.groups?.time !== undefined ? TIME_TOKEN : MONEY_TOKEN, lettered: false, counted: true });
      span++;
      offset += ch.length;
      continue;
    }
    if (isWordChar(ch) && !(start < 0 && isApostrophe(ch))) {
      if (start < 0) start = offset;
    } else {
      flush(offset);
    }
    offset += ch.length;
  }
  flush(offset);
  return runs;
}

/**
 * The words of the small counts that writers also spell out ("in 5 minutes", "in five minutes"):
 * 0 to 20 and the tens. The builder cuts its counts at a number (build_ngram.py NUMBER_GAP), so its
 * n-grams know a count only spelled out; read so, "I'll be there in 5 " goes on as "in five " (minutes,
 * 0.78) instead of leaving GPT-2 alone (years, 0.20).
 */
const COUNT_WORDS = new Map<string, string>([
  ...'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split(' ').map((w, i): [string, string] => [String(i), w]),
  ...'thirty forty fifty sixty seventy eighty ninety'.split(' ').map((w, i): [string, string] => [String(30 + 10 * i), w]),
]);
const COUNT_KEYS = new Set(COUNT_WORDS.values());
/** Characters after a count's digits and before the word that `context` looks at for them. */
const CONTEXT_CHARS_AFTER_COUNT = 12;

/**
 * The count's word when `text[start, end)` is a small count standing alone (COUNT_WORDS): after a
 * space or the text's start, before a space, the end or a sentence's or pause's mark, and not a part of
 * a decimal number, a time, a date or a version ("2.5", "10:30", "3/4"), nor a numbered list's marker
 * ("1. Call Ann"). Anything else made of digits stays a context break ("born in 1990 ", "$5 ").
 */
function spelledCount(text: string, start: number, end: number): string | undefined {
  const word = COUNT_WORDS.get(text.slice(start, end));
  if (word === undefined) return undefined;
  const before = text.slice(0, start);
  if (before !== '' && !/\s$/u.test(before)) return undefined;
  const after = text.slice(end, end + 2);
  if (!/^(?:$|\s|[.,;!?:)](?![0-9]))/u.test(after)) return undefined;
  const listMarker = /^[.)]/u.test(after) && /(?:^|\n)[ \t]*$/u.test(before);
  return listMarker ? undefined : word;
}

/** A context's key, unique per (t, u, v): ids are below 2^16, -1 included once shifted, so 49 bits, exact in a double. */
function contextKey(ctx: NgramContext): number {
  return (((ctx.t ?? -1) + 1) * 65537 + ctx.u + 1) * 65537 + ctx.v + 1;
}

/** The k best (id, score) pairs offered, kept sorted by score (k is small: a dozen); `excluded` is never kept. */
class TopK {
  private readonly list: Array<[number, number]> = [];
  constructor(
    private readonly k: number,
    private readonly excluded: readonly number[] = [],
  ) {}

  offer(id: number, score: number): void {
    if (this.excluded.includes(id)) return;
    const list = this.list;
    if (list.length === this.k && score <= list[list.length - 1][1]) return;
    let i = list.length;
    while (i > 0 && list[i - 1][1] < score) i--;
    list.splice(i, 0, [id, score]);
    if (list.length > this.k) list.pop();
  }

  has(id: number): boolean {
    return this.list.some((e) => e[0] === id);
  }

  ids(): number[] {
    return this.list.map((e) => e[0]);
  }

  entries(): Array<[number, number]> {
    return this.list;
  }
}

/** First index in [from, to) whose value is >= x (arrays sorted ascending). */
function lowerBound(a: Uint16Array | Uint32Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function find(a: Uint16Array | Uint32Array, from: number, to: number, x: number): number {
  const i = lowerBound(a, from, to, x);
  return i < to && a[i] === x ? i : -1;
}
