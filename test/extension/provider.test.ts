/// <reference types="mocha" />
/**
 * The provider, strip and settings against the real engine, inside a real extension host.
 * Run by test/e2e/run.ts (extensionTestsPath payload) or any @vscode/test-electron runner.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PredictiveKeyboardApi } from '../../src/extension/main';
import { useModelDir } from '../../src/extension/model_commands';

const EXT_ID = 'predictive-keyboard.predictive-keyboard';
const cfg = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('predictiveKeyboard');

async function until(what: string, fn: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function ask(api: PredictiveKeyboardApi, doc: vscode.TextDocument, pos: vscode.Position, kind: vscode.InlineCompletionTriggerKind) {
  const token = new vscode.CancellationTokenSource().token;
  return api.provider.provideInlineCompletionItems(doc, pos, { triggerKind: kind, selectedCompletionInfo: undefined }, token);
}

const AUTO = vscode.InlineCompletionTriggerKind.Automatic;
const INVOKE = vscode.InlineCompletionTriggerKind.Invoke;
const endOf = (doc: vscode.TextDocument): vscode.Position => doc.positionAt(doc.getText().length);

suite('Predictive Keyboard in the extension host', () => {
  let api: PredictiveKeyboardApi;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<PredictiveKeyboardApi>(EXT_ID);
    assert.ok(ext, 'extension is installed');
    api = await ext.activate();
    const model = await api.ctx.ensureStarted();
    assert.ok(model, `model loaded (state ${api.ctx.state}: ${api.ctx.stateDetail ?? ''})`);
  });

  teardown(async () => {
    for (const key of ['enabled', 'topK', 'comments.enabled', 'strip.size']) await cfg().update(key, undefined, vscode.ConfigurationTarget.Global);
    await until('settings restored', () => api.ctx.settings.enabled && api.ctx.settings.topK === 5 && !api.ctx.settings.commentsEnabled);
  });

  test('mid-word: one item, the phrase, with a range covering the typed part', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Thank you for the kind let' });
    const pos = endOf(doc);
    const list = await ask(api, doc, pos, AUTO);
    const r = api.predictions.current(doc, pos);
    assert.ok(r, 'a prediction for this cursor');
    assert.equal(r.prediction.typed, 'let');
    assert.equal(r.prediction.mode, 'completion');
    // The best guess may be the word exactly as typed ("let"): then there is nothing to show.
    const extends_ = r.prediction.phrase.length > 'let'.length;
    assert.ok(list && list.items.length === (extends_ ? 1 : 0), `${extends_ ? 1 : 0} item on an automatic trigger, got ${list?.items.length}`);
    if (!extends_) return;
    const item = list.items[0];
    assert.equal(item.insertText, r.prediction.phrase);
    assert.ok((item.insertText as string).startsWith('let'));
    assert.deepEqual([item.range?.start.line, item.range?.start.character, item.range?.end.character], [0, pos.character - 3, pos.character]);
  });

  test('at a word boundary: next-word phrase with an empty range', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'I hope to see you ' });
    const pos = endOf(doc);
    const list = await ask(api, doc, pos, AUTO);
    assert.ok(list && list.items.length === 1);
    assert.ok(list.items[0].range?.isEmpty);
  });

  test('cycling (Invoke) returns the ranked top-k, distinct, best first', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'The results of the study ' });
    const pos = endOf(doc);
    const auto = await ask(api, doc, pos, AUTO);
    const all = await ask(api, doc, pos, INVOKE);
    assert.ok(auto && all);
    const texts = all.items.map((i) => i.insertText as string);
    assert.ok(texts.length > 1 && texts.length <= 5, `2..topK items, got ${texts.length}`);
    assert.equal(texts[0], auto.items[0].insertText);
    assert.equal(new Set(texts).size, texts.length);
  });

  test('a next word below ghostMinProbability: no item on a keystroke, the candidates when asked', async () => {
    // A made-up word: module, file, and at p 0.02, below the 0.05 floor.
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'The zorblax ' });
    const pos = endOf(doc);
    const auto = await ask(api, doc, pos, AUTO);
    assert.ok(auto && auto.items.length === 0, `no ghost text, got ${JSON.stringify(auto?.items.map((i) => i.insertText))}`);
    const all = await ask(api, doc, pos, INVOKE);
    assert.ok(all && all.items.length > 1, 'Invoke (Alt+\\, Alt+]) lists the candidates');
  });

  test('disabled: no items', async () => {
    await cfg().update('enabled', false, vscode.ConfigurationTarget.Global);
    await until('disabled', () => !api.ctx.settings.enabled);
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'I hope to see you ' });
    assert.equal(await ask(api, doc, endOf(doc), AUTO), undefined);
  });

  test('languages: code gets nothing, except in comments when comments.enabled', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const x = 1; // This function returns the ' });
    assert.equal(await ask(api, doc, endOf(doc), AUTO), undefined);
    await cfg().update('comments.enabled', true, vscode.ConfigurationTarget.Global);
    await until('comments on', () => api.ctx.settings.commentsEnabled);
    const inComment = await ask(api, doc, endOf(doc), AUTO);
    assert.ok(inComment && inComment.items.length === 1, 'a prediction inside the comment');
    const code = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const total = ' });
    assert.equal(await ask(api, code, endOf(code), AUTO), undefined, 'nothing in code outside comments');
  });

  test('settings: out-of-range values are clamped', async () => {
    await cfg().update('topK', 99, vscode.ConfigurationTarget.Global);
    await until('topK clamped to 20', () => api.ctx.settings.topK === 20);
    await cfg().update('topK', 0, vscode.ConfigurationTarget.Global);
    await until('topK clamped to 1', () => api.ctx.settings.topK === 1);
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'The results of the study were ' });
    const all = await ask(api, doc, endOf(doc), INVOKE);
    assert.equal(all?.items.length, 1, 'topK 1 gives one item even when cycling');
  });

  test('modelPath is never taken from workspace settings', async () => {
    const before = api.ctx.modelDir;
    try {
      await cfg().update('modelPath', '/tmp/evil-model', vscode.ConfigurationTarget.Workspace);
    } catch {
      // Machine-scoped settings cannot even be written to a workspace: that is the point.
    }
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(api.ctx.modelDir, before);
    await cfg().update('modelPath', undefined, vscode.ConfigurationTarget.Workspace).then(undefined, () => undefined);
  });

  test('a folder that is not a GPT-2 export is refused with a reason; the model in use stays', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'pk-bad-model-'));
    writeFileSync(join(bad, 'config.json'), '{"model_type": "gpt2"}');
    writeFileSync(join(bad, 'model.onnx'), 'this is not an ONNX file');
    const before = api.ctx.model?.directory;
    await assert.rejects(api.ctx.switchModel(bad), (e: Error) => e.message.length > 10);
    assert.equal(await useModelDir(api.ctx, join(bad, 'missing')), false);
    assert.equal(api.ctx.state, 'ready');
    assert.equal(api.ctx.model?.directory, before);
    assert.equal(cfg().inspect('modelPath')?.globalValue, undefined, 'a refused folder is not written to settings');
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'I hope to see you ' });
    assert.ok(await ask(api, doc, endOf(doc), AUTO), 'predictions still work');
  });

  test('a valid folder is loaded and written to user settings', async () => {
    const dir = api.ctx.embeddedModelDir;
    assert.equal(await useModelDir(api.ctx, dir), true);
    await until('modelPath read back from user settings', () => api.ctx.settings.modelPath === dir);
    assert.equal(api.ctx.state, 'ready');
    await cfg().update('modelPath', undefined, vscode.ConfigurationTarget.Global);
    await until('modelPath cleared', () => api.ctx.settings.modelPath === '');
  });

  test('strip shows min(strip.size, topK) words and pickCandidate inserts the 2nd with a space', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Thank you for your help with the ' });
    const editor = await vscode.window.showTextDocument(doc);
    const end = endOf(doc);
    editor.selection = new vscode.Selection(end, end);
    await until('three strip words', () => api.strip.words.length === 3);
    const words = api.strip.words;
    await cfg().update('strip.size', 2, vscode.ConfigurationTarget.Global);
    await until('two strip words', () => api.strip.words.length === 2);
    assert.ok(await vscode.commands.executeCommand('predictiveKeyboard.pickCandidate', 2));
    assert.ok(doc.getText().endsWith(`the ${words[1]} `), JSON.stringify(doc.getText()));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  suiteTeardown(async () => {
    // Leave no dirty untitled documents behind for the next window on this profile.
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isUntitled)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
