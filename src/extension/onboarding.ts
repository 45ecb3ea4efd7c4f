/**
 * First-run help: the "Get started" walkthrough opens once after the first install, and a warning
 * (once) when VS Code's inline suggestions are off, since ghost text cannot show without them.
 */
import * as vscode from 'vscode';

export const WALKTHROUGH_ID = 'predictive-keyboard.predictive-keyboard#getStarted';
const SHOWN_KEY = 'predictiveKeyboard.walkthroughShown';
const WARNED_KEY = 'predictiveKeyboard.inlineSuggestWarned';

export function openWalkthrough(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
}

/** Opens the walkthrough the first time the extension runs for this user (never inside the extension-host test suite). */
export async function openWalkthroughOnce(context: vscode.ExtensionContext): Promise<void> {
  if (context.extensionMode === vscode.ExtensionMode.Test || context.globalState.get<boolean>(SHOWN_KEY)) return;
  await context.globalState.update(SHOWN_KEY, true);
  await openWalkthrough();
}

export function registerOnboardingCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('predictiveKeyboard.openWalkthrough', () => openWalkthrough()),
    vscode.commands.registerCommand('predictiveKeyboard.walkthrough.newMarkdown', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# My first note\n\nDear Sam,\n\nThank you for the ' });
      const editor = await vscode.window.showTextDocument(doc);
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      editor.selection = new vscode.Selection(end, end);
    }),
  ];
}

/**
 * Says once (per user) that `editor.inlineSuggest.enabled` is off for a prose document's language,
 * with a button that turns it on for every prose language (as language-specific settings, so code
 * files keep the person's choice).
 */
export class InlineSuggestWarning {
  private asking = false;

  constructor(
    private readonly globalState: vscode.Memento,
    private readonly proseLanguages: () => readonly string[],
  ) {}

  async check(doc: vscode.TextDocument | undefined): Promise<void> {
    if (!doc || this.asking || this.globalState.get<boolean>(WARNED_KEY)) return;
    if (vscode.workspace.getConfiguration('editor', doc).get<boolean>('inlineSuggest.enabled') !== false) return;
    this.asking = true;
    try {
      await this.globalState.update(WARNED_KEY, true);
      const button = 'Turn on for prose';
      const answer = await vscode.window.showWarningMessage(
        `Predictive Keyboard: inline suggestions are turned off (editor.inlineSuggest.enabled), so no ghost text can show in ${doc.languageId} files.`,
        button,
      );
      if (answer !== button) return;
      for (const languageId of new Set([...this.proseLanguages(), doc.languageId])) {
        await vscode.workspace.getConfiguration('editor', { languageId }).update('inlineSuggest.enabled', true, vscode.ConfigurationTarget.Global, true);
      }
    } finally {
      this.asking = false;
    }
  }
}
