/**
 * The status bar item: model state at a glance, and whether predictions are snoozed (and until
 * when), off for this language or file, or on manual trigger; a click opens the quick controls;
 * hover shows model and latency.
 */
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { LatencyWindow } from './latency_window';
import type { QuickControls } from './quick_controls';
import { statusAccessibleLabel } from './status_text';

export class StatusDisplay implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('predictiveKeyboard.status', vscode.StatusBarAlignment.Right, 999);
  private readonly disposables: vscode.Disposable[] = [];
  private readonly latency = new LatencyWindow();

  constructor(
    private readonly ctx: Ctx,
    private readonly quiet?: QuickControls,
  ) {
    this.item.name = 'Predictive Keyboard';
    this.item.command = quiet ? 'predictiveKeyboard.quickControls' : 'predictiveKeyboard.toggle';
    if (quiet) {
      this.disposables.push(
        quiet.onDidChange(() => this.render()),
        ctx.onDidChangeSettings(() => this.render()),
        vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      );
    }
    this.disposables.push(
      ctx.onDidChangeState(() => this.render()),
      ctx.onDidMeasureLatency(() => {
        this.latency.belongTo(ctx.model?.file);
        if (ctx.lastLatencyMs !== undefined) this.latency.add(ctx.lastLatencyMs);
        this.render();
      }),
    );
    this.render();
    this.item.show();
  }

  /** Short state word shown in the item, also read by the E2E tests. */
  get label(): string {
    if (!this.ctx.settings.enabled) return 'off';
    switch (this.ctx.state) {
      case 'idle':
      case 'ready':
        // "snoozed until 14:35", "off for markdown", "off for this file", "manual".
        return this.quiet?.statusWord(vscode.window.activeTextEditor?.document) ?? 'ready';
      case 'starting':
        return 'loading';
      case 'error':
        return 'error';
      case 'stopped':
        return 'stopped';
    }
  }

  private render(): void {
    const label = this.label;
    const icons: Record<string, string> = { off: '$(circle-slash)', ready: '$(keyboard)', loading: '$(loading~spin)', error: '$(error)', stopped: '$(debug-stop)', manual: '$(keyboard)' };
    const icon = icons[label] ?? (label.startsWith('snoozed') ? '$(bell-slash)' : '$(circle-slash)');
    this.item.text = `${icon} ${label === 'ready' ? 'Keyboard' : `Keyboard: ${label}`}`;
    this.item.backgroundColor = label === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;

    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown('**Predictive Keyboard** ');
    if (this.quiet) md.appendText(`(${this.ctx.settings.enabled ? (label === 'ready' ? 'on' : label) : 'off'}, click for quick controls)`);
    else md.appendText(this.ctx.settings.enabled ? '(on, click to turn off)' : '(off, click to turn on)');
    md.appendMarkdown('\n\n');
    const model = this.ctx.model;
    md.appendText(`Model: ${model ? `${model.name} (${model.file})` : this.ctx.settings.modelPath || 'embedded prose model'}\n`);
    md.appendMarkdown('\n\n');
    this.latency.belongTo(model?.file);
    const measured = this.latency.describe();
    if (measured !== undefined && this.ctx.lastLatencyMs !== undefined) {
      md.appendText(`${measured}; last ${this.ctx.lastLatencyMs.toFixed(1)} ms (engine ${this.ctx.lastEngineMs?.toFixed(1) ?? '?'} ms)`);
      md.appendMarkdown('\n\n');
    }
    if (this.ctx.state === 'error' && this.ctx.stateDetail) {
      md.appendText(`Error: ${this.ctx.stateDetail}`);
      md.appendMarkdown('\n\n');
    }
    this.item.tooltip = md;
    this.item.accessibilityInformation = {
      label: statusAccessibleLabel({
        enabled: this.ctx.settings.enabled,
        state: label,
        model: model?.name ?? (this.ctx.settings.modelPath || 'embedded prose model'),
        error: this.ctx.state === 'error' ? this.ctx.stateDetail : undefined,
      }),
      role: 'button',
    };
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.item.dispose();
  }
}
