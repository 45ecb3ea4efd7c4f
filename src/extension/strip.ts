/**
 * The suggestion strip: the best few candidates in the status bar, refreshed on every keystroke and
 * cursor move, like the row above a phone keyboard. Ctrl+Alt+N inserts the N-th one. The context
 * key `predictiveKeyboard.stripCount` gates those keys so they do nothing when the strip is empty.
 */
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import type { Cycling } from './cycling';
import { pickInsertion, replaceStartColumn } from './edit_range';
import { insertionAt } from './insertion';
import { predictedIn } from './language_mode';
import type { Manners } from './manners';
import { isAt, type PredictionAt, type Predictions } from './predictions';
import { waitUnlessCancelled } from './quiet';
import { pickKeyLabel, stripAccessibleLabel, stripLayout, stripTextOf, stripTooltipOf, type StripLayout } from './strip_text';

export const STRIP_COUNT_KEY = 'predictiveKeyboard.stripCount';

export class Strip implements vscode.Disposable {
  /**
   * At the left end of the status bar: a narrow window drops the leftmost items of the right-hand
   * group first (it wraps them away), while the left-hand group keeps its first items. A pick key
   * must never insert a word the person could not see.
   */
  private readonly item = vscode.window.createStatusBarItem('predictiveKeyboard.strip', vscode.StatusBarAlignment.Left, 100_000);
  private shown: PredictionAt | undefined;
  private count = -1;
  private refreshing: vscode.CancellationTokenSource | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly ctx: Ctx,
    private readonly predictions: Predictions,
    private readonly cycling?: Cycling,
    private readonly manners?: Manners,
  ) {
    this.item.name = 'Predictive Keyboard Suggestions';
    this.item.command = 'predictiveKeyboard.chooseCandidate';
    this.disposables.push(
      predictions.onDidPredict((r) => this.showIfCurrent(r)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      ctx.onDidChangeSettings(() => this.refresh()),
    );
    if (cycling) this.disposables.push(cycling.onDidChange(() => this.refresh()));
    this.setCount(0);
    this.refresh();
  }

  /** Words on the strip now, in order (for tests and the status tooltip). */
  get words(): string[] {
    const r = this.shown;
    return r ? this.layout(r).shown.map((i) => r.prediction.candidates[i].word) : [];
  }

  /** Which candidates are on the strip: the first strip.size, and while cycling the one in the ghost text. */
  private layout(r: PredictionAt): StripLayout {
    const n = Math.min(this.ctx.settings.stripSize, this.ctx.settings.topK);
    return stripLayout(r.prediction.candidates.length, n, this.cycling?.indexFor(r));
  }

  /** The editor whose cursor the strip follows, or undefined when the strip has nothing to show there. */
  private editor(): vscode.TextEditor | undefined {
    const editor = vscode.window.activeTextEditor;
    const s = this.ctx.settings;
    if (!editor || !s.stripEnabled || !editor.selection.isEmpty || !predictedIn(editor.document, s)) return undefined;
    return editor;
  }

  /** Asks for a prediction at the active cursor; the answer arrives through onDidPredict. */
  refresh(): void {
    this.refreshing?.cancel();
    this.refreshing?.dispose();
    this.refreshing = undefined;
    const editor = this.editor();
    if (!editor) {
      this.hide();
      return;
    }
    // Keep the old words until the new ones arrive (no flicker), unless they are for another place.
    const current = this.predictions.current(editor.document, editor.selection.active);
    if (current) {
      this.show(current);
      return;
    }
    // Manual trigger: the strip shows only what an explicit ask (Alt+\) predicted, through onDidPredict.
    if (this.ctx.settings.trigger === 'manual') {
      this.hide();
      return;
    }
    const source = new vscode.CancellationTokenSource();
    this.refreshing = source;
    // The trigger delay holds the strip back as it holds back the ghost text.
    void waitUnlessCancelled(this.ctx.settings.triggerDelayMs, source.token).then(async (go) => (go ? this.predictions.at(editor.document, editor.selection.active, source.token) : undefined)).then((r) => {
      if (this.refreshing !== source) return;
      if (r) this.showIfCurrent(r);
      else if (!source.token.isCancellationRequested) this.hide();
    });
  }

  private showIfCurrent(r: PredictionAt): void {
    const editor = this.editor();
    if (editor && isAt(r, editor.document, editor.selection.active)) this.show(r);
  }

  private show(r: PredictionAt): void {
    const layout = this.layout(r);
    if (layout.shown.length === 0) {
      this.hide();
      return;
    }
    this.shown = r;
    const words = r.prediction.candidates.map((c) => c.word);
    this.item.text = stripTextOf(words, layout);
    this.item.tooltip = stripTooltipOf(words, layout, (n) => pickKeyLabel(n, process.platform));
    this.item.accessibilityInformation = { label: stripAccessibleLabel(words, layout), role: 'button' };
    this.item.show();
    // Ctrl+Alt+N is enabled up to the highest number shown; pick() refuses a number not on the strip.
    this.setCount(Math.max(...layout.shown) + 1);
  }

  private hide(): void {
    this.shown = undefined;
    this.item.hide();
    this.setCount(0);
  }

  private setCount(n: number): void {
    if (n === this.count) return;
    this.count = n;
    void vscode.commands.executeCommand('setContext', STRIP_COUNT_KEY, n);
  }

  /**
   * Inserts the n-th (1-based) candidate in place of the typed part, then a space, at every cursor,
   * as accepting ghost text does. Only a number shown on the strip, and only for exactly this cursor.
   */
  async pick(n: number): Promise<boolean> {
    const editor = vscode.window.activeTextEditor;
    const r = this.shown;
    if (!editor || !r || !Number.isInteger(n) || n < 1) return false;
    if (!isAt(r, editor.document, editor.selection.active) || !this.layout(r).shown.includes(n - 1)) return false;
    const candidate = r.prediction.candidates[n - 1];
    if (!candidate || !(await this.insertAtCursors(editor, r.prediction.typed, candidate.text))) return false;
    // The edit came from us, not the keyboard, so VS Code will not ask for ghost text by itself.
    void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    return true;
  }

  /**
   * Replaces `typed` before each empty cursor with `text` and a space (see `pickInsertion`), where
   * the insertion rule allows a word; cursors end after what was inserted. False if nothing changed.
   */
  private async insertAtCursors(editor: vscode.TextEditor, typed: string, text: string): Promise<boolean> {
    const doc = editor.document;
    const plans = editor.selections
      .filter((sel) => sel.isEmpty)
      .map((sel) => {
        const pos = sel.active;
        const lineText = doc.lineAt(pos.line).text;
        if (!insertionAt(lineText, pos.character).ok) return undefined;
        const start = replaceStartColumn(lineText.slice(0, pos.character), typed);
        if (start === undefined) return undefined;
        const ins = pickInsertion(text, pos.character < lineText.length ? lineText.charAt(pos.character) : undefined, this.ctx.settings.autoSpace);
        return { line: pos.line, start, end: pos.character, ins };
      })
      .filter((p): p is NonNullable<typeof p> => p !== undefined)
      .sort((a, b) => a.line - b.line || a.start - b.start);
    if (plans.length === 0) return false;
    const ok = await editor.edit((b) => plans.forEach((p) => b.replace(new vscode.Range(p.line, p.start, p.line, p.end), p.ins.text)));
    if (!ok) return false;
    // Earlier insertions on the same line shift the later cursors.
    let line = -1;
    let shift = 0;
    editor.selections = plans.map((p) => {
      if (p.line !== line) [line, shift] = [p.line, 0];
      const column = p.start + shift + p.ins.text.length + (p.ins.skipFollowingSpace ? 1 : 0);
      shift += p.ins.text.length - (p.end - p.start);
      return new vscode.Selection(p.line, column, p.line, column);
    });
    if (plans.length === 1 && !plans[0].ins.skipFollowingSpace) {
      // One cursor: the space swap and Backspace's revert work on a pick as on Tab.
      const autoSpace = plans[0].ins.text.length > text.length;
      this.manners?.remember(editor, new vscode.Position(plans[0].line, plans[0].start), typed, text, autoSpace);
    }
    return true;
  }

  /** The strip was clicked: choose among all ranked candidates. */
  async choose(): Promise<void> {
    const r = this.shown;
    if (!r) return;
    const items = r.prediction.candidates.map((c, i) => ({ label: c.word, description: `${(c.probability * 100).toFixed(1)}%`, n: i + 1 }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Insert a suggestion' });
    if (!picked) return;
    const editor = vscode.window.activeTextEditor;
    // Focus went to the quick pick and back; the strip still holds the same prediction if nothing changed.
    if (!editor || !isAt(r, editor.document, editor.selection.active)) return;
    await this.insertAtCursors(editor, r.prediction.typed, r.prediction.candidates[picked.n - 1].text);
  }

  dispose(): void {
    this.refreshing?.cancel();
    this.disposables.forEach((d) => d.dispose());
    this.item.dispose();
  }
}
