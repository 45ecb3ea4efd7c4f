/**
 * The measured keystroke latency the status hover shows: the last `size` prediction round trips
 * (keystroke in the editor to candidates back from the worker), in milliseconds, with their p50 and
 * p95. Cleared when the model changes, so the figures always belong to the model named above them.
 */
export class LatencyWindow {
  private readonly values: number[] = [];
  private owner: string | undefined;

  constructor(private readonly size = 50) {}

  /** Forgets what was measured when `model` (any id, e.g. its file) is not the one measured so far. */
  belongTo(model: string | undefined): void {
    if (model === this.owner) return;
    this.owner = model;
    this.values.length = 0;
  }

  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.values.push(ms);
    if (this.values.length > this.size) this.values.shift();
  }

  /** Nearest-rank p50 and p95 in ms; undefined before the first measurement. */
  summary(): { n: number; p50: number; p95: number } | undefined {
    if (this.values.length === 0) return undefined;
    const sorted = [...this.values].sort((a, b) => a - b);
    const rank = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
    return { n: sorted.length, p50: rank(50), p95: rank(95) };
  }

  /** One line for the hover, e.g. "Keystroke latency: p50 12 ms, p95 31 ms (last 50 predictions)". */
  describe(): string | undefined {
    const s = this.summary();
    if (!s) return undefined;
    return `Keystroke latency: p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms (last ${s.n} prediction${s.n === 1 ? '' : 's'})`;
  }
}
