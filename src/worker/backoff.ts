/**
 * Decides when a crashed worker is restarted: quickly at first, then slower, and not at all once it
 * keeps crashing, so a model that always crashes ends in an error state instead of a busy loop.
 */
export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly maxCrashes = 5,
    private readonly windowMs = 60_000,
    private readonly firstDelayMs = 200,
    private readonly maxDelayMs = 5_000,
  ) {}

  /** Records a crash at `now`; returns the delay before restarting, or undefined to give up. */
  onCrash(now: number): number | undefined {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    if (this.crashes.length >= this.maxCrashes) return undefined;
    return Math.min(this.maxDelayMs, this.firstDelayMs * 2 ** (this.crashes.length - 1));
  }

  reset(): void {
    this.crashes = [];
  }
}
