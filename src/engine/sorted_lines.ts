/**
 * A sorted word list held as one newline-joined string (sorted by UTF-16 code units, JavaScript's
 * default sort), with membership by binary search over the line starts (~log2(n) comparisons).
 *
 * Why not a Set: a Set of n short strings is n heap objects that every major garbage collection
 * marks again, and the worker's collections run on the core that answers keystrokes. WordNet's
 * name lists as four Sets grew the worker's live heap by 1.2 MiB (6 %); as strings they are four
 * objects. Comparisons read code units in place, so a lookup allocates nothing.
 */
export class SortedLines {
  /** Offset of each line's first code unit in `text`; one extra entry past the end. */
  private readonly starts: Uint32Array;

  /** `text`: lines sorted by code units and joined with '\n', no trailing newline; '' is no lines. */
  constructor(private readonly text: string) {
    let count = text === '' ? 0 : 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
    this.starts = new Uint32Array(count + 1);
    let n = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts[n++] = i + 1;
    // Past the end, as if the text ended in a line break: line k is text[starts[k], starts[k+1] - 1).
    this.starts[count] = text.length + 1;
  }

  /** The number of lines. */
  get size(): number {
    return this.starts.length - 1;
  }

  /** Whether `key` is one of the lines, exactly (case and all). */
  has(key: string): boolean {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const order = this.compareLine(mid, key);
      if (order === 0) return true;
      if (order < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Line `k` against `key` in code-unit order: negative, 0 or positive. */
  private compareLine(k: number, key: string): number {
    const start = this.starts[k];
    const length = this.starts[k + 1] - 1 - start;
    const shared = Math.min(length, key.length);
    for (let j = 0; j < shared; j++) {
      const difference = this.text.charCodeAt(start + j) - key.charCodeAt(j);
      if (difference !== 0) return difference;
    }
    return length - key.length;
  }
}
