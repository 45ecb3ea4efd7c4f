/**
 * When predictions stay quiet although they are on: a snooze for a while, off for one language or
 * one file, a manual trigger, a delay after the last keystroke. Plain data and times in
 * milliseconds since the epoch; no `vscode` import, so it is unit-tested in plain Node.
 */

export type SnoozeChoice = '15m' | '1h' | 'restart';

/** A snooze: until a time, or until VS Code restarts (kept only in memory, so a restart ends it). */
export type Snooze = { until: number } | { untilRestart: true };

export const SNOOZE_MS: Record<Exclude<SnoozeChoice, 'restart'>, number> = { '15m': 15 * 60_000, '1h': 60 * 60_000 };

/** `lengthMs` overrides the choice's length (the E2E test snoozes for seconds, not a quarter hour). */
export function startSnooze(choice: SnoozeChoice, now: number, lengthMs?: number): Snooze {
  if (choice === 'restart') return { untilRestart: true };
  return { until: now + (lengthMs ?? SNOOZE_MS[choice]) };
}

export function isSnoozed(s: Snooze | undefined, now: number): boolean {
  if (!s) return false;
  return 'untilRestart' in s || now < s.until;
}

/** Milliseconds until the snooze ends; undefined when it ends only with a restart or is over. */
export function snoozeLeftMs(s: Snooze | undefined, now: number): number | undefined {
  if (!s || 'untilRestart' in s) return undefined;
  return s.until > now ? s.until - now : undefined;
}

/** "until 14:35" (local time; seconds when it ends within two minutes), or "until restart". */
export function snoozeEndText(s: Snooze, now: number, tz?: string): string {
  if ('untilRestart' in s) return 'until restart';
  const short = s.until - now < 2 * 60_000;
  const time = new Date(s.until).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: short ? '2-digit' : undefined, timeZone: tz });
  return `until ${time}`;
}

export type Trigger = 'automatic' | 'manual';

export interface QuietState {
  /** predictiveKeyboard.enabled */
  enabled: boolean;
  snooze: Snooze | undefined;
  /** Language ids turned off through the menu (predictiveKeyboard.disabledLanguages). */
  disabledLanguages: readonly string[];
  /** Document URIs turned off through the menu (kept per workspace). */
  disabledFiles: readonly string[];
}

/** Why a document gets no predictions now, or undefined when it does. */
export type Silence = 'off' | 'snoozed' | 'language' | 'file';

export function silenceFor(q: QuietState, languageId: string | undefined, uri: string | undefined, now: number): Silence | undefined {
  if (!q.enabled) return 'off';
  if (isSnoozed(q.snooze, now)) return 'snoozed';
  if (languageId !== undefined && q.disabledLanguages.includes(languageId)) return 'language';
  if (uri !== undefined && q.disabledFiles.includes(uri)) return 'file';
  return undefined;
}

/** A list with `item` added or removed; the input is not changed. */
export function toggled(list: readonly string[], item: string, on: boolean): string[] {
  const without = list.filter((x) => x !== item);
  return on ? [...without, item] : without;
}

/**
 * How long to wait before asking the model. Only automatic requests (typing) wait; an explicit
 * request (Alt+\, cycling) is answered at once. In manual mode automatic requests are not made at all.
 */
export function triggerWait(trigger: Trigger, explicit: boolean, delayMs: number): number | 'skip' {
  if (explicit) return 0;
  if (trigger === 'manual') return 'skip';
  return Math.max(0, delayMs);
}

export interface CancelLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested?: (cb: () => void) => unknown;
}

/**
 * Resolves true after `ms`, or false as soon as `token` is cancelled (the next keystroke cancels the
 * previous request, so fast typing never reaches the model).
 */
export function waitUnlessCancelled(ms: number, token: CancelLike | undefined): Promise<boolean> {
  if (token?.isCancellationRequested) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub?.dispose?.();
      resolve(!token?.isCancellationRequested);
    }, ms);
    const sub = token?.onCancellationRequested?.(() => {
      clearTimeout(timer);
      resolve(false);
    }) as { dispose?: () => void } | undefined;
  });
}
