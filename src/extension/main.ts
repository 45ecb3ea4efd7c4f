/**
 * Extension entry point: wires the modules together. The model runs in a separate worker process
 * (see ../worker/client), so a native crash there never takes the extension host down.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { affects } from './config';
import { Ctx } from './ctx';
import { InspectorPanel } from './inspector/panel';
import { registerLearningCommands } from './learning/commands';
import { Learner } from './learning/learner';
import { Log } from './output';
import { predictedIn } from './language_mode';
import { Predictions } from './predictions';
import { ProseCompletionProvider } from './provider';
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

export function activate(context: vscode.ExtensionContext): PredictiveKeyboardApi {
  const log = new Log();
  const ctx = new Ctx(context.extensionUri, log);
  const predictions = new Predictions(ctx);
  const provider = new ProseCompletionProvider(predictions);
  const strip = new Strip(ctx, predictions);
  const status = new StatusDisplay(ctx);
  const learner = new Learner(ctx, context.globalStorageUri);

  // Load the model as soon as an editor that will want predictions is visible, not at VS Code
  // start: a window without prose never pays for a worker process.
  const startIfUseful = (editor: vscode.TextEditor | undefined): void => {
    if (editor && predictedIn(editor.document, ctx.settings)) void ctx.ensureStarted();
  };

  context.subscriptions.push(
    log,
    ctx,
    predictions,
    strip,
    status,
    learner,
    ...registerLearningCommands(learner, () => ctx.settings.learningEnabled),
    // Every language: which ones get predictions is a setting that changes without reload.
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    vscode.languages.registerInlineCompletionItemProvider({ scheme: 'vscode-scm' }, provider),
    ...registerCommands(ctx, strip, context.globalStorageUri),
    vscode.commands.registerCommand('predictiveKeyboard.openInspector', () => void InspectorPanel.show(ctx, predictions)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affects(e)) return;
      predictions.clear();
      void ctx.reloadSettings().then(() => startIfUseful(vscode.window.activeTextEditor));
    }),
    vscode.window.onDidChangeActiveTextEditor(startIfUseful),
    vscode.workspace.onDidCloseTextDocument((doc) => ctx.forget(doc.uri.toString())),
  );
  startIfUseful(vscode.window.activeTextEditor);
  log.info(`Predictive Keyboard ${context.extension.packageJSON.version as string} activated.`);
  return { ctx, predictions, provider, strip, status, learner };
}

export function deactivate(): void {
  // Disposables in context.subscriptions stop the worker.
}
