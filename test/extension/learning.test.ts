/// <reference types="mocha" />
/**
 * The personal dictionary inside a real extension host: words typed in one document are offered
 * in another; excluded files, secrets and learning switched off record nothing.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PredictiveKeyboardApi } from '../../src/extension/main';

const EXT_ID = 'predictive-keyboard.predictive-keyboard';
const cfg = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('predictiveKeyboard');

async function until(what: string, fn: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Types `text` character by character into the active editor, as the keyboard would. */
async function typeText(text: string): Promise<void> {
  for (const ch of text) await vscode.commands.executeCommand('type', { text: ch });
}

async function openAndShow(doc: vscode.TextDocument): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(doc);
  const end = doc.positionAt(doc.getText().length);
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

suite('Personal dictionary in the extension host', () => {
  let api: PredictiveKeyboardApi;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<PredictiveKeyboardApi>(EXT_ID);
    assert.ok(ext, 'extension is installed');
    api = await ext.activate();
    assert.ok(await api.ctx.ensureStarted(), 'model loaded');
  });

  setup(() => api.learner.clear());
  // The UI part of the E2E run shares this user-data folder: leave it no learned words.
  suiteTeardown(() => api.learner.clear());

  teardown(async () => {
    for (const key of ['learning.enabled', 'learning.documentCache']) await cfg().update(key, undefined, vscode.ConfigurationTarget.Global);
    await until('settings restored', () => api.ctx.settings.learningEnabled && api.ctx.settings.learningDocumentCache);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a word typed in one document is offered in another after it is learned', async () => {
    const a = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await openAndShow(a);
    await typeText('We met the Zorblaxian envoy. A Zorblaxian ship landed near the Zorblaxian ');
    // Typing reaches the extension host's document asynchronously (in code-server over a socket).
    await until('the third Zorblaxian learned', () => api.learner.store.words.get('Zorblaxian')?.count === 3);
    assert.equal(api.learner.store.words.get('Zorblaxian')?.count, 3, 'counted each time a space finished it');
    assert.ok(api.learner.store.words.has('the Zorblaxian'), 'two-word phrase learned');
    assert.ok(!api.learner.store.words.has('Zorblaxian envoy.'));

    api.learner.flush();
    const file = JSON.parse(readFileSync(api.learner.store.path, 'utf8'));
    assert.equal(file.version, 1);
    assert.equal(file.words.Zorblaxian.count, 3);

    const b = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'Yesterday I read about the Zorb' });
    const pos = b.positionAt(b.getText().length);
    const token = new vscode.CancellationTokenSource().token;
    // The worker may still be busy with the first document's prepared keystrokes: a request it
    // answers with nothing is asked again (up to three times), as the editor would on the next keystroke.
    let list: vscode.InlineCompletionList | vscode.InlineCompletionItem[] | null | undefined;
    let words: string[] = [];
    for (let attempt = 0; attempt < 3 && words.length === 0; attempt++) {
      list = await api.provider.provideInlineCompletionItems(b, pos, { triggerKind: vscode.InlineCompletionTriggerKind.Invoke, selectedCompletionInfo: undefined }, token);
      words = api.predictions.current(b, pos)?.prediction.candidates.map((c) => c.word) ?? [];
    }
    assert.ok(words.includes('Zorblaxian'), `offered in the other document: ${words.join(', ')}`);
    const items = Array.isArray(list) ? list : (list?.items ?? []);
    assert.ok(items.some((i) => String(i.insertText).startsWith('Zorblaxian')), 'as ghost text too');

    // With the document cache off the blend (and so the personal dictionary) is not used.
    await cfg().update('learning.documentCache', false, vscode.ConfigurationTarget.Global);
    await until('documentCache off', () => api.ctx.options().documentCache === false);
  });

  test('excluded files, secret-looking words and learning switched off record nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pk-learning-'));
    const secretFile = join(dir, 'secrets.md');
    writeFileSync(secretFile, '');
    await openAndShow(await vscode.workspace.openTextDocument(vscode.Uri.file(secretFile)));
    const typedIn = (doc: vscode.TextDocument, text: string) => () => doc.getText().endsWith(text);
    const secretDoc = vscode.window.activeTextEditor?.document;
    assert.ok(secretDoc);
    await typeText('Plumbusword is here ');
    await until('the text typed', typedIn(secretDoc, 'Plumbusword is here '));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(api.learner.store.words.size, 0, `nothing from secrets.md: ${[...api.learner.store.words.list().map((e) => e.term)].join(', ')}`);

    await openAndShow(await vscode.workspace.openTextDocument({ language: 'markdown', content: '' }));
    await typeText('password: Hunterword mail sam@example.com key AKIAIOSFODNN7EXAMPLE see https://example.com/x done ');
    await until('the last word learned', () => api.learner.store.words.has('done'));
    const terms = api.learner.store.words.list().map((e) => e.term);
    for (const bad of ['Hunterword', 'sam', 'example', 'AKIAIOSFODNN7EXAMPLE', 'https', 'com']) assert.ok(!terms.some((t) => t.split(' ').includes(bad)), `${bad} not learned (${terms.join(', ')})`);
    assert.ok(terms.includes('done') && terms.includes('mail'), `ordinary words still learned (${terms.join(', ')})`);
    // A credential written as a table: the row under the Password column teaches nothing.
    await typeText('\n\n| user | password |\n|---|---|\n| Bobword | Marigoldword |\n\nsunny afterwards ');
    await until('the word after the table learned', () => api.learner.store.words.has('afterwards'));
    const afterTable = api.learner.store.words.list().map((e) => e.term);
    for (const bad of ['Marigoldword', 'Bobword']) assert.ok(!afterTable.some((t) => t.split(' ').includes(bad)), `${bad} not learned (${afterTable.join(', ')})`);

    await cfg().update('learning.enabled', false, vscode.ConfigurationTarget.Global);
    await until('learning off', () => !api.ctx.settings.learningEnabled);
    const plain = vscode.window.activeTextEditor?.document;
    assert.ok(plain);
    await typeText('Gleeblorpian ');
    await until('the text typed', typedIn(plain, 'Gleeblorpian '));
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!api.learner.store.words.has('Gleeblorpian'), 'not learned while learning is off');
    api.learner.flush();
    assert.ok(existsSync(api.learner.store.path));
    assert.ok(!readFileSync(api.learner.store.path, 'utf8').includes('Gleeblorpian'));
  });
});
