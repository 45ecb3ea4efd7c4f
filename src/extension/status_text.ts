/** Plain-word texts of the status item, for screen readers. No `vscode` import. */

export interface StatusFacts {
  enabled: boolean;
  /** The short state word the item shows: ready, loading, error, stopped (or off). */
  state: string;
  /** Model name, or a description when none is loaded yet. */
  model: string;
  error?: string;
}

/**
 * The status item's accessible name. Without one, VS Code reads out the tooltip's raw Markdown
 * (`**Predictive Keyboard** \(on,&nbsp;…`); this says the same in words:
 * "Predictive Keyboard: on, ready. Model prose-gpt2."
 */
export function statusAccessibleLabel(f: StatusFacts): string {
  const state = f.enabled ? `on, ${f.state}` : 'off';
  const error = f.error ? ` Error: ${f.error.replace(/\s+/gu, ' ').trim()}` : '';
  return `Predictive Keyboard: ${state}. Model ${f.model}.${error}`;
}
