/** The Inspector webview's page and view model, without VS Code. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Inspection } from '../../src/engine/inspect';
import type { Prediction } from '../../src/engine/types';
import { inspectorHtml } from '../../src/extension/inspector/html';
import { isFromWebview, toView } from '../../src/extension/inspector/view';

test('the page has a strict nonce CSP and loads nothing remote', () => {
  const html = inspectorHtml('abc123', 'vscode-webview://x');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-abc123'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
  const scripts = html.match(/<script[^>]*>/g) ?? [];
  assert.ok(scripts.length === 1 && scripts.every((s) => s.includes('nonce="abc123"')));
  assert.doesNotMatch(html, /\bsrc="|href="https?:|style="/, 'no external resources and no style attributes');
  // Keyboard access: every control has a label.
  for (const id of ['temperature', 'apply', 'rows', 'layer', 'head']) assert.match(html, new RegExp(`id="${id}"[^>]*aria-label|for="${id}"`));
  assert.match(html, /--vscode-/);
});

test('messages from the webview are validated', () => {
  assert.ok(isFromWebview({ type: 'preview', temperature: 0.7 }));
  assert.ok(isFromWebview({ type: 'ready' }));
  assert.ok(!isFromWebview({ type: 'preview', temperature: 'hot' }));
  assert.ok(!isFromWebview({ type: 'apply', temperature: Number.NaN }));
  assert.ok(!isFromWebview({ type: 'exec', command: 'rm' }));
  assert.ok(!isFromWebview(null));
});

test('the ghost-text prediction, when there is one, is what the candidates show', () => {
  const mine: Prediction = { mode: 'next-word', typed: '', candidates: [{ word: 'cat', text: ' cat', probability: 0.3 }], phrase: ' cat', tokensFed: 0, contextTokens: 5, latencyMs: 1 };
  const ghost: Prediction = { ...mine, candidates: [{ word: 'dog', text: ' dog', probability: 0.2 }, { word: 'cat', text: ' cat', probability: 0.3 }], phrase: ' dog sat' };
  const inspection: Inspection = {
    mode: 'next-word',
    typed: '',
    topK: 2,
    previewTemperature: 1,
    distribution: [],
    restProbability: 1,
    restTempered: 1,
    prediction: mine,
    pieces: [],
    hiddenTokens: 0,
    contextTokens: 5,
    latencyMs: 2,
  };
  const fromGhost = toView(inspection, ghost, 'm', 0.5, 20);
  assert.equal(fromGhost.candidatesFrom, 'ghost text');
  assert.deepEqual(fromGhost.candidates.map((c) => [c.word, c.ghost]), [['dog', true], ['cat', false]]);
  assert.equal(fromGhost.phrase, ' dog sat');
  const own = toView(inspection, undefined, 'm', 0.5, 20);
  assert.equal(own.candidatesFrom, 'inspector');
  assert.deepEqual(own.candidates.map((c) => c.word), ['cat']);
});
