/** "Show Personal Dictionary" (browse, remove entries) and "Clear Personal Dictionary" (with a modal confirmation). */
import * as vscode from 'vscode';
import type { Learner } from './learner';

interface TermItem extends vscode.QuickPickItem {
  term: string;
}

const REMOVE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Remove from the personal dictionary' };
const OPEN_FILE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: 'Open the dictionary file' };

function items(learner: Learner): TermItem[] {
  return learner.store.words.list().map((e) => ({
    label: e.term,
    description: `×${e.count}`,
    detail: `last used ${new Date(e.last).toLocaleString()}`,
    term: e.term,
    buttons: [REMOVE],
  }));
}

export async function showPersonalDictionary(learner: Learner, learningEnabled: boolean): Promise<void> {
  // Pending words first, so the list and the file agree.
  learner.flush();
  if (learner.store.words.size === 0) {
    const off = learningEnabled ? '' : ' Learning is off (predictiveKeyboard.learning.enabled).';
    void vscode.window.showInformationMessage(`Predictive Keyboard: the personal dictionary is empty.${off}`);
    return;
  }
  const pick = vscode.window.createQuickPick<TermItem>();
  const refresh = (): void => {
    pick.items = items(learner);
    pick.title = `Personal dictionary: ${learner.store.words.size} words and phrases (most used first)`;
  };
  refresh();
  pick.placeholder = 'Filter; the trash button (or Enter) removes an entry';
  pick.matchOnDetail = false;
  pick.buttons = [OPEN_FILE];
  pick.onDidTriggerButton(async () => {
    pick.hide();
    await vscode.window.showTextDocument(vscode.Uri.file(learner.store.path), { preview: true });
  });
  const remove = async (item: TermItem): Promise<void> => {
    learner.remove(item.term);
    refresh();
    if (learner.store.words.size === 0) pick.hide();
  };
  pick.onDidTriggerItemButton((e) => void remove(e.item));
  pick.onDidAccept(async () => {
    const item = pick.selectedItems[0];
    if (!item) return;
    pick.hide();
    const answer = await vscode.window.showWarningMessage(`Remove "${item.term}" from the personal dictionary?`, { modal: true }, 'Remove');
    if (answer === 'Remove') learner.remove(item.term);
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
}

export async function clearPersonalDictionary(learner: Learner): Promise<void> {
  learner.flush();
  const n = learner.store.words.size;
  const answer = await vscode.window.showWarningMessage(
    'Clear the personal dictionary?',
    { modal: true, detail: `This forgets all ${n} learned words and phrases and empties ${learner.store.path}. It cannot be undone.` },
    'Clear',
  );
  if (answer !== 'Clear') return;
  learner.clear();
  void vscode.window.showInformationMessage('Predictive Keyboard: personal dictionary cleared.');
}

export function registerLearningCommands(learner: Learner, learningEnabled: () => boolean): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('predictiveKeyboard.showPersonalDictionary', () => showPersonalDictionary(learner, learningEnabled())),
    vscode.commands.registerCommand('predictiveKeyboard.clearPersonalDictionary', () => clearPersonalDictionary(learner)),
  ];
}
