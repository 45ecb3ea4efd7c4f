// Where predictions go in the document (src/extension/edit_range.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextStart, inlineTexts, pickInsertion, replaceStartColumn } from '../../src/extension/edit_range';

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

test('edit range: in a long document the window start stays put while a person types', () => {
  const starts = new Set<number>();
  for (let cursor = 40_001; cursor <= 40_500; cursor++) {
    const start = contextStart(cursor);
    assert.ok(cursor - start <= 32_000 && cursor - start >= 28_000, `${cursor}: ${start}`);
    starts.add(start);
  }
  assert.deepEqual([...starts], [12_000]);
  // It moves on by a step when the text before the cursor outgrows the window.
  assert.equal(contextStart(44_001), 16_000);
});

test('edit range: strip pick adds a space unless one follows', () => {
  assert.deepEqual(pickInsertion('robot', undefined), { text: 'robot ', skipFollowingSpace: false });
  assert.deepEqual(pickInsertion('robot', ' '), { text: 'robot', skipFollowingSpace: true });
  // No automatic space before closing punctuation (issue 15); none at all with autoSpace off.
  assert.deepEqual(pickInsertion(' The', '.'), { text: ' The', skipFollowingSpace: false });
  assert.deepEqual(pickInsertion('robot', ')'), { text: 'robot', skipFollowingSpace: false });
  assert.deepEqual(pickInsertion('robot', undefined, false), { text: 'robot', skipFollowingSpace: false });
});

test('edit range: one item on automatic triggers, ranked list when cycling', () => {
  assert.deepEqual(inlineTexts('robot is', ['robot', 'robots', 'robotic'], false), ['robot is']);
  assert.deepEqual(inlineTexts('robot is', ['robot', 'robots', 'robotic'], true), ['robot is', 'robots', 'robotic']);
  assert.deepEqual(inlineTexts('robot', ['robot', 'robots'], true), ['robot', 'robots']);
  assert.deepEqual(inlineTexts('', [], true), []);
  // No phrase (the next word below ghostMinProbability): nothing until the person asks.
  assert.deepEqual(inlineTexts('', ['x'], false), []);
  assert.deepEqual(inlineTexts('', ['x', 'y'], true), ['x', 'y']);
});
