import bpeRanks from 'gpt-tokenizer/bpeRanks/r50k_base';
import { decode, encode } from 'gpt-tokenizer/encoding/r50k_base';
import { isAllWordChars, isApostrophe, isWordChar } from './word_chars';

export const END_OF_TEXT = 50256;
const NO_SPECIAL_TOKENS = { disallowedSpecial: new Set<string>() };

/** Token kinds, precomputed once so that per-keystroke scans over 50,257 tokens are array lookups. */
export const enum TokenKind {
  /** Starts with a space, punctuation, newline or is <|endoftext|>: whatever follows ends the word. */
  Boundary = 1,
  /** Only word characters, or an apostrophe suffix ("'s"): it continues the current word. */
  Continuation = 2,
  /** A space followed only by word characters (" robot"): a whole new word. */
  SpacedWord = 4,
  /** Part of a multi-byte character: no word can be assembled from it alone. */
  PartialByte = 8,
}

/** GPT-2's BPE (r50k_base) plus the views of its vocabulary that word assembly needs. */
export class Vocabulary {
  readonly size: number;
  readonly strings: string[];
  readonly kinds: Uint8Array;
  /** Token ids sorted by lower-cased string, for case-insensitive prefix ranges. */
  private readonly sortedIds: Int32Array;
  private readonly sortedLower: string[];
  /** 1 for boundary tokens: their probability is the chance that the current word ends. */
  readonly boundaryMask: Uint8Array;
  /** Ids of each kind, so scans touch only the tokens that can qualify. */
  readonly continuationIds: Int32Array;
  readonly spacedWordIds: Int32Array;

  constructor(size = 50257) {
    this.size = size;
    this.strings = new Array<string>(size);
    this.kinds = new Uint8Array(size);
    this.boundaryMask = new Uint8Array(size);
    // One pass, plain loops and no hash map (exact lookups binary-search the sorted index instead):
    // this runs on every worker start, before the first prediction (issue 6's 2 s restart), and
    // hashing 50,257 fresh strings cost as much as sorting them.
    const lowers = new Array<string>(size);
    const continuation: number[] = [];
    const spacedWord: number[] = [];
    const order: number[] = [];
    for (let id = 0; id < size; id++) {
      const text = id === END_OF_TEXT ? '' : tokenString(id);
      const kind = classify(text, id);
      const lower = text.toLowerCase();
      this.strings[id] = text;
      this.kinds[id] = kind;
      lowers[id] = lower;
      if (kind & TokenKind.Boundary) this.boundaryMask[id] = 1;
      if (kind & TokenKind.Continuation) continuation.push(id);
      if (kind & TokenKind.SpacedWord) spacedWord.push(id);
      if (!(kind & TokenKind.PartialByte) && id !== END_OF_TEXT) order.push(id);
    }
    this.continuationIds = Int32Array.from(continuation);
    this.spacedWordIds = Int32Array.from(spacedWord);
    order.sort((a, b) => (lowers[a] < lowers[b] ? -1 : lowers[a] > lowers[b] ? 1 : a - b));
    this.sortedIds = Int32Array.from(order);
    this.sortedLower = order.map((id) => lowers[id]);
  }

  encode(text: string): number[] {
    return encode(text, NO_SPECIAL_TOKENS);
  }

  decode(ids: readonly number[]): string {
    return decode(ids.filter((id) => id !== END_OF_TEXT));
  }

  /** Ids of tokens whose lower-cased text starts with `lowerPrefix` (non-empty). */
  idsStartingWith(lowerPrefix: string): number[] {
    const ids: number[] = [];
    for (let i = this.firstAtLeast(lowerPrefix); i < this.sortedLower.length && this.sortedLower[i].startsWith(lowerPrefix); i++) ids.push(this.sortedIds[i]);
    return ids;
  }

  /**
   * Ids of tokens whose lower-cased text equals `lower` (non-empty), in id order. Like
   * `idsStartingWith` it knows only whole-character tokens: the eight tokens that are or hold
   * U+FFFD count as partial bytes and are never returned.
   */
  idsEqualTo(lower: string): readonly number[] {
    const ids: number[] = [];
    for (let i = this.firstAtLeast(lower); i < this.sortedLower.length && this.sortedLower[i] === lower; i++) ids.push(this.sortedIds[i]);
    return ids;
  }

  /** Index of the first entry of the sorted index whose lower-cased text is >= `lower`. */
  private firstAtLeast(lower: string): number {
    let lo = 0;
    let hi = this.sortedLower.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedLower[mid] < lower) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Whether BPE never writes token `a` followed by token `b` inside one word, because their
   * joined text is itself a token: BPE merges by rank, so a join in the vocabulary is almost
   * always made, and the model saw " ré" + "sum", never " r" + "é" + "sum" or " " + "ré" (checked
   * on every word of the held-out texts: test/unit/engine_search.test.ts).
   * An apostrophe piece ("'" + "t") and whitespace ("\n" + "\n") are split by the pre-tokenizer
   * before BPE and do follow each other.
   */
  neverFollows(a: number, b: number): boolean {
    const second = this.strings[b];
    if (second === '' || isApostrophe(second[0])) return false;
    const joined = this.strings[a] + second;
    if (/^\s+$/u.test(joined)) return false;
    return this.idsEqualTo(joined.toLowerCase()).some((id) => this.strings[id] === joined);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * One token's text, decoded from its own bytes. gpt-tokenizer's `decode` streams through one shared
 * decoder, so the leftover bytes of a partial character would leak into the next token decoded.
 * A token that is only part of a multi-byte character is ''.
 */
export function tokenString(id: number): string {
  const entry = (bpeRanks as ReadonlyArray<string | number[]>)[id];
  if (typeof entry === 'string') return entry;
  if (entry === undefined) return '';
  try {
    return strictUtf8.decode(Uint8Array.from(entry));
  } catch {
    return '';
  }
}

function classify(text: string, id: number): number {
  if (id === END_OF_TEXT) return TokenKind.Boundary;
  // gpt-tokenizer decodes a lone piece of a multi-byte character to '' (older versions to U+FFFD).
  if (text === '' || text.includes('\uFFFD')) return TokenKind.PartialByte;
  const first = text[0];
  if (isAllWordChars(text)) return isApostrophe(first) && text.length === 1 ? TokenKind.Boundary : TokenKind.Continuation;
  if (first === ' ' && isAllWordChars(text.slice(1)) && isWordChar(text[1]) && !isApostrophe(text[1])) return TokenKind.Boundary | TokenKind.SpacedWord;
  if (!isWordChar(first)) return TokenKind.Boundary;
  return 0;
}
