// Unit tests of the extension's pure logic (no vscode): settings clamping, comment detection,
// strip text, edit ranges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { clampSettings, DEFAULTS, NUMERIC_RULES, resolveThreads, SECTION } from '../../src/extension/settings';
import { commentAtEnd } from '../../src/extension/comments';
import { stripText, stripLabel, stripTooltip, pickKeyLabel } from '../../src/extension/strip_text';
import { contextStart, inlineTexts, pickInsertion, replaceStartColumn } from '../../src/extension/edit_range';

test('settings: defaults when nothing is set', () => {
  const { settings, warnings } = clampSettings({});
  assert.deepEqual(settings, DEFAULTS);
  assert.deepEqual(warnings, []);
});

test('settings: out-of-range numbers are clamped with a warning', () => {
  const { settings, warnings } = clampSettings({ topK: 50, temperature: -1, maxWords: 0, 'strip.size': 12, threads: 2.6 });
  assert.equal(settings.topK, 20);
  assert.equal(settings.temperature, 0);
  assert.equal(settings.maxWords, 1);
  assert.equal(settings.stripSize, 9);
  assert.equal(settings.threads, 3);
  assert.equal(warnings.length, 5);
  assert.match(warnings[0], /predictiveKeyboard\.topK: 50 is out of range/);
});

test('settings: contextTokens is clamped to the model context', () => {
  const r = clampSettings({ contextTokens: 2000 }, 1024);
  assert.equal(r.settings.contextTokens, 1024);
  assert.match(r.warnings[0], /context is 1024 tokens/);
  assert.equal(clampSettings({}, 128).settings.contextTokens, 128);
  assert.deepEqual(clampSettings({}, 128).warnings, []);
});

test('settings: wrong types fall back to defaults with a warning', () => {
  const r = clampSettings({ enabled: 'yes', topK: 'many', languages: 'markdown', modelPath: 3 });
  assert.equal(r.settings.enabled, true);
  assert.equal(r.settings.topK, DEFAULTS.topK);
  assert.deepEqual(r.settings.languages, DEFAULTS.languages);
  assert.equal(r.settings.modelPath, '');
  assert.equal(r.warnings.length, 4);
});

test('settings: bounds match package.json contributes.configuration', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const props = pkg.contributes?.configuration?.properties ?? {};
  for (const rule of NUMERIC_RULES) {
    const p = props[`${SECTION}.${rule.setting}`];
    assert.ok(p, `missing ${rule.setting} in package.json`);
    assert.equal(p.minimum, rule.min, rule.setting);
    assert.equal(p.maximum, rule.max, rule.setting);
    assert.equal(p.default, DEFAULTS[rule.key], rule.setting);
  }
  assert.equal(props[`${SECTION}.modelPath`].scope, 'machine');
});

test('settings: automatic threads', () => {
  assert.equal(resolveThreads(0, 2), 1);
  assert.equal(resolveThreads(0, 16), 4);
  assert.equal(resolveThreads(3, 16), 3);
});

test('comments: line comments outside strings', () => {
  const at = (lang: string, text: string) => commentAtEnd(lang, text, text.lastIndexOf('\n') + 1);
  assert.deepEqual(at('typescript', 'let x = 1; // the quick'), { start: 13 });
  assert.equal(at('typescript', 'const u = "http://exa'), undefined);
  assert.equal(at('typescript', 'const u = "http://x"; f('), undefined);
  assert.deepEqual(at('typescript', 'const u = "a//b"; // note'), { start: 20 });
  assert.deepEqual(at('python', 'x = 1  # compute the'), { start: 8 });
  assert.equal(at('shellscript', 'echo $#'), undefined);
  assert.equal(at('python', 'x = "#notacomment'), undefined);
  assert.deepEqual(at('sql', 'select 1 -- why'), { start: 11 });
  assert.equal(at('unknown-language', '// x'), undefined);
});

test('comments: block comments', () => {
  const at = (lang: string, text: string) => commentAtEnd(lang, text, text.lastIndexOf('\n') + 1);
  const t = 'int x;\n/* This function\n * computes the';
  assert.deepEqual(at('c', t), { start: t.indexOf('/*') + 2 });
  assert.equal(at('c', '/* done */ int y = '), undefined);
  assert.deepEqual(at('html', '<p>x</p><!-- note to'), { start: 12 });
  assert.equal(at('c', 'char *s = "/*"; int'), undefined);
});

test('strip: text and labels', () => {
  assert.equal(stripText(['robot', 'robots', 'robotic', 'robe'], 3), 'robot · robots · robotic');
  assert.equal(stripText([' the', 'a'], 1), 'the');
  assert.equal(stripText([], 3), '');
  assert.equal(stripLabel('$(alert)'), '$\u200b(alert)');
  assert.equal(stripLabel('x'.repeat(40)).length, 24);
  assert.match(stripTooltip(['a', 'b'], 3, (n) => pickKeyLabel(n, 'linux')), /Ctrl\+Alt\+2 {2}b/);
});

test('edit range: typed part of the word', () => {
  assert.equal(replaceStartColumn('The quick bro', 'bro'), 10);
  assert.equal(replaceStartColumn('The quick ', ''), 10);
  assert.equal(replaceStartColumn('The quick bra', 'bro'), undefined);
});

test('edit range: context window never splits a surrogate pair', () => {
  assert.equal(contextStart(100), 0);
  assert.equal(contextStart(40_000), 8_000);
  const text = 'a'.repeat(9) + '😀' + 'b'.repeat(20);
  assert.equal(contextStart(30, text, 20), 11);
});

test('edit range: strip pick adds a space unless one follows', () => {
  assert.deepEqual(pickInsertion('robot', undefined), { text: 'robot ', skipFollowingSpace: false });
  assert.deepEqual(pickInsertion('robot', ' '), { text: 'robot', skipFollowingSpace: true });
  assert.deepEqual(pickInsertion(' The', '.'), { text: ' The ', skipFollowingSpace: false });
});

test('edit range: one item on automatic triggers, ranked list when cycling', () => {
  assert.deepEqual(inlineTexts('robot is', ['robot', 'robots', 'robotic'], false), ['robot is']);
  assert.deepEqual(inlineTexts('robot is', ['robot', 'robots', 'robotic'], true), ['robot is', 'robots', 'robotic']);
  assert.deepEqual(inlineTexts('robot', ['robot', 'robots'], true), ['robot', 'robots']);
  assert.deepEqual(inlineTexts('', [], true), []);
  assert.deepEqual(inlineTexts('', ['x'], false), ['x']);
});
