// The personal dictionary: bounds, eviction, the versioned file, restarts, clearing, corrupt files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORMAT_VERSION, parseDictionary, PersonalDictionary } from '../../src/extension/learning/dictionary';
import { FILE_NAME, PersonalStore, type StoreOptions } from '../../src/extension/learning/store';
import { clampSettings, DEFAULT_LEARNING_EXCLUDE } from '../../src/extension/settings';

const DAY = 86_400_000;

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'pk-learning-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function captureLog(): StoreOptions['log'] & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => undefined, warn: (m: string) => warnings.push(m) };
}

test('dictionary: counts uses, refuses unsafe terms, lists most used first', () => {
  const d = new PersonalDictionary();
  assert.ok(d.record('Zorblaxian', 1));
  assert.ok(d.record('Zorblaxian', 2));
  assert.ok(d.record('the robot', 3));
  assert.ok(!d.record('deadbeefdeadbeef00', 4));
  assert.ok(!d.record('12345', 4));
  assert.ok(!d.record('x', 4));
  assert.ok(!d.record('a b c d', 4));
  assert.deepEqual(d.list().map((e) => [e.term, e.count]), [['Zorblaxian', 2], ['the robot', 1]]);
  assert.deepEqual(d.forEngine(), [{ word: 'Zorblaxian', count: 2 }, { word: 'the robot', count: 1 }]);
});

test('dictionary: the size bound evicts rarely and long-unused words first', () => {
  const d = new PersonalDictionary(100);
  const now = 1000 * DAY;
  d.record('frequent', now - 200 * DAY, 50); // used often, long ago: stays
  for (let i = 0; i < 150; i++) d.record(`word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`, now - (150 - i) * 1000);
  assert.ok(d.size <= 100, `size ${d.size}`);
  assert.ok(d.has('frequent'));
  // The newest words survive, the oldest single uses went first.
  assert.ok(d.has('wordtf'), 'newest kept');
  assert.ok(!d.has('wordaa'), 'oldest single use evicted');
});

test('dictionary: versioned JSON round trip; corrupt, other-version and bad entries', () => {
  const d = new PersonalDictionary();
  d.record('Zorblaxian', 5);
  const json = d.toJSON();
  assert.equal(json.version, FORMAT_VERSION);
  assert.deepEqual(json.words, { Zorblaxian: { count: 1, last: 5 } });
  const back = parseDictionary(JSON.stringify(json), 10);
  assert.equal(back.reset, false);
  assert.deepEqual(back.dictionary.toJSON(), json);

  for (const text of ['{not json', '[]', '"x"', '{"version":2,"words":{}}', '{"words":{}}', '{"version":1,"words":[]}']) {
    const r = parseDictionary(text, 10);
    assert.equal(r.reset, true, text);
    assert.equal(r.dictionary.size, 0, text);
    assert.ok(r.problem, text);
  }
  const mixed = parseDictionary(JSON.stringify({ version: 1, words: { good: { count: 2, last: 1 }, bad: { count: 'x' }, deadbeefdeadbeefdeadbeef: { count: 9, last: 1 }, zero: { count: 0, last: 1 } } }), 10);
  assert.equal(mixed.reset, false);
  assert.deepEqual(mixed.dictionary.list().map((e) => e.term), ['good']);
  assert.match(mixed.problem ?? '', /3 entries were invalid/);
});

test('store: a missing file is an empty dictionary; words survive a restart', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'nested', FILE_NAME);
  const log = captureLog();
  const a = new PersonalStore({ path, log, saveDelayMs: 60_000 });
  a.load();
  assert.equal(a.words.size, 0);
  assert.deepEqual(log.warnings, []);
  a.record(['Zorblaxian', 'Zorblaxian', 'the Zorblaxian']);
  assert.ok(a.dirty, 'write is debounced, not immediate');
  assert.ok(!existsSync(path));
  a.dispose(); // shutdown writes what is pending
  assert.ok(!a.dirty);
  const file = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(file.version, 1);
  assert.equal(file.words.Zorblaxian.count, 2);

  const b = new PersonalStore({ path, log });
  b.load();
  assert.deepEqual(b.words.forEngine(), [{ word: 'Zorblaxian', count: 2 }, { word: 'the Zorblaxian', count: 1 }]);
  assert.ok(!existsSync(`${path}.${process.pid}.tmp`), 'no temp file left behind');
});

test('store: the debounced write happens once after the delay', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, FILE_NAME);
  let changes = 0;
  const s = new PersonalStore({ path, log: captureLog(), saveDelayMs: 30, onDidChange: () => changes++ });
  s.load();
  s.record(['alpha']);
  s.record(['beta']);
  assert.ok(!existsSync(path));
  await new Promise((r) => setTimeout(r, 80));
  assert.ok(existsSync(path));
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(path, 'utf8')).words).sort(), ['alpha', 'beta']);
  assert.ok(changes >= 3);
  s.dispose();
});

test('store: two windows writing the same file keep both windows\' words', (t) => {
  const path = join(tempDir(t), FILE_NAME);
  const a = new PersonalStore({ path, log: captureLog(), saveDelayMs: 60_000 });
  const b = new PersonalStore({ path, log: captureLog(), saveDelayMs: 60_000 });
  a.load();
  b.load();
  a.record(['alpha', 'shared']);
  b.record(['beta', 'shared']);
  a.save();
  b.save();
  assert.deepEqual(new Map(b.words.forEngine().map((e) => [e.word, e.count])), new Map([['shared', 2], ['alpha', 1], ['beta', 1]]));
  const file = JSON.parse(readFileSync(path, 'utf8'));
  assert.deepEqual(Object.keys(file.words).sort(), ['alpha', 'beta', 'shared']);
  assert.equal(file.words.shared.count, 2);
  a.dispose();
  b.dispose();
});

test('store: clear empties the dictionary and the file; remove forgets one entry', (t) => {
  const path = join(tempDir(t), FILE_NAME);
  const s = new PersonalStore({ path, log: captureLog(), saveDelayMs: 60_000 });
  s.load();
  s.record(['alpha', 'beta', 'gamma']);
  s.save();
  assert.ok(s.remove('beta'));
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(path, 'utf8')).words).sort(), ['alpha', 'gamma']);
  s.record(['delta']);
  s.clear();
  assert.equal(s.words.size, 0);
  assert.ok(!s.dirty, 'nothing pending after a clear');
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { version: 1, words: {} });
  s.dispose();
  const again = new PersonalStore({ path, log: captureLog() });
  again.load();
  assert.equal(again.words.size, 0);
});

test('store: a corrupt or unknown-version file is reset with a warning and kept aside', (t) => {
  const dir = tempDir(t);
  const path = join(dir, FILE_NAME);
  for (const text of ['{"version":1,"words":{"alpha":', JSON.stringify({ version: 7, words: { alpha: { count: 1, last: 1 } } })]) {
    writeFileSync(path, text);
    const log = captureLog();
    const s = new PersonalStore({ path, log, saveDelayMs: 60_000 });
    assert.doesNotThrow(() => s.load());
    assert.equal(s.words.size, 0);
    assert.equal(log.warnings.length, 1);
    assert.match(log.warnings[0], /was reset because/);
    assert.equal(readFileSync(`${path}.bad`, 'utf8'), text);
    s.record(['beta']);
    s.dispose();
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(path, 'utf8')).words), ['beta']);
  }
});

test('settings: learning defaults, and the built-in exclusions cannot be removed', () => {
  const d = clampSettings({}).settings;
  assert.equal(d.learningEnabled, true);
  assert.equal(d.learningDocumentCache, true);
  assert.deepEqual(d.learningExclude, DEFAULT_LEARNING_EXCLUDE);
  const r = clampSettings({ 'learning.enabled': false, 'learning.documentCache': false, 'learning.exclude': [' **/drafts/** ', ''] });
  assert.equal(r.settings.learningEnabled, false);
  assert.equal(r.settings.learningDocumentCache, false);
  assert.deepEqual(r.settings.learningExclude, [...DEFAULT_LEARNING_EXCLUDE, '**/drafts/**']);
  assert.deepEqual(clampSettings({ 'learning.exclude': [] }).settings.learningExclude, DEFAULT_LEARNING_EXCLUDE);
  assert.equal(clampSettings({ 'learning.exclude': 'x' }).warnings.length, 1);
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.deepEqual(pkg.contributes.configuration.properties['predictiveKeyboard.learning.exclude'].default, DEFAULT_LEARNING_EXCLUDE);
  const commands = pkg.contributes.commands.map((c: { command: string }) => c.command);
  assert.ok(commands.includes('predictiveKeyboard.showPersonalDictionary') && commands.includes('predictiveKeyboard.clearPersonalDictionary'));
});
