/**
 * Decides when a crashed worker is restarted: at once after a lone crash, then slower, and not at
 * all once it keeps crashing, so a model that always crashes ends in an error state instead of a
 * busy loop. vscode-languageclient's default error handler treats a language server alike (restart
 * at once, give up after 5 crashes in 3 minutes); a lone crash is the case the person notices, and
 * waiting before it only lengthens the time without suggestions.
 */
export class RestartPolicy {
  private crashes: number[] = [];

  /**
   * @param maxCrashes crashes within `windowMs` that end in giving up
   * @param windowMs milliseconds a crash counts for
   * @param firstDelayMs delay before the restart after the second crash in the window, milliseconds;
   *   it doubles with each further crash, up to `maxDelayMs`
   */
  constructor(
    private readonly maxCrashes = 5,
    private readonly windowMs = 60_000,
    private readonly firstDelayMs = 200,
    private readonly maxDelayMs = 5_000,
  ) {}

  /** Records a crash at `now` (milliseconds); returns the delay before restarting in milliseconds, or undefined to give up. */
  onCrash(now: number): number | undefined {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    if (this.crashes.length >= this.maxCrashes) return undefined;
    if (this.crashes.length === 1) return 0;
    return Math.min(this.maxDelayMs, this.firstDelayMs * 2 ** (this.crashes.length - 2));
  }

  reset(): void {
    this.crashes = [];
  }
}
