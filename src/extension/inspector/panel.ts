/**
 * The GPT-2 Inspector: a webview beside the editor that follows the cursor and shows what the
 * model sees there. It asks the same worker, on the same document KV cache, as the ghost text,
 * but separately and only while visible: 100 ms after the last keystroke or cursor move, and the
 * worker serves it only when no prediction is waiting, so typing never waits for the panel.
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { InspectOptions } from '../../engine/inspect';
import { describeError } from '../../engine/errors';
import type { Ctx } from '../ctx';
import { requestAt, type Predictions } from '../predictions';
import { writeSetting } from '../config';
import { inspectorHtml } from './html';
import { ATTENTION_PAUSE_MS, INSPECTOR_DEBOUNCE_MS, isFromWebview, toView, type ToWebview } from './view';

const VIEW_TYPE = 'predictiveKeyboard.inspector';
const DEFAULT_ROWS = 20;

export class InspectorPanel implements vscode.Disposable {
  private static current: InspectorPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private attentionTimer: NodeJS.Timeout | undefined;
  /** The editor the panel follows; kept while the panel itself has focus. */
  private editor: vscode.TextEditor | undefined;
  private preview: number | undefined;
  private rows = DEFAULT_ROWS;
  private generation = 0;

  /** Opens the panel beside the editor, or reveals the one already open. */
  static show(ctx: Ctx, predictions: Predictions): InspectorPanel {
    if (InspectorPanel.current) {
      InspectorPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      return InspectorPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'GPT-2 Inspector', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false });
    InspectorPanel.current = new InspectorPanel(panel, ctx, predictions);
    return InspectorPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly ctx: Ctx,
    private readonly predictions: Predictions,
  ) {
    this.editor = vscode.window.activeTextEditor;
    panel.webview.html = inspectorHtml(randomBytes(16).toString('hex'), panel.webview.cspSource);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => this.schedule(0)),
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e) this.follow(e);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.scheme !== 'output') this.follow(e.textEditor);
      }),
      ctx.onDidChangeSettings(() => this.schedule()),
      // A fresh ghost-text prediction may be the one the candidates should show.
      predictions.onDidPredict((r) => {
        if (r.uri === this.editor?.document.uri.toString()) this.schedule();
      }),
      // Its phrase grew after the first word: the panel's ghost-text line follows.
      predictions.onDidGrowPhrase((r) => {
        if (r.uri === this.editor?.document.uri.toString()) this.schedule();
      }),
    );
  }

  private follow(editor: vscode.TextEditor): void {
    this.editor = editor;
    this.schedule();
  }

  /**
   * Typing: everything but attention 100 ms after the last event, attention once typing pauses (its
   * graph is the one model call an inspection makes, and a keystroke would wait for it). A panel
   * action (slider, rows, shown again) refreshes everything at once.
   */
  private schedule(delay = INSPECTOR_DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    clearTimeout(this.attentionTimer);
    if (!this.panel.visible) return;
    if (delay === 0) {
      this.timer = setTimeout(() => void this.refresh(true), 0);
      return;
    }
    this.timer = setTimeout(() => void this.refresh(false), delay);
    this.attentionTimer = setTimeout(() => void this.refresh(true), ATTENTION_PAUSE_MS);
  }

  private async refresh(withAttention: boolean): Promise<void> {
    if (!this.panel.visible) return;
    const editor = this.editor;
    if (!editor || editor.document.isClosed) return this.status('Put the cursor in a text editor to inspect the model there.');
    const doc = editor.document;
    const position = editor.selection.active;
    const request = requestAt(doc, position, this.ctx);
    if (!request) return this.status(`No predictions at this cursor (${doc.languageId}; see predictiveKeyboard.languages, or the cursor is inside a word).`);
    await this.ctx.ensureStarted();
    if (this.ctx.state !== 'ready') return this.status(`The model is ${this.ctx.state}${this.ctx.stateDetail ? `: ${this.ctx.stateDetail}` : ''}.`);
    const generation = ++this.generation;
    const options: InspectOptions = {
      ...request.options,
      previewTemperature: this.preview ?? this.ctx.settings.temperature,
      show: this.rows,
      attention: withAttention,
      candidates: this.predictions.current(doc, position) === undefined,
    };
    try {
      const inspection = await this.ctx.inspect({ ...request, options });
      // Superseded in the worker, or the cursor moved while it ran: a newer refresh is on its way.
      if (!inspection || generation !== this.generation) return;
      const ghost = this.predictions.current(doc, position)?.prediction;
      this.post({ type: 'inspection', view: toView(inspection, ghost, this.ctx.model?.name ?? 'model', this.ctx.settings.temperature, this.rows) });
    } catch (e) {
      this.status(`Inspection failed: ${describeError(e)}`);
    }
  }

  private onMessage(message: unknown): void {
    if (!isFromWebview(message)) return;
    switch (message.type) {
      case 'ready':
        this.schedule(0);
        return;
      case 'preview':
        this.preview = Math.min(2, Math.max(0, message.temperature));
        this.schedule(0);
        return;
      case 'rows':
        this.rows = Math.min(40, Math.max(1, Math.round(message.rows)));
        this.schedule(0);
        return;
      case 'apply':
        void this.applyTemperature(message.temperature);
        return;
    }
  }

  /** Makes the previewed temperature the setting. */
  private async applyTemperature(value: number): Promise<void> {
    const temperature = Math.round(Math.min(2, Math.max(0, value)) * 100) / 100;
    await writeSetting('temperature', temperature);
    this.preview = undefined;
    this.ctx.log.info(`Inspector: temperature set to ${temperature}.`);
    this.post({ type: 'applied', temperature });
  }

  private status(text: string): void {
    this.post({ type: 'status', text });
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.attentionTimer);
    if (InspectorPanel.current === this) InspectorPanel.current = undefined;
    this.disposables.forEach((d) => d.dispose());
    this.disposables.length = 0;
    this.panel.dispose();
  }
}
