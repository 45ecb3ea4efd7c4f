/**
 * When a keystroke's ghost text counts as on screen, for the perceived-latency benchmark
 * (perceived_steps.ts). Pure and self-contained: perceived_steps.ts also runs these functions inside
 * the page (their source text is injected), and test/unit/perceived_rule.test.ts checks them on
 * timelines seen in real runs.
 *
 * A timeline is the active editor's ghost text after each change, `[pageTimeMs, text]`, in time
 * order (consecutive entries differ); blank text = no ghost text.
 */
export type GhostRecord = [number, string];

export type GhostVerdict =
  /** Ghost text that counts appeared at `atMs` (page clock). */
  | { state: 'shown'; atMs: number; text: string }
  /** A candidate is on screen but has not yet stayed `stableMs`; look again at `recheckAtMs`. */
  | { state: 'pending'; recheckAtMs: number }
  /** Nothing yet. */
  | { state: 'none' };

/**
 * The first ghost text after the keydown at `keyMs` that is non-blank and stays non-blank for at
 * least `stableMs` (it may change into another non-blank text meanwhile: a word growing into a
 * phrase is still on screen). A non-blank text that goes blank sooner does not count: VS Code
 * redraws the old ghost text once after a key that does not match it (seen: "~ " of "~ floor",
 * where the line wraps) and removes it 5-40 ms later. `nowMs` is the page clock now.
 */
export function ghostVerdict(ghosts: readonly GhostRecord[], keyMs: number, stableMs: number, nowMs: number): GhostVerdict {
  for (let i = 0; i < ghosts.length; i++) {
    const [t, text] = ghosts[i];
    if (t < keyMs || text.trim() === '') continue;
    let goneMs = Infinity;
    for (let j = i + 1; j < ghosts.length; j++) {
      if (ghosts[j][1].trim() === '') {
        goneMs = ghosts[j][0];
        break;
      }
    }
    if (goneMs - t < stableMs) continue;
    if (goneMs !== Infinity || nowMs - t >= stableMs) return { state: 'shown', atMs: t, text };
    return { state: 'pending', recheckAtMs: t + stableMs };
  }
  return { state: 'none' };
}

/** The ghost text on screen just before `keyMs` ('' when none). */
export function ghostBefore(ghosts: readonly GhostRecord[], keyMs: number): string {
  let before = '';
  for (const [t, text] of ghosts) {
    if (t >= keyMs) break;
    before = text;
  }
  return before;
}
