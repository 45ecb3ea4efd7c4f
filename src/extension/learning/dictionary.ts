/**
 * The personal dictionary in memory: words and short phrases with how often and when they were
 * last used, bounded in size, and its versioned JSON form. No `vscode` import and no file access
 * (store.ts reads and writes the file), so bounds, eviction and the format are unit-tested directly.
 */
import { describeError } from '../../engine/errors';
import { isLearnableWord } from './secrets';

export const FORMAT_VERSION = 1;
export const DEFAULT_MAX_ENTRIES = 5000;
/** Counts stop growing here: a word typed ten thousand times needs no bigger number to rank first. */
const MAX_COUNT = 1_000_000;
const DAY_MS = 86_400_000;
/** Age at which a word's count weighs half as much when choosing what to evict. */
const EVICTION_HALF_LIFE_DAYS = 30;

export interface Entry {
  count: number;
  /** Last time the word was typed or accepted, in milliseconds since the epoch. */
  last: number;
}

/** The file's shape: `{ "version": 1, "words": { "Zorblaxian": { "count": 3, "last": 1764340000000 } } }`. */
export interface DictionaryJson {
  version: typeof FORMAT_VERSION;
  words: Record<string, Entry>;
}

/** A word, or a phrase of learnable words separated by single spaces. */
export function isLearnableTerm(term: string): boolean {
  const parts = term.split(' ');
  return parts.length <= 3 && parts.every(isLearnableWord);
}

export class PersonalDictionary {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  get size(): number {
    return this.entries.size;
  }

  get(term: string): Entry | undefined {
    return this.entries.get(term);
  }

  has(term: string): boolean {
    return this.entries.has(term);
  }

  /** Counts one more use of `term`; refuses (returns false) anything that is not a learnable term. */
  record(term: string, now: number, times = 1): boolean {
    if (!this.add(term, now, times)) return false;
    this.evict(now);
    return true;
  }

  /** `record` without the size bound, for loading a file: eviction then runs once, not per entry. */
  add(term: string, now: number, times: number): boolean {
    if (!isLearnableTerm(term)) return false;
    const entry = this.entries.get(term);
    if (entry) {
      entry.count = Math.min(MAX_COUNT, entry.count + times);
      entry.last = Math.max(entry.last, now);
    } else {
      this.entries.set(term, { count: Math.min(MAX_COUNT, times), last: now });
    }
    return true;
  }

  remove(term: string): boolean {
    return this.entries.delete(term);
  }

  clear(): void {
    this.entries.clear();
  }

  /** All entries, most used first (ties: most recent first). */
  list(): Array<{ term: string } & Entry> {
    return [...this.entries].map(([term, e]) => ({ term, ...e })).sort((a, b) => b.count - a.count || b.last - a.last || (a.term < b.term ? -1 : 1));
  }

  /** What the engine gets: its `{ word, count }` shape, most used first. */
  forEngine(limit = this.maxEntries): Array<{ word: string; count: number }> {
    return this.list()
      .slice(0, limit)
      .map((e) => ({ word: e.term, count: e.count }));
  }

  /** Adds another dictionary's counts into this one (merging a file written by another window). */
  merge(other: PersonalDictionary, now: number): void {
    for (const [term, e] of other.entries) {
      const mine = this.entries.get(term);
      if (mine) {
        mine.count = Math.min(MAX_COUNT, mine.count + e.count);
        mine.last = Math.max(mine.last, e.last);
      } else this.entries.set(term, { ...e });
    }
    this.evict(now);
  }

  toJSON(): DictionaryJson {
    const words: Record<string, Entry> = {};
    for (const e of this.list()) words[e.term] = { count: e.count, last: e.last };
    return { version: FORMAT_VERSION, words };
  }

  /**
   * Drops the entries with the lowest count discounted by age until the bound holds: a word used
   * often long ago and a word used once yesterday both have a fair chance to stay.
   */
  evict(now: number): void {
    if (this.entries.size <= this.maxEntries) return;
    // A little below the bound, so a full dictionary sorts once per few hundred new words, not per word.
    const excess = this.entries.size - Math.floor(this.maxEntries * 0.95);
    const score = (e: Entry): number => e.count / (1 + Math.max(0, now - e.last) / DAY_MS / EVICTION_HALF_LIFE_DAYS);
    const victims = [...this.entries].sort((a, b) => score(a[1]) - score(b[1]) || a[1].last - b[1].last).slice(0, excess);
    for (const [term] of victims) this.entries.delete(term);
  }
}

export interface Parsed {
  dictionary: PersonalDictionary;
  /** Set when the text could not be used as it is: why, for the Output channel. */
  problem?: string;
  /** True when the whole file was unusable (corrupt JSON, unknown version) and was reset. */
  reset: boolean;
}

/**
 * Reads the JSON form. A corrupt file or another version gives an empty dictionary and a
 * `problem`; single bad entries (wrong types, or terms today's rules would not store) are dropped.
 */
export function parseDictionary(text: string, now: number, maxEntries = DEFAULT_MAX_ENTRIES): Parsed {
  const dictionary = new PersonalDictionary(maxEntries);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { dictionary, reset: true, problem: `it is not valid JSON (${describeError(e)})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { dictionary, reset: true, problem: 'it is not a JSON object' };
  const { version, words } = data as { version?: unknown; words?: unknown };
  if (version !== FORMAT_VERSION) return { dictionary, reset: true, problem: `its version is ${JSON.stringify(version)}, this extension reads version ${FORMAT_VERSION}` };
  if (typeof words !== 'object' || words === null || Array.isArray(words)) return { dictionary, reset: true, problem: '"words" is not an object' };
  let dropped = 0;
  for (const [term, raw] of Object.entries(words as Record<string, unknown>)) {
    const e = raw as Partial<Entry> | null;
    const count = typeof e?.count === 'number' && Number.isFinite(e.count) ? Math.floor(e.count) : 0;
    const last = typeof e?.last === 'number' && Number.isFinite(e.last) ? e.last : now;
    if (count < 1 || !dictionary.add(term, last, count)) dropped++;
  }
  dictionary.evict(now);
  return dropped > 0 ? { dictionary, reset: false, problem: `${dropped} entr${dropped === 1 ? 'y was' : 'ies were'} invalid and dropped` } : { dictionary, reset: false };
}
