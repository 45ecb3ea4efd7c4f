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
