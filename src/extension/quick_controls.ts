/**
 * Quick controls behind the status bar item: snooze (15 minutes, 1 hour, until restart), off for
 * this language or this file, automatic or manual trigger, the Inspector, a model, the settings.
 * The rules are in quiet.ts; this module keeps the state (a snooze lives in memory only, files turned
 * off in the workspace's state), writes the settings and shows the menu.
 */
import * as vscode from 'vscode';
import { isSnoozed, silenceFor, snoozeEndText, snoozeLeftMs, startSnooze, toggled, type Silence, type Snooze, type SnoozeChoice, type Trigger } from './quiet';

const SECTION = 'predictiveKeyboard';
const FILES_KEY = 'predictiveKeyboard.disabledFiles';

/** The settings this module reads, from the extension's current settings. */
export interface QuietSettings {
  enabled: boolean;
  trigger: Trigger;
  disabledLanguages: readonly string[];
}

/** For tests only: a timed snooze lasts this many milliseconds instead of 15 or 60 minutes. */
function testSnoozeMs(): number | undefined {
  const v = Number(process.env.PREDICTIVE_KEYBOARD_TEST_SNOOZE_MS);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

export class QuickControls implements vscode.Disposable {
  private snooze: Snooze | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  /** A snooze started or ended, or a file was turned off or on (settings have their own event). */
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly workspaceState: vscode.Memento,
    private readonly settings: () => QuietSettings,
  ) {}

  private get disabledFiles(): string[] {
    return this.workspaceState.get<string[]>(FILES_KEY, []);
  }

  /** Why `doc` (or, without one, everything) gets no predictions now; undefined when it does. */
  silence(doc?: vscode.TextDocument): Silence | undefined {
    const s = this.settings();
    return silenceFor({ enabled: s.enabled, snooze: this.snooze, disabledLanguages: s.disabledLanguages, disabledFiles: this.disabledFiles }, doc?.languageId, doc?.uri.toString(), Date.now());
  }

  /** "snoozed until 14:35", "off for markdown", "off for this file", "manual", or undefined. */
  statusWord(doc?: vscode.TextDocument): string | undefined {
    switch (this.silence(doc)) {
      case 'off':
        return 'off';
      case 'snoozed':
        return this.snooze ? `snoozed ${snoozeEndText(this.snooze, Date.now())}` : 'snoozed';
      case 'language':
        return `off for ${doc?.languageId ?? 'this language'}`;
      case 'file':
        return 'off for this file';
      default:
        return this.settings().trigger === 'manual' ? 'manual' : undefined;
    }
  }

  snoozeFor(choice: SnoozeChoice): void {
    this.snooze = startSnooze(choice, Date.now(), testSnoozeMs());
    this.armTimer();
    this.emitter.fire();
  }

  endSnooze(): void {
    this.snooze = undefined;
    this.armTimer();
    this.emitter.fire();
  }

  private armTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const left = snoozeLeftMs(this.snooze, Date.now());
    if (left === undefined) return;
    this.timer = setTimeout(() => {
      if (!isSnoozed(this.snooze, Date.now())) this.endSnooze();
      else this.armTimer();
    }, left + 50);
  }

  async setLanguageOff(languageId: string, off: boolean): Promise<void> {
    const cfg = vscode.workspace.getConfiguration(SECTION);
    const list = toggled(this.settings().disabledLanguages, languageId, off);
    await cfg.update('disabledLanguages', list.length > 0 ? list : undefined, vscode.ConfigurationTarget.Global);
  }

  async setFileOff(uri: string, off: boolean): Promise<void> {
    await this.workspaceState.update(FILES_KEY, toggled(this.disabledFiles, uri, off));
    this.emitter.fire();
  }

  async setTrigger(trigger: Trigger): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update('trigger', trigger === 'automatic' ? undefined : trigger, vscode.ConfigurationTarget.Global);
  }

  /** The menu shown when the status bar item is clicked. */
  async showMenu(): Promise<void> {
    const s = this.settings();
    const doc = vscode.window.activeTextEditor?.document;
    type Item = vscode.QuickPickItem & { run?: () => unknown };
    const items: Item[] = [];
    items.push({ label: s.enabled ? '$(circle-slash) Turn predictions off' : '$(keyboard) Turn predictions on', run: () => vscode.commands.executeCommand('predictiveKeyboard.toggle') });
    if (isSnoozed(this.snooze, Date.now()) && this.snooze) {
      items.push({ label: '$(bell) End the snooze', description: `snoozed ${snoozeEndText(this.snooze, Date.now())}`, run: () => this.endSnooze() });
    } else {
      items.push({ label: '$(bell-slash) Snooze for 15 minutes', run: () => this.snoozeFor('15m') });
      items.push({ label: '$(bell-slash) Snooze for 1 hour', run: () => this.snoozeFor('1h') });
      items.push({ label: '$(bell-slash) Snooze until restart', run: () => this.snoozeFor('restart') });
    }
    if (doc) {
      const lang = doc.languageId;
      const langOff = s.disabledLanguages.includes(lang);
      items.push({ label: langOff ? `$(check) Turn on for ${lang}` : `$(close) Turn off for ${lang}`, description: 'language', run: () => this.setLanguageOff(lang, !langOff) });
      const uri = doc.uri.toString();
      const fileOff = this.disabledFiles.includes(uri);
      const name = doc.uri.path.split('/').pop() ?? uri;
      items.push({ label: fileOff ? '$(check) Turn on for this file' : '$(close) Turn off for this file', description: name, run: () => this.setFileOff(uri, !fileOff) });
    }
    items.push(
      s.trigger === 'manual'
        ? { label: '$(zap) Switch to automatic trigger', description: 'predict while typing', run: () => this.setTrigger('automatic') }
        : { label: '$(keyboard) Switch to manual trigger', description: 'only Alt+\\ asks', run: () => this.setTrigger('manual') },
    );
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: '$(graph) Open the Inspector', run: () => vscode.commands.executeCommand('predictiveKeyboard.openInspector') });
    items.push({ label: '$(package) Choose a model…', run: () => this.chooseModel() });
    items.push({ label: '$(gear) Open settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:predictive-keyboard.predictive-keyboard') });
    items.push({ label: '$(book) Get started', run: () => vscode.commands.executeCommand('predictiveKeyboard.openWalkthrough') });
    const picked = await vscode.window.showQuickPick(items, { title: 'Predictive Keyboard', placeHolder: 'Quick controls' });
    await picked?.run?.();
  }

  /** Predictive Keyboard: Snooze Predictions… from the command palette. */
  async showSnoozeMenu(): Promise<void> {
    const items: Array<vscode.QuickPickItem & { choice: SnoozeChoice }> = [
      { label: 'For 15 minutes', choice: '15m' },
      { label: 'For 1 hour', choice: '1h' },
      { label: 'Until restart', choice: 'restart' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Snooze predictions' });
    if (picked) this.snoozeFor(picked.choice);
  }

  private async chooseModel(): Promise<void> {
    const items = [
      { label: 'Use the embedded model', command: 'predictiveKeyboard.useEmbeddedModel' },
      { label: 'Use a GPT-2 model from disk…', command: 'predictiveKeyboard.useModelFromDisk' },
      { label: 'Download GPT-2 (124M)', command: 'predictiveKeyboard.downloadGpt2' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Choose a model' });
    if (picked) await vscode.commands.executeCommand(picked.command);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.emitter.dispose();
  }
}
