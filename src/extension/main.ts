/**
 * Extension entry point: wires the modules together. The model runs in a separate worker process
 * (see ../worker/client), so a native crash there never takes the extension host down.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { affects } from './config';
import { Ctx } from './ctx';
import { Cycling } from './cycling';
import { InspectorPanel } from './inspector/panel';
import { registerLearningCommands } from './learning/commands';
import { Learner } from './learning/learner';
import { Manners } from './manners';
import { InlineSuggestWarning, openWalkthroughOnce, registerOnboardingCommands } from './onboarding';
import { Log } from './output';
import { predictedIn } from './language_mode';
import { isAt, Predictions } from './predictions';
import { ProseCompletionProvider } from './provider';
import { QuickControls } from './quick_controls';
import { StatusDisplay } from './status_display';
import { Strip } from './strip';

/** What activate() returns: lets the extension-host test suite reach the live objects. */
export interface PredictiveKeyboardApi {
  ctx: Ctx;
  predictions: Predictions;
  provider: ProseCompletionProvider;
  strip: Strip;
  status: StatusDisplay;
  learner: Learner;
}

/** URI schemes of documents that get ghost text (the provider's document selector). */
export const PREDICTED_SCHEMES = ['file', 'untitled', 'vscode-notebook-cell', 'vscode-scm', 'vscode-vfs'] as const;

export function activate(context: vscode.ExtensionContext): PredictiveKeyboardApi {
  const log = new Log();
  const ctx = new Ctx(context.extensionUri, log);
  const quiet = new QuickControls(context.workspaceState, () => ctx.settings);
  const manners = new Manners(() => ctx.settings.autoSpace);
  const predictions = new Predictions(ctx, (doc) => quiet.silence(doc) !== undefined);
  const cycling = new Cycling(predictions);
  const provider = new ProseCompletionProvider(predictions, cycling, { manners, trigger: () => ctx.settings });
  const strip = new Strip(ctx, predictions, cycling, manners);
  const status = new StatusDisplay(ctx, quiet);
  const inlineSuggestWarning = new InlineSuggestWarning(context.globalState, () => ctx.settings.languages);
  const learner = new Learner(ctx, context.globalStorageUri);

  // Load the model as soon as an editor that will want predictions is visible, not at VS Code
  // start: a window without prose never pays for a worker process.
  const startIfUseful = (editor: vscode.TextEditor | undefined): void => {
    if (!editor || !predictedIn(editor.document, ctx.settings)) return;
    void ctx.ensureStarted();
    void inlineSuggestWarning.check(editor.document);
  };

  context.subscriptions.push(
    log,
    ctx,
    predictions,
    cycling,
    quiet,
    manners,
    strip,
    status,
    learner,
    ...registerLearningCommands(learner, () => ctx.settings.learningEnabled),
    // Every language (which ones get predictions is a setting that changes without reload), in
    // the places a person writes: files, untitled documents, notebook Markdown cells, the Source
    // Control message box, virtual workspaces. Not output, diff or settings views.
    vscode.languages.registerInlineCompletionItemProvider(
      PREDICTED_SCHEMES.map((scheme) => ({ scheme })),
      provider,
    ),
    vscode.commands.registerCommand('predictiveKeyboard.showNext', () => cycling.step(1)),
    vscode.commands.registerCommand('predictiveKeyboard.showPrevious', () => cycling.step(-1)),
    ...registerCommands(ctx, strip, context.globalStorageUri),
    vscode.commands.registerCommand('predictiveKeyboard.openInspector', () => void InspectorPanel.show(ctx, predictions)),
    vscode.commands.registerCommand('predictiveKeyboard.quickControls', () => quiet.showMenu()),
    vscode.commands.registerCommand('predictiveKeyboard.snooze', () => quiet.showSnoozeMenu()),
    // Alt+\ (VS Code 1.100 has no key of its own for this): an explicit ask, answered in manual mode too.
    vscode.commands.registerCommand('predictiveKeyboard.predictNow', () => vscode.commands.executeCommand('editor.action.inlineSuggest.trigger')),
    ...registerOnboardingCommands(),
    // A snooze that ends or a file turned back on: the strip asks again.
    quiet.onDidChange(() => strip.refresh()),
    // The worker sends the best word first and the phrase's further words after (issue 14): the
    // ghost text grows, asked for again only where the ghost text shows this prediction's first word
    // (not for the strip alone, as in manual-trigger mode), the cursor has not moved, and the person
    // is not cycling through the words.
    predictions.onDidGrowPhrase((r) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.selections.length !== 1 || !isAt(r, editor.document, editor.selection.active) || cycling.indexFor(r) !== undefined || !provider.offers(r)) return;
      provider.regrow(r);
      void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('editor.inlineSuggest.enabled')) void inlineSuggestWarning.check(vscode.window.activeTextEditor?.document);
      if (!affects(e)) return;
      predictions.clear();
      void ctx.reloadSettings().then(() => startIfUseful(vscode.window.activeTextEditor));
    }),
    vscode.window.onDidChangeActiveTextEditor(startIfUseful),
    vscode.workspace.onDidCloseTextDocument((doc) => ctx.forget(doc.uri.toString())),
  );
  startIfUseful(vscode.window.activeTextEditor);
  void openWalkthroughOnce(context);
  log.info(`Predictive Keyboard ${context.extension.packageJSON.version as string} activated.`);
  return { ctx, predictions, provider, strip, status, learner };
}

export function deactivate(): void {
  // Disposables in context.subscriptions stop the worker.
}
