// Learning only real words (issue 17 §6): what an edit must show before a word is learned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finishedByEdit } from '../../src/extension/learning/extract';
import { acceptedWord, evidenceFor, Sightings, worthLearning } from '../../src/extension/learning/evidence';

function learn(before: string, inserted: string, sightings = new Sightings()): { words: string[]; phrases: string[] } {
  return worthLearning(finishedByEdit(before, inserted), before, inserted, sightings);
}

test('learning evidence: Enter ending a line mid-thought learns nothing (`wea`, `the wea`)', () => {
  assert.deepEqual(learn('I think the wea', '\n'), { words: [], phrases: [] });
  assert.deepEqual(learn('Groceries for the weekend', '\n'), { words: [], phrases: [] });
  assert.deepEqual(learn('Zorblaxian', '\r\n'), { words: [], phrases: [] });
  // Twice is still no evidence: each time the line simply ended there.
  const s = new Sightings();
  learn('the wea', '\n', s);
  assert.deepEqual(learn('the wea', '\n', s).words, []);
});

test('learning evidence: punctuation before Enter finishes the sentence, so the word counts', () => {
  assert.deepEqual(learn('It was the weekend.', '\n').words, ['weekend']);
});

test('learning evidence: a long word ended by a space or punctuation is learned at once', () => {
  assert.deepEqual(learn('We met the Zorblaxian', ' '), { words: ['Zorblaxian'], phrases: ['the Zorblaxian'] });
  assert.deepEqual(learn('see the envoy,', ' ').words, ['envoy']);
  assert.equal(evidenceFor('done', 'all done', ' '), 'strong');
});

test('learning evidence: a short word ended by a space is learned the second time', () => {
  const s = new Sightings();
  assert.deepEqual(learn('Dear Sam,', ' ', s), { words: [], phrases: [] });
  assert.deepEqual(learn('Dear Sam,', ' ', s), { words: ['Sam'], phrases: ['dear Sam'] });
  // Learned, then forgotten here: a third sighting starts over.
  assert.deepEqual(learn('Dear Sam,', ' ', s).words, []);
  assert.equal(evidenceFor('wea', 'the wea', ' '), 'weak');
  assert.equal(evidenceFor('cat', 'a cat', '.'), 'weak');
});

test('learning evidence: an accepted suggestion or strip pick is learned whatever its length', () => {
  assert.deepEqual(learn('I hope to see ', 'you '), { words: ['you'], phrases: ['see you'] });
  assert.deepEqual(learn('The ', 'cat sat'), { words: ['cat'], phrases: ['the cat'] });
  assert.equal(evidenceFor('you', 'see ', 'you '), 'strong');
});

test('learning evidence: sightings are bounded', () => {
  const s = new Sightings();
  for (let i = 0; i < 1500; i++) s.sight(`w${i}`);
  assert.equal(s.sight('w0'), false, 'the oldest was forgotten');
  assert.equal(s.sight('w1499'), true);
});

test('learning evidence: ghost text accepted without its space, then a typed space, counts as accepted', () => {
  // Tab inserted "at" after "The c"; the person then typed the space.
  assert.deepEqual(worthLearning(finishedByEdit('The cat', ' '), 'The cat', ' ', new Sightings(), 'cat'), { words: ['cat'], phrases: ['the cat'] });
  assert.deepEqual(worthLearning(finishedByEdit('The cat', ' '), 'The cat', ' ', new Sightings(), 'dog').words, []);
  assert.equal(acceptedWord('We want to the evening'), 'evening');
  assert.equal(acceptedWord('The robot walked'), 'walked');
  assert.equal(acceptedWord("don't"), "don't");
  assert.equal(acceptedWord('...'), undefined);
});
