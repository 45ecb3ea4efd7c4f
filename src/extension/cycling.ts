/**
 * Alt+] / Alt+[ walk through the ranked candidates with one index that the ghost text and the strip
 * share. VS Code's own cycling keeps its index to itself (no stable API says which item is shown),
 * so the strip could not mark the candidate in the ghost text. Here the extension holds the index:
 * a step sets it and asks VS Code again, and the provider then offers exactly that candidate.
 */
import * as vscode from 'vscode';
import { cycleTexts } from './edit_range';
import type { PredictionAt, Predictions } from './predictions';

function keyOf(r: PredictionAt): string {
  return `${r.uri}|${r.version}|${r.offset}`;
}

/** The cycle list of a prediction (see `cycleTexts`). */
export function cycleOf(r: PredictionAt): Array<{ index: number; text: string }> {
  const p = r.prediction;
  return cycleTexts(
    p.phrase,
    p.candidates.map((c) => c.text),
    p.typed,
  );
}

export class Cycling implements vscode.Disposable {
  /** The candidate chosen by cycling, for one document version and cursor; any edit or move drops it. */
  private selected: { key: string; index: number } | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly predictions: Predictions) {}

  /** The candidate (0-based rank) chosen by cycling for exactly this prediction, if any. */
  indexFor(r: PredictionAt): number | undefined {
    return this.selected?.key === keyOf(r) ? this.selected.index : undefined;
  }

  /** One step through the candidates (+1 next, −1 previous), wrapping around. */
  async step(delta: 1 | -1): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const r = editor && this.predictions.current(editor.document, editor.selection.active);
    const list = r ? cycleOf(r) : [];
    // No phrase: the word was too unsure for ghost text (ghostMinProbability, ghostMinShare), so nothing is
    // shown yet and the first step shows the best candidate (Alt+[ the last).
    const shown = r && (this.indexFor(r) ?? (r.prediction.phrase === '' ? undefined : list[0]?.index));
    if (!r || list.length < (shown === undefined ? 1 : 2)) {
      // Not our ghost text (another provider's, or one we no longer hold): VS Code cycles it.
      await vscode.commands.executeCommand(delta > 0 ? 'editor.action.inlineSuggest.showNext' : 'editor.action.inlineSuggest.showPrevious');
      return;
    }
    const current = shown === undefined ? (delta > 0 ? -1 : 0) : Math.max(0, list.findIndex((e) => e.index === shown));
    const next = list[(current + delta + list.length) % list.length];
    this.selected = { key: keyOf(r), index: next.index };
    this.emitter.fire();
    // A second explicit trigger at the same place is answered from VS Code's own state; hiding first
    // makes it ask the provider again.
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
