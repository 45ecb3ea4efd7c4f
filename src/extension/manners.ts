/**
 * Phone-keyboard manners around an accepted suggestion, in the editor: the automatic space, the
 * space swap and Backspace's "revert commit". The decisions are in acceptance.ts; this module
 * watches the editor, makes the edits and keeps the `predictiveKeyboard.canRevert` context key that
 * lets the Backspace keybinding through only right after an acceptance. Ctrl+Z is not touched: the
 * automatic space joins the acceptance's own undo step.
 */
import * as vscode from 'vscode';
import { AcceptanceMemory, needsAutoSpace, stillHolds, type TextEdit } from './acceptance';

export const CAN_REVERT_KEY = 'predictiveKeyboard.canRevert';
/**
 * Tries per edit. The editor rejects an edit when a key typed meanwhile reached the document first
 * (its version moved on); the text before that key keeps its offsets, so the edit is tried again
 * there: at 60–80 ms a key, `. The` after an accepted word left `in . The`, and a letter typed at
 * once after Tab glued the word (`partyand`).
 */
const EDIT_TRIES = 4;
export const AFTER_ACCEPT_COMMAND = 'predictiveKeyboard.afterAccept';

/** What the inline provider hands to AFTER_ACCEPT_COMMAND: where its item replaced what. */
export interface AcceptedItem {
  uri: string;
  line: number;
  /** Column where the replaced range started. */
  start: number;
  /** The text the range held (the typed part of the word). */
  typed: string;
  /** The item's text. */
  inserted: string;
}

export class Manners implements vscode.Disposable {
  private readonly memory = new AcceptanceMemory((on) => void vscode.commands.executeCommand('setContext', CAN_REVERT_KEY, on));
  private readonly disposables: vscode.Disposable[] = [];
  /** The acceptance whose automatic space is being added, which a Backspace meanwhile waits for. */
  private pending: Promise<void> | undefined;

  constructor(private readonly autoSpaceOn: () => boolean) {
    this.disposables.push(
      vscode.commands.registerCommand(AFTER_ACCEPT_COMMAND, (item: AcceptedItem) => this.afterInlineAccept(item)),
      vscode.commands.registerCommand('predictiveKeyboard.revertAcceptance', () => this.backspace()),
      vscode.workspace.onDidChangeTextDocument((e) => this.onDocumentChange(e)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        const s = e.selections[0];
        this.memory.cursorMoved(e.textEditor.document.uri.toString(), e.textEditor.document.offsetAt(s.active), e.selections.length > 1 || !s.isEmpty);
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.memory.clear()),
    );
  }

  /** The command an inline completion item runs after VS Code inserted it (Tab, or Ctrl+Right on its last word). */
  command(item: AcceptedItem): vscode.Command {
    return { command: AFTER_ACCEPT_COMMAND, title: 'After accepting a suggestion', arguments: [item] };
  }

  private async afterInlineAccept(item: AcceptedItem): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.toString() !== item.uri || editor.selections.length > 1) return;
    const end = item.start + item.inserted.length;
    const pos = editor.selection.active;
    // Only when the document shows exactly what was accepted, with the cursor right after it.
    if (pos.line !== item.line || pos.character !== end || editor.document.lineAt(item.line).text.slice(item.start, end) !== item.inserted) return;
    // Backspace may come while the automatic space is still a round trip away: the key binding lets
    // it through to the revert from now on, and the revert waits for this acceptance (new-user test:
    // Backspace 80–150 ms after Tab removed only the space).
    void vscode.commands.executeCommand('setContext', CAN_REVERT_KEY, true);
    const done = this.accepted(editor, new vscode.Position(item.line, item.start), item.typed, item.inserted);
    this.pending = done;
    try {
      await done;
    } finally {
      if (this.pending === done) this.pending = undefined;
      if (!this.memory.current) void vscode.commands.executeCommand('setContext', CAN_REVERT_KEY, false);
    }
  }

  /**
   * `inserted` now stands at `start` in place of `typed`, and the cursor is right after it: add the
   * automatic space where it belongs and remember the acceptance for the space swap and Backspace.
   */
  async accepted(editor: vscode.TextEditor, start: vscode.Position, typed: string, inserted: string): Promise<void> {
    const doc = editor.document;
    const end = start.translate(0, inserted.length);
    let autoSpace = false;
    if (this.autoSpaceOn() && editor.selections.length === 1) {
      for (let tries = 0; tries < EDIT_TRIES && !autoSpace; tries++) {
        // Still the accepted word, and what follows it (after a retry: what was typed meanwhile)
        // wants the space (a letter does, as a phone keyboard's phantom space; a space or a full
        // stop does not; the line's end does, charAt's '').
        const line = doc.lineAt(start.line).text;
        if (line.slice(start.character, end.character) !== inserted || !needsAutoSpace(inserted, line.charAt(end.character))) break;
        // Part of the acceptance's undo step: Ctrl+Z takes the word and its space back together.
        autoSpace = await editor.edit((b) => b.insert(end, ' '), { undoStopBefore: false, undoStopAfter: true });
      }
      // The cursor belongs after the space; move it only if the edit left it before (never past keys typed meanwhile).
      if (autoSpace && editor.selections.length === 1 && editor.selection.isEmpty && editor.selection.active.isEqual(end)) {
        const after = end.translate(0, 1);
        editor.selection = new vscode.Selection(after, after);
      }
    }
    // Keys typed after the word meanwhile have used up the chance to swap or revert.
    const cursor = editor.selection.active;
    if (editor.selections.length === 1 && editor.selection.isEmpty && cursor.isEqual(end.translate(0, autoSpace ? 1 : 0))) this.remember(editor, start, typed, inserted, autoSpace);
    // The edits came from the extension, not the keyboard: VS Code will not ask for the next word by itself.
    void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  }

  /** An acceptance made elsewhere (a strip pick), with its automatic space if it got one, for the space swap and Backspace. */
  remember(editor: vscode.TextEditor, start: vscode.Position, typed: string, inserted: string, autoSpace: boolean): void {
    const doc = editor.document;
    this.memory.record({ uri: doc.uri.toString(), version: doc.version, start: doc.offsetAt(start), typed, inserted, autoSpace });
  }

  private onDocumentChange(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const edit = this.memory.documentChanged(e.document.uri.toString(), e.document.version, e.contentChanges);
    if (!edit) return;
    const editor = vscode.window.visibleTextEditors.find((ed) => ed.document === e.document);
    if (editor) void this.apply(editor, edit, false);
  }

  /** Backspace right after an acceptance restores what was typed; otherwise it deletes as always. */
  private async backspace(): Promise<void> {
    await this.pending?.catch(() => undefined);
    const editor = vscode.window.activeTextEditor;
    const edit = editor && editor.selections.length === 1 && editor.selection.isEmpty ? this.memory.revert(editor.document.uri.toString(), editor.document.version, editor.document.offsetAt(editor.selection.active)) : undefined;
    this.memory.clear();
    if (!editor || !edit) {
      await vscode.commands.executeCommand('deleteLeft');
      return;
    }
    await this.apply(editor, edit, true);
  }

  /**
   * A swap removes a space before the cursor, and VS Code moves the cursor with it, also past
   * whatever was typed meanwhile; so only a revert (which the keybinding runs before any further
   * key) places the cursor itself.
   */
  private async apply(editor: vscode.TextEditor, edit: TextEdit, isRevert: boolean): Promise<void> {
    const doc = editor.document;
    const read = (start: number, length: number): string => doc.getText(new vscode.Range(doc.positionAt(start), doc.positionAt(start + length)));
    let ok = false;
    // A revert is Backspace's own edit: once, since keys after it would land where it no longer is.
    for (let tries = 0; tries < (isRevert ? 1 : EDIT_TRIES) && !ok && stillHolds(edit, read); tries++) {
      const range = new vscode.Range(doc.positionAt(edit.start), doc.positionAt(edit.end));
      ok = await editor.edit((b) => b.replace(range, edit.text), { undoStopBefore: isRevert, undoStopAfter: true });
    }
    if (!ok || !isRevert) return;
    const cursor = doc.positionAt(edit.cursor);
    editor.selection = new vscode.Selection(cursor, cursor);
    void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  }

  dispose(): void {
    this.memory.clear();
    this.disposables.forEach((d) => d.dispose());
  }
}
