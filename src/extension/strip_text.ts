/** Text of the suggestion strip, phone-keyboard style: `robot · robots · robotic`. No `vscode` import. */

export const STRIP_SEPARATOR = ' · ';
/** Longest word shown in full; longer ones are cut with an ellipsis so the status bar stays readable. */
export const MAX_WORD_CHARS = 24;

/** What the strip shows for each candidate word: trimmed, single-line, codicon-safe. */
export function stripLabel(word: string): string {
  let w = word.replace(/\s+/g, ' ').trim();
  if (w.length > MAX_WORD_CHARS) w = w.slice(0, MAX_WORD_CHARS - 1) + '…';
  // `$(` starts a codicon in status bar text; break it so a word can never render as an icon.
  return w.replace(/\$\(/g, '$\u200b(');
}

export function stripText(words: readonly string[], size: number): string {
  return words
    .slice(0, size)
    .map(stripLabel)
    .filter((w) => w.length > 0)
    .join(STRIP_SEPARATOR);
}

/** Markdown-free tooltip lines: "1  robot   Ctrl+Alt+1" etc. */
export function stripTooltip(words: readonly string[], size: number, keyLabel: (n: number) => string): string {
  const lines = words.slice(0, size).map((w, i) => `${keyLabel(i + 1)}  ${stripLabel(w)}`);
  return lines.length === 0 ? 'No suggestions' : `Insert a suggestion:\n${lines.join('\n')}`;
}

/** The key that picks the n-th candidate, as shown to the person on this platform. */
export function pickKeyLabel(n: number, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? `⌃⌥${n}` : `Ctrl+Alt+${n}`;
}

/** Which candidates (0-based, in order) the strip shows, and which one is in the ghost text while cycling. */
export interface StripLayout {
  shown: number[];
  marked: number | undefined;
}

/**
 * The first `size` of `count` candidates; while cycling (`selected` defined) the one in the ghost
 * text is marked, and shown after them when it lies beyond the strip (candidates 4 and up), so the
 * strip never hides what Tab would insert.
 */
export function stripLayout(count: number, size: number, selected?: number): StripLayout {
  const shown = Array.from({ length: Math.min(count, size) }, (_, i) => i);
  const marked = selected !== undefined && selected >= 0 && selected < count ? selected : undefined;
  if (marked !== undefined && !shown.includes(marked)) shown.push(marked);
  return { shown, marked };
}

/** The strip's text for a layout: `robot · [robots] · robotic` with the ghost text's word in brackets. */
export function stripTextOf(words: readonly string[], layout: StripLayout): string {
  return layout.shown
    .map((i) => ({ i, label: stripLabel(words[i] ?? '') }))
    .filter(({ label }) => label.length > 0)
    .map(({ i, label }) => (i === layout.marked ? `[${label}]` : label))
    .join(STRIP_SEPARATOR);
}

/** Tooltip for a layout: one line per shown word with the key that inserts it. */
export function stripTooltipOf(words: readonly string[], layout: StripLayout, keyLabel: (n: number) => string): string {
  const lines = layout.shown.map((i) => `${keyLabel(i + 1)}  ${stripLabel(words[i] ?? '')}${i === layout.marked ? '  (in the ghost text)' : ''}`);
  return lines.length === 0 ? 'No suggestions' : `Insert a suggestion:\n${lines.join('\n')}`;
}

/** Plain words for screen readers: "Suggestions: 1 robot, 2 robots (in the ghost text), 3 robotic". */
export function stripAccessibleLabel(words: readonly string[], layout: StripLayout): string {
  const parts = layout.shown.map((i) => `${i + 1} ${stripLabel(words[i] ?? '')}${i === layout.marked ? ' (in the ghost text)' : ''}`);
  return parts.length === 0 ? 'No suggestions' : `Suggestions: ${parts.join(', ')}`;
}
