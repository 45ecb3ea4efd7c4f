/** SortedLines (src/engine/sorted_lines.ts) answers exactly as a Set of its lines would. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SortedLines } from '../../src/engine/sorted_lines';

const sorted = (words: string[]): string[] => [...new Set(words)].sort();

test('every line is found and nothing else: prefixes, extensions, neighbours, the empty string', () => {
  const words = sorted(['a', 'ab', 'abc', 'abd', 'b', "father's day", 'new year', "new year's", 'zz', 'zzz']);
  const lines = new SortedLines(words.join('\n'));
  assert.equal(lines.size, words.length);
  for (const word of words) assert.equal(lines.has(word), true, word);
  for (const word of ['', 'aa', 'abcd', 'ac', 'new', 'new year ', "father's", 'z', 'zzzz', 'A', '\n', 'ab\nabc']) assert.equal(lines.has(word), false, JSON.stringify(word));
});

test('code-unit order holds beyond ASCII: accents, capitals, astral characters', () => {
  const words = sorted(['Zoë', 'café', 'cafe', 'caff', 'naïve', 'émigré', 'Émile', '😀 smile', 'z']);
  const lines = new SortedLines(words.join('\n'));
  for (const word of words) assert.equal(lines.has(word), true, word);
  for (const word of ['cafè', 'Cafe', 'naive', 'emigre', '😀', 'smile']) assert.equal(lines.has(word), false, word);
});

test('agrees with a Set on random lists and probes', () => {
  let seed = 12345;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const word = (): string => Array.from({ length: 1 + Math.floor(random() * 4) }, () => "ab'é "[Math.floor(random() * 5)]).join('');
  for (let round = 0; round < 50; round++) {
    const words = sorted(Array.from({ length: Math.floor(random() * 40) }, word).filter((w) => w !== ''));
    const lines = new SortedLines(words.join('\n'));
    const set = new Set(words);
    assert.equal(lines.size, set.size);
    for (let probe = 0; probe < 200; probe++) {
      const w = word();
      assert.equal(lines.has(w), set.has(w), `${JSON.stringify(w)} in ${JSON.stringify(words)}`);
    }
  }
});

test('an empty text has no lines', () => {
  const lines = new SortedLines('');
  assert.equal(lines.size, 0);
  assert.equal(lines.has(''), false);
  assert.equal(lines.has('a'), false);
});
