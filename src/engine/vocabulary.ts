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
  private readonly idsByLower = new Map<string, number[]>();
  /** Ids of each kind, so scans touch only the tokens that can qualify. */
  /** 1 for boundary tokens: their probability is the chance that the current word ends. */
  readonly boundaryMask: Uint8Array;
  readonly continuationIds: Int32Array;
  readonly spacedWordIds: Int32Array;

  constructor(size = 50257) {
    this.size = size;
    this.strings = new Array<string>(size);
    this.kinds = new Uint8Array(size);
    for (let id = 0; id < size; id++) {
      const text = id === END_OF_TEXT ? '' : tokenString(id);
      this.strings[id] = text;
      this.kinds[id] = classify(text, id);
      const lower = text.toLowerCase();
      const same = this.idsByLower.get(lower);
      if (same) same.push(id);
      else this.idsByLower.set(lower, [id]);
    }
    const idsOf = (kind: TokenKind): Int32Array => Int32Array.from(Array.from({ length: size }, (_, id) => id).filter((id) => (this.kinds[id] & kind) !== 0));
    this.boundaryMask = this.kinds.map((kind) => ((kind & TokenKind.Boundary) !== 0 ? 1 : 0));
    this.continuationIds = idsOf(TokenKind.Continuation);
    this.spacedWordIds = idsOf(TokenKind.SpacedWord);
    const order = Array.from({ length: size }, (_, id) => id).filter((id) => !(this.kinds[id] & TokenKind.PartialByte) && id !== END_OF_TEXT);
    const lowers = this.strings.map((s) => s.toLowerCase());
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
    let lo = 0;
    let hi = this.sortedLower.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedLower[mid] < lowerPrefix) lo = mid + 1;
      else hi = mid;
    }
    const ids: number[] = [];
    for (let i = lo; i < this.sortedLower.length && this.sortedLower[i].startsWith(lowerPrefix); i++) ids.push(this.sortedIds[i]);
    return ids;
  }

  /** Ids of tokens whose lower-cased text equals `lower`. */
  idsEqualTo(lower: string): readonly number[] {
    return this.idsByLower.get(lower) ?? [];
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
    return (this.idsByLower.get(joined.toLowerCase()) ?? []).some((id) => this.strings[id] === joined);
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
