import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitAtCursor } from '../../src/engine/cursor_context';
import { trailingWord, isAllWordChars } from '../../src/engine/word_chars';
import { chooseWindow } from '../../src/engine/context_window';
import { END_OF_TEXT } from '../../src/engine/vocabulary';

test('the typed part of a word is split off with its leading space', () => {
  assert.deepEqual(splitAtCursor('The rob'), { contextEnd: 3, tail: '', typed: 'rob', required: ' rob', allowLeadingSpace: false, allowUnspaced: true, wordMayStart: true, shouting: false, capsLock: false, lineStart: false });
  assert.deepEqual(splitAtCursor('The '), { contextEnd: 3, tail: '', typed: '', required: ' ', allowLeadingSpace: false, allowUnspaced: true, wordMayStart: true, shouting: false, capsLock: false, lineStart: false });
  assert.deepEqual(splitAtCursor(''), { contextEnd: 0, tail: '', typed: '', required: '', allowLeadingSpace: false, allowUnspaced: true, wordMayStart: true, shouting: false, capsLock: false, lineStart: false });
});

test('caps lock: three shouted words, two of them English, or a line of two shouted words, shout the next word; a run of acronyms does not', () => {
  const cases: Array<[string, boolean, boolean]> = [
    // text, shouting, capsLock
    ['PLEASE DO NOT ', true, true],
    ['WARNING: DO NOT REMOVE THE ', true, true],
    ['PLEASE DO NOT T', true, true],
    ['WELCOME TO THE UNITED', true, true],
    ['Welcome to the UNITED', true, false],
    // A line so far of two English words (or a place's or date's name) in capitals ("HAPPY NEW "
    // offered "year"); two acronyms, or two shouted words after lower-case ones, are none.
    ['DO NOT ', true, true],
    ['HAPPY NEW ', true, true],
    ['MERRY CHRISTMAS ', true, true],
    ['# SPECIAL OFFER ', true, true],
    ['USB HID ', false, false],
    ['Please call the IT DEPT ', false, false],
    ['DO NOT\n\n', false, false],
    ['I use the NASA API ', false, false],
    ['the AWS EC2 API ', false, false],
    ['PLEASE DO NOT t', false, false],
    ['THIS IS A ', true, true],
    ['# INSTALLATION GUIDE FOR LINUX\n\n', false, false],
    ['IMPORTANT NOTICE FOR ALL USERS\n', false, false],
    ['#define MAX_BUFFER_SIZE ', false, false],
  ];
  for (const [text, shouting, capsLock] of cases) {
    const cursor = splitAtCursor(text);
    assert.deepEqual([cursor.shouting, cursor.capsLock], [shouting, capsLock], JSON.stringify(text));
  }
});

test('after punctuation a next word may bring its own space; after a newline it may not', () => {
  assert.equal(splitAtCursor('Hello,').allowLeadingSpace, true);
  assert.equal(splitAtCursor('Hello,').required, '');
  assert.equal(splitAtCursor('Hello\n').allowLeadingSpace, false);
  assert.equal(splitAtCursor('(rob').required, 'rob');
  assert.equal(splitAtCursor('(rob').contextEnd, 1);
});

test('after closing emphasis or a closed code span the next word takes a space; after an opening one it is glued on', () => {
  const cases: Array<[string, boolean]> = [
    ['This is **bold**', true], ['It was *very*', true], ['It was _very_', true], ['The ~~old~~', true],
    ['Run `npm install`', true], ['**Note:**', true],
    ['This is **', false], ['This is *', false], ['snake_', false], ['Run `', false], ['a ~', false], ['2 * 3 *', false],
    ['Raise the limit with MAX_RETRY_', false], ['a*b*', false], ['2*3*', false], ['a_b_c_', false], ['(_very_', true], ['"**Note**', true],
  ];
  const got = cases.map(([text]) => {
    const cursor = splitAtCursor(text);
    return [text, cursor.wordMayStart && cursor.allowLeadingSpace && !cursor.allowUnspaced] as [string, boolean];
  });
  assert.deepEqual(got, cases);
  assert.equal(splitAtCursor('This is **').wordMayStart, true);
  assert.equal(splitAtCursor('Run `npm`').required, '');
});

test('apostrophes belong inside words but do not open them', () => {
  assert.equal(trailingWord("I don'"), "don'");
  assert.equal(trailingWord("say 'hel"), 'hel');
  assert.equal(trailingWord('naïve café'), 'café');
  assert.equal(trailingWord('emoji 😀'), '');
  assert.equal(trailingWord('日本語'), '日本語');
  assert.equal(isAllWordChars("robot's"), true);
  assert.equal(isAllWordChars('a-b'), false);
});

const fakeEncode = (text: string): number[] => text.split(/(?=\s)/u).filter((s) => s.length > 0).map((s) => s.length);

test('a window keeps its start while the text fits, so the KV cache stays valid', () => {
  const text = 'one two three four five';
  const first = chooseWindow(text, 0, 64, undefined, fakeEncode);
  assert.equal(first.start, 0);
  assert.equal(first.ids[0], END_OF_TEXT);
  const second = chooseWindow(text + ' six', 0, 64, first.start, fakeEncode);
  assert.equal(second.start, 0);
  assert.deepEqual(second.ids.slice(0, first.ids.length), first.ids);
});

test('an overflowing window slides to a whitespace boundary and leaves room to grow', () => {
  const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
  const window = chooseWindow(words, 1000, 64, 1000, fakeEncode);
  assert.ok(window.ids.length <= 64 - 16, `window holds ${window.ids.length} ids`);
  assert.ok(window.ids.length > 20);
  assert.ok(window.start > 1000);
  assert.match(words[window.start - 1000 - 1], /\s/);
  // Typing a little more keeps the new start.
  const next = chooseWindow(words + ' more', 1000, 64, window.start, fakeEncode);
  assert.equal(next.start, window.start);
});

test('one huge word without whitespace still gives a bounded window', () => {
  const blob = 'x'.repeat(100_000);
  const window = chooseWindow(blob, 0, 32, undefined, (t) => Array.from({ length: Math.ceil(t.length / 3) }, () => 7));
  assert.ok(window.ids.length <= 32);
});
