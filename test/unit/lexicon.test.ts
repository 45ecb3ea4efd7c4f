import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEnglishWord, lexiconCovers, loadLexicon } from '../../src/engine/lexicon';

test('the bundled word list is the whole package list, searchable from its first to its last word', () => {
  // an-array-of-english-words 2.x: 274,937 words; the bundle keeps them as one joined string.
  assert.equal(loadLexicon(), 274937);
  for (const word of ['a', 'aa', 'running', 'morning', 'zyzzyva', 'zyzzyvas']) assert.equal(isEnglishWord(word), true, word);
});

test('glued letters, names and the spaces between list entries are not words', () => {
  for (const word of ['runningo', 'tomore', 'iphost', 'canly', 'zzzzzz', 'aaa', '']) assert.equal(isEnglishWord(word), false, word);
});

test('the bundle carries the list as one string (the build plugin in scripts/build.mjs matched)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundled form is what is under test
  const bundled = require('an-array-of-english-words') as unknown;
  assert.equal(typeof bundled, 'string', 'the package came in as an array: ~40 MB more worker memory');
});

test('case, accents and apostrophe endings fold onto the list', () => {
  for (const word of ['Morning', 'RUNNING', 'résumé', "don't", 'don\u2019t', "isn't", "cousins'", "we're"]) assert.equal(isEnglishWord(word), true, word);
  for (const word of ["don'", "runningo's", "cousin'"]) assert.equal(isEnglishWord(word), false, word);
  assert.equal(lexiconCovers('Straße'), false);
  assert.equal(lexiconCovers("don't"), true);
});
