/**
 * Learns the writer's words: watches edits in documents that get predictions, takes the words an
 * edit just finished (a typed space, an accepted ghost text or strip word), filters out excluded
 * files and anything secret-looking, counts them in the personal dictionary and hands the
 * dictionary to the model worker, which offers the words in every document.
 */
import * as vscode from 'vscode';
import { commentAtEnd } from '../comments';
import type { Ctx } from '../ctx';
import { languageMode, predictedIn } from '../language_mode';
import { acceptedWord, Sightings, worthLearning } from './evidence';
import { finishedByEdit, MAX_TYPED_INSERT } from './extract';
import { inCredentialTable } from './secrets';
import { isExcludedPath } from './glob';
import { FILE_NAME, PersonalStore } from './store';

/** Text before an edit that is read to find the finished token and the one before it. */
const LOOKBEHIND = 200;
/**
 * The worker recounts every document's word cache on a new dictionary, so it gets one every few
 * seconds at most. The document being typed in already counts its own words; the dictionary
 * matters for the others, and switching editors sends it at once.
 */
const SEND_DELAY_MS = 5000;

export class Learner implements vscode.Disposable {
  readonly store: PersonalStore;
  /** Short words finished once, learned on the second time (see evidence.ts). */
  private readonly sightings = new Sightings();
  /** Where the last multi-letter insertion (accepted ghost text) ended. */
  private lastInsert: { uri: string; line: number; character: number } | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private sendTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ctx: Ctx,
    globalStorage: vscode.Uri,
  ) {
    this.store = new PersonalStore({
      path: vscode.Uri.joinPath(globalStorage, FILE_NAME).fsPath,
      log: ctx.log,
      onDidChange: () => this.scheduleSend(),
    });
    this.store.load();
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      ctx.onDidChangeSettings(() => this.sendNow()),
      vscode.window.onDidChangeActiveTextEditor(() => {
        if (this.sendTimer !== undefined) this.sendNow();
      }),
    );
    this.sendNow();
  }

  /** Whether text of `doc` may be learned at all (settings, exclusions). */
  mayLearnFrom(doc: vscode.TextDocument): boolean {
    const s = this.ctx.settings;
    if (!s.learningEnabled || !predictedIn(doc, s)) return false;
    // Untitled documents and the SCM input have no file to exclude; their path is still checked.
    return !isExcludedPath(doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.uri.path, s.learningExclude);
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    // Only what the person types in the editor in front of them: not undo/redo, not other extensions' edits in the background.
    if (e.reason !== undefined || e.contentChanges.length !== 1) return;
    const change = e.contentChanges[0];
    const accepted = this.lastInsert;
    this.lastInsert = undefined;
    // Several letters at once without a space: accepted ghost text (Tab, Ctrl+Right); the space typed
    // right after it finishes a word the person chose from a suggestion.
    if (change.text.length > 1 && change.text.length <= MAX_TYPED_INSERT && !/\s/u.test(change.text)) {
      const end = change.range.start.translate(0, change.text.length);
      this.lastInsert = { uri: e.document.uri.toString(), line: end.line, character: end.character };
      return;
    }
    // Cheap test first: most keystrokes are letters, which finish nothing.
    if (change.text.length === 0 || change.text.length > MAX_TYPED_INSERT || !/\s/u.test(change.text)) return;
    const doc = e.document;
    if (vscode.window.activeTextEditor?.document !== doc || !this.mayLearnFrom(doc)) return;
    const start = change.range.start;
    const lineText = doc.lineAt(start.line).text;
    // A row under a `Password` column (or `| PIN | 4821 |`) is a credential, whatever its words.
    if (inCredentialTable((line) => doc.lineAt(line).text, start.line)) return;
    let from = Math.max(0, start.character - LOOKBEHIND);
    if (languageMode(doc, this.ctx.settings) === 'comments') {
      // In code, only the words of a comment; the code around it is not the writer's prose.
      const c = commentAtEnd(doc.languageId, lineText.slice(0, start.character), 0);
      if (!c) return;
      from = Math.max(from, c.start);
    }
    const before = lineText.slice(from, start.character);
    const right = accepted && accepted.uri === doc.uri.toString() && accepted.line === start.line && accepted.character === start.character;
    const learned = worthLearning(finishedByEdit(before, change.text), before, change.text, this.sightings, right ? acceptedWord(before) : undefined);
    const terms = [...learned.words, ...learned.phrases];
    if (terms.length > 0) this.store.record(terms);
  }

  private scheduleSend(): void {
    this.sendTimer ??= setTimeout(() => this.sendNow(), SEND_DELAY_MS);
  }

  /** Gives the worker the dictionary now (none when learning is off); Ctx gives it to later workers too. */
  sendNow(): void {
    if (this.sendTimer !== undefined) clearTimeout(this.sendTimer);
    this.sendTimer = undefined;
    this.ctx.setPersonalWords(this.ctx.settings.learningEnabled ? this.store.words.forEngine() : []);
  }

  /** Writes pending words and sends the dictionary, without waiting for the timers (commands, tests). */
  flush(): void {
    this.store.flush();
    this.sendNow();
  }

  remove(term: string): void {
    if (this.store.remove(term)) this.sendNow();
  }

  clear(): void {
    this.store.clear();
    this.sightings.clear();
    this.sendNow();
  }

  dispose(): void {
    if (this.sendTimer !== undefined) clearTimeout(this.sendTimer);
    this.store.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
