/**
 * Where one keystroke's time goes, for bench:latency's breakdown. Off by default: every hook is one
 * boolean test, so the keystroke path does not pay for it. Milliseconds, summed until reset().
 */
import { performance } from 'node:perf_hooks';

export type Phase = 'contextUpdate' | 'searchModel' | 'searchJs' | 'blend' | 'phraseModel' | 'phraseJs';

class PhaseClock {
  enabled = false;
  /** Model calls are charged to the search or to the phrase, whichever is running. */
  current: 'search' | 'phrase' = 'search';
  readonly totals = new Map<Phase, number>();

  now(): number {
    return this.enabled ? performance.now() : 0;
  }

  add(phase: Phase, since: number): void {
    if (!this.enabled) return;
    this.totals.set(phase, (this.totals.get(phase) ?? 0) + performance.now() - since);
  }

  reset(): void {
    this.totals.clear();
  }
}

export const phaseClock = new PhaseClock();
