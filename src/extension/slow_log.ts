/**
 * Keeps the Output channel readable: instead of one warning per slow keystroke (244 of 262 lines
 * after 20 minutes of typing), at most one summary line per interval, with the round trip's p50 and
 * p95, and only for an interval in which some prediction was slow. Errors do not pass through
 * here; they stay loud. No `vscode` import.
 */

/** One line a minute at most. */
export const SUMMARY_INTERVAL_MS = 60_000;
/** Round trips kept per interval for the percentiles; typing rarely makes more than 10 a second. */
const MAX_SAMPLES = 2048;

/** Nearest-rank percentile (`q` in 0–1) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1];
}

export class SlowPredictionLog {
  private windowStart: number | undefined;
  private roundTrips: number[] = [];
  private engine: number[] = [];
  private slow = 0;
  private total = 0;

  /**
   * @param thresholdMs a round trip above this (milliseconds) counts as slow
   * @param intervalMs shortest time between two summary lines
   */
  constructor(
    readonly thresholdMs: number,
    readonly intervalMs = SUMMARY_INTERVAL_MS,
  ) {}

  /**
   * Counts one prediction (round trip and the engine's share, in ms, at time `now` in ms). Returns
   * the summary line to log when an interval with slow predictions has just ended, else undefined.
   */
  record(roundTripMs: number, engineMs: number, now: number): string | undefined {
    const due = this.windowStart !== undefined && now - this.windowStart >= this.intervalMs ? this.flush(now) : undefined;
    this.windowStart ??= now;
    this.total++;
    if (roundTripMs > this.thresholdMs) this.slow++;
    if (this.roundTrips.length < MAX_SAMPLES) {
      this.roundTrips.push(roundTripMs);
      this.engine.push(engineMs);
    }
    return due;
  }

  /** The summary of the interval so far (undefined if nothing was slow), and starts a new one. */
  flush(now: number): string | undefined {
    const line = this.slow > 0 ? this.summary(now) : undefined;
    this.windowStart = undefined;
    this.roundTrips = [];
    this.engine = [];
    this.slow = 0;
    this.total = 0;
    return line;
  }

  private summary(now: number): string {
    const seconds = Math.max(1, Math.round((now - (this.windowStart ?? now)) / 1000));
    const rt = [...this.roundTrips].sort((a, b) => a - b);
    const en = [...this.engine].sort((a, b) => a - b);
    const ms = (v: number): string => `${Math.round(v)} ms`;
    return (
      `Slow predictions: ${this.slow} of ${this.total} in the last ${seconds} s took over ${this.thresholdMs} ms; ` +
      `round trip p50 ${ms(percentile(rt, 0.5))}, p95 ${ms(percentile(rt, 0.95))}, max ${ms(rt[rt.length - 1])} ` +
      `(engine p50 ${ms(percentile(en, 0.5))}, p95 ${ms(percentile(en, 0.95))}).`
    );
  }
}
