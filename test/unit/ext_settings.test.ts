// The settings' clamping rules and their agreement with package.json (src/extension/settings.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { clampSettings, DEFAULTS, NUMERIC_RULES, resolveThreads, SECTION } from '../../src/extension/settings';

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
