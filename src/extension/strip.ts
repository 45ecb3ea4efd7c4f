/**
 * The suggestion strip: the best few candidates in the status bar, refreshed on every keystroke and
 * cursor move, like the row above a phone keyboard. Ctrl+Alt+N inserts the N-th one. The context
 * key `predictiveKeyboard.stripCount` gates those keys so they do nothing when the strip is empty.
 */
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { pickInsertion, replaceStartColumn } from './edit_range';
import { predictedIn } from './language_mode';
import { isAt, type PredictionAt, type Predictions } from './predictions';
import { pickKeyLabel, stripText, stripTooltip } from './strip_text';

export const STRIP_COUNT_KEY = 'predictiveKeyboard.stripCount';

export class Strip implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('predictiveKeyboard.strip', vscode.StatusBarAlignment.Right, 1000);
  private shown: PredictionAt | undefined;
  private count = -1;
  private refreshing: vscode.CancellationTokenSource | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly ctx: Ctx,
    private readonly predictions: Predictions,
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
    this.setCount(0);
    this.refresh();
  }

  /** Words on the strip now (for tests and the status tooltip). */
  get words(): string[] {
    return this.shown ? this.visibleWords(this.shown) : [];
  }

  private visibleWords(r: PredictionAt): string[] {
    const n = Math.min(this.ctx.settings.stripSize, this.ctx.settings.topK);
    return r.prediction.candidates.slice(0, n).map((c) => c.word);
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
    const source = new vscode.CancellationTokenSource();
    this.refreshing = source;
    void this.predictions.at(editor.document, editor.selection.active, source.token).then((r) => {
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
    const words = this.visibleWords(r);
    if (words.length === 0) {
      this.hide();
      return;
    }
    this.shown = r;
    this.item.text = stripText(words, words.length);
    this.item.tooltip = stripTooltip(words, words.length, (n) => pickKeyLabel(n, process.platform));
    this.item.show();
    this.setCount(words.length);
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

  /** Inserts the n-th (1-based) word of the strip in place of the typed part, then a space. */
  async pick(n: number): Promise<boolean> {
    const editor = vscode.window.activeTextEditor;
    const r = this.shown;
    if (!editor || !r || !Number.isInteger(n) || n < 1) return false;
    const doc = editor.document;
    const pos = editor.selection.active;
    // Only the words the person is looking at, for exactly this cursor.
    if (!isAt(r, doc, pos)) return false;
    const candidate = r.prediction.candidates[n - 1];
    if (!candidate || n > this.visibleWords(r).length) return false;
    const lineText = doc.lineAt(pos.line).text;
    const start = replaceStartColumn(lineText.slice(0, pos.character), r.prediction.typed);
    if (start === undefined) return false;
    const ins = pickInsertion(candidate.text, pos.character < lineText.length ? lineText.charAt(pos.character) : undefined);
    const range = new vscode.Range(pos.line, start, pos.line, pos.character);
    const ok = await editor.edit((b) => b.replace(range, ins.text));
    if (!ok) return false;
    const end = new vscode.Position(pos.line, start + ins.text.length + (ins.skipFollowingSpace ? 1 : 0));
    editor.selection = new vscode.Selection(end, end);
    // The edit came from us, not the keyboard, so VS Code will not ask for ghost text by itself.
    void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
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
    if (!editor) return;
    // Focus went to the quick pick and back; the strip still holds the same prediction if nothing changed.
    const candidate = r.prediction.candidates[picked.n - 1];
    const pos = editor.selection.active;
    if (!isAt(r, editor.document, pos)) return;
    const start = replaceStartColumn(editor.document.lineAt(pos.line).text.slice(0, pos.character), r.prediction.typed);
    if (start === undefined) return;
    const text = pickInsertion(candidate.text, undefined).text;
    await editor.edit((b) => b.replace(new vscode.Range(pos.line, start, pos.line, pos.character), text));
  }

  dispose(): void {
    this.refreshing?.cancel();
    this.disposables.forEach((d) => d.dispose());
    this.item.dispose();
  }
}
