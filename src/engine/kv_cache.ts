import { pastBytes, type PastState } from './past';

/** What the engine remembers about one document between keystrokes. */
export interface CachedContext {
  /** Absolute document offset where the tokenized window begins. */
  windowStart: number;
  /** Token ids fed so far, starting with <|endoftext|>. */
  ids: number[];
  past: PastState;
  /** Next-token logits after `ids`, so an unchanged context costs no model call. */
  lastLogits: Float32Array;
}

/**
 * Per-document KV caches under one memory budget. Map iteration order is insertion order, so
 * re-inserting on every use makes the first entry the least recently used.
 */
export class KvCache {
  private readonly entries = new Map<string, CachedContext>();
  private readonly sizes = new Map<string, number>();
  private total = 0;

  constructor(readonly budgetBytes: number) {}

  get(docId: string): CachedContext | undefined {
    const entry = this.entries.get(docId);
    if (entry) {
      this.entries.delete(docId);
      this.entries.set(docId, entry);
    }
    return entry;
  }

  set(docId: string, entry: CachedContext): void {
    this.delete(docId);
    const size = pastBytes(entry.past) + entry.lastLogits.byteLength + entry.ids.length * 8;
    this.entries.set(docId, entry);
    this.sizes.set(docId, size);
    this.total += size;
    // The document being typed in is never evicted for others, even if it alone exceeds the budget.
    for (const victim of this.entries.keys()) {
      if (this.total <= this.budgetBytes || victim === docId) break;
      this.delete(victim);
    }
  }

  delete(docId: string): void {
    const size = this.sizes.get(docId);
    if (size === undefined) return;
    this.entries.delete(docId);
    this.sizes.delete(docId);
    this.total -= size;
  }

  get bytes(): number {
    return this.total;
  }

  get documents(): number {
    return this.entries.size;
  }

  has(docId: string): boolean {
    return this.entries.has(docId);
  }
}
