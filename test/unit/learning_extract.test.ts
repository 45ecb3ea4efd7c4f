// Which words an edit finishes (typing, accepted ghost text, strip picks), and what is never learned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finishedByEdit } from '../../src/extension/learning/extract';

test('learning extract: a typed space finishes the word before it', () => {
  assert.deepEqual(finishedByEdit('We met the Zorblaxian', ' '), { words: ['Zorblaxian'], phrases: ['the Zorblaxian'] });
  assert.deepEqual(finishedByEdit('Dear Sam,', ' ').words, ['Sam']);
  assert.deepEqual(finishedByEdit('Dear Sam,', ' ').phrases, ['dear Sam']);
  assert.deepEqual(finishedByEdit('the end.', '\n').words, ['end']);
});

test('learning extract: a field or a title keeps no capital, a name does (as the document cache reads them)', () => {
  assert.deepEqual(finishedByEdit('Bump Standards-Version to 4.5.0 (Closes: #990229). Thanks, Paul Wise', ' ').words, ['Wise']);
  assert.deepEqual(finishedByEdit('Bump Standards-Version', ' ').words, ['standards', 'version']);
  assert.deepEqual(finishedByEdit('no changes (Closes:', ' ').words, ['closes']);
  assert.deepEqual(finishedByEdit('Reviewed-by: Mark', ' ').words, ['mark']);
  assert.deepEqual(finishedByEdit('We met (Mark', ' ').words, ['Mark'], 'a bracket no colon closes is an aside');
  assert.deepEqual(finishedByEdit('On 2024-05-01 Mark', ' ').words, ['Mark'], 'digits and hyphens before the word are a date');
  assert.deepEqual(finishedByEdit('We use NASA-Grade', ' ').words, ['NASA', 'grade'], 'an acronym keeps its capitals, a title part does not');
});

test('learning extract: letters and punctuation alone finish nothing (the token may still become a URL)', () => {
  assert.deepEqual(finishedByEdit('We met the Zorbla', 'x'), { words: [], phrases: [] });
  assert.deepEqual(finishedByEdit('see example', '.'), { words: [], phrases: [] });
  assert.deepEqual(finishedByEdit('see example.com', ' ').words, []);
  assert.deepEqual(finishedByEdit('', ''), { words: [], phrases: [] });
});

test('learning extract: accepted ghost text and strip picks', () => {
  // Ghost text "robot walked" accepted after "The rob": the replaced part is not in `before`.
  assert.deepEqual(finishedByEdit('The ', 'robot walked'), { words: ['robot'], phrases: ['the robot'] });
  // A strip pick inserts the word and a space.
  assert.deepEqual(finishedByEdit('I hope to see ', 'Quuxinator ').words, ['Quuxinator']);
});

test('learning extract: sentence-start capitals are dropped, names keep theirs', () => {
  assert.deepEqual(finishedByEdit('It works. The', ' ').words, ['the']);
  assert.deepEqual(finishedByEdit('', 'Yesterday ').words, ['yesterday']);
  assert.deepEqual(finishedByEdit('# Meeting', ' ').words, ['meeting']);
  assert.deepEqual(finishedByEdit('It works. NASA', ' ').words, ['NASA']);
  assert.deepEqual(finishedByEdit('we met Sam', ' ').words, ['Sam']);
});

test('learning extract: secrets, addresses, URLs and numbers are never returned', () => {
  const cases: Array<[string, string]> = [
    ['password: hunter', ' '],
    ['API_KEY=', 'abcdef '],
    ['token = ', 'Zorblaxian '],
    ['write to sam@example.com', ' '],
    ['see https://example.com/path', ' '],
    ['key AKIAIOSFODNN7EXAMPLE', ' '],
    ['hash deadbeefdeadbeefdead', ' '],
    ['blob dGhpcyBpcyBhIHNlY3JldA==', ' '],
    ['call 5551234', ' '],
    ['pi is 3.14159', ' '],
    ['user:admin', ' '],
  ];
  for (const [before, inserted] of cases) {
    const { words, phrases } = finishedByEdit(before, inserted);
    for (const w of [...words, ...phrases]) assert.ok(!/hunter|abcdef|Zorblaxian|example|AKIA|deadbeef|dGhp|555|3\.14|admin/i.test(w), `${before} -> ${w}`);
  }
});

test('learning extract: pastes and multi-line insertions are not typing', () => {
  assert.deepEqual(finishedByEdit('', 'a long pasted paragraph '.repeat(5)), { words: [], phrases: [] });
  assert.deepEqual(finishedByEdit('', 'first line\nsecond line'), { words: [], phrases: [] });
  // Enter plus indentation is still typing.
  assert.deepEqual(finishedByEdit('- an item', '\n  ').words, ['item']);
});
