/**
 * The personal dictionary on disk: one versioned JSON file, loaded once, written at most every
 * few seconds while words are being learned (never per keystroke), always atomically (a temp file
 * renamed over the old one), and merged with the file on every write so that two VS Code windows
 * learning at the same time both keep their words. No `vscode` import: the caller passes a log.
 *
 * File access is synchronous on purpose: the file is small (at most a few hundred KB), a write
 * happens at most once per `saveDelayMs`, and a synchronous read-merge-write cannot interleave with
 * words learned meanwhile.
 */
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_MAX_ENTRIES, parseDictionary, PersonalDictionary } from './dictionary';

export const FILE_NAME = 'personal-dictionary.json';

export interface StoreOptions {
  /** The JSON file (in the extension's global storage). */
  path: string;
  maxEntries?: number;
  /** Delay between the first unsaved word and the write. */
  saveDelayMs?: number;
  log: { info(message: string): void; warn(message: string): void };
  now?: () => number;
  /** Called after the words changed (learned, removed, cleared, or merged from another window). */
  onDidChange?: () => void;
}

export class PersonalStore {
  private dictionary: PersonalDictionary;
  /** Uses since the last write, added to whatever the file holds then. */
  private pending: PersonalDictionary;
  private removed = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: StoreOptions) {
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.now = options.now ?? Date.now;
    this.dictionary = new PersonalDictionary(this.maxEntries);
    this.pending = new PersonalDictionary(Number.MAX_SAFE_INTEGER);
  }

  get path(): string {
    return this.options.path;
  }

  get words(): PersonalDictionary {
    return this.dictionary;
  }

  /** Whether learned words wait for the debounced write. */
  get dirty(): boolean {
    return this.timer !== undefined;
  }

  /** Reads the file: missing is empty; corrupt or another version is set aside and reset, with a warning. */
  load(): void {
    this.dictionary = this.readFile();
    this.options.onDidChange?.();
  }

  /** Counts a use of each term (already filtered by the learning rules; unsafe terms are refused again). */
  record(terms: readonly string[]): void {
    const now = this.now();
    let changed = false;
    for (const term of terms) {
      if (!this.dictionary.record(term, now)) continue;
      this.pending.record(term, now);
      this.removed.delete(term);
      changed = true;
    }
    if (!changed) return;
    this.options.onDidChange?.();
    this.timer ??= setTimeout(() => this.save(), this.options.saveDelayMs ?? 3000);
  }

  /** Forgets one word or phrase, here and in the file, now. */
  remove(term: string): boolean {
    const had = this.dictionary.remove(term);
    this.pending.remove(term);
    this.removed.add(term);
    this.save();
    if (had) this.options.onDidChange?.();
    return had;
  }

  /** Forgets everything: the file is rewritten empty, whatever other windows had added to it. */
  clear(): void {
    this.cancelTimer();
    this.dictionary.clear();
    this.pending.clear();
    this.removed.clear();
    this.write(new PersonalDictionary(this.maxEntries));
    this.options.onDidChange?.();
  }

  /** Writes now: the file's current words, minus the ones removed here, plus the uses counted here. */
  save(): void {
    this.cancelTimer();
    const disk = this.readFile();
    for (const term of this.removed) disk.remove(term);
    disk.merge(this.pending, this.now());
    if (!this.write(disk)) return; // keep the pending uses for the next try
    this.pending = new PersonalDictionary(Number.MAX_SAFE_INTEGER);
    this.removed.clear();
    const before = this.dictionary.size;
    this.dictionary = disk;
    if (disk.size !== before) this.options.onDidChange?.();
  }

  /** Writes pending words, if any (on shutdown). */
  flush(): void {
    if (this.timer !== undefined) this.save();
  }

  dispose(): void {
    this.flush();
    this.cancelTimer();
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readFile(): PersonalDictionary {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.options.log.warn(`Personal dictionary: cannot read ${this.path} (${(e as Error).message}); using an empty one.`);
      return new PersonalDictionary(this.maxEntries);
    }
    const parsed = parseDictionary(text, this.now(), this.maxEntries);
    if (parsed.reset) {
      // Kept beside it rather than deleted: it may come from a newer version of the extension.
      const aside = `${this.path}.bad`;
      try {
        renameSync(this.path, aside);
      } catch {
        // The next write replaces it anyway.
      }
      this.options.log.warn(`Personal dictionary ${this.path} was reset because ${parsed.problem ?? 'it is unreadable'}; the old file is kept as ${aside}.`);
    } else if (parsed.problem) {
      this.options.log.warn(`Personal dictionary ${this.path}: ${parsed.problem}.`);
    }
    return parsed.dictionary;
  }

  private write(dictionary: PersonalDictionary): boolean {
    const tmp = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(tmp, JSON.stringify(dictionary.toJSON(), null, 1) + '\n', { mode: 0o600 });
      renameSync(tmp, this.path);
      return true;
    } catch (e) {
      this.options.log.warn(`Personal dictionary: cannot write ${this.path} (${(e as Error).message}).`);
      try {
        unlinkSync(tmp);
      } catch {
        // Nothing was written.
      }
      return false;
    }
  }
}
