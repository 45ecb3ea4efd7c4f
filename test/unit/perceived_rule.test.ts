/**
 * The perceived-latency benchmark's rule for "ghost text on screen" (test/e2e/perceived_rule.ts),
 * on timelines seen in real runs of `npm run bench:perceived`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ghostBefore, ghostVerdict, type GhostRecord } from '../e2e/perceived_rule';

const STABLE = 50;

test('a leftover redraw of the old ghost text after a non-matching key does not count; the answer does', () => {
  // Seen with the instant floor: key at 100, "~ " (the old "~ floor" cut where the line wraps)
  // for 15 ms, blank, then the fresh answer.
  const ghosts: GhostRecord[] = [[0, '~ floor'], [105, '~ '], [120, ''], [195, '~ floor']];
  assert.deepEqual(ghostVerdict(ghosts, 100, STABLE, 400), { state: 'shown', atMs: 195, text: '~ floor' });
  // The leftover alone, before the answer came: nothing yet.
  assert.deepEqual(ghostVerdict(ghosts.slice(0, 3), 100, STABLE, 150), { state: 'none' });
});

test('a leftover that the answer replaces directly is still told apart only by time', () => {
  // Blank after 40 ms: a leftover. Blank after exactly STABLE ms: on screen long enough.
  assert.deepEqual(ghostVerdict([[140, 'old'], [180, ''], [230, 'new']], 100, STABLE, 400), { state: 'shown', atMs: 230, text: 'new' });
  assert.deepEqual(ghostVerdict([[140, 'old'], [190, '']], 100, STABLE, 400), { state: 'shown', atMs: 140, text: 'old' });
});

test('typing through the ghost text counts when VS Code redraws it shorter', () => {
  const ghosts: GhostRecord[] = [[0, 'will'], [125, 'ill']];
  assert.deepEqual(ghostVerdict(ghosts, 100, STABLE, 300), { state: 'shown', atMs: 125, text: 'ill' });
  assert.equal(ghostBefore(ghosts, 100), 'will');
});

test('ghost text that grows from a word into a phrase counts from the word', () => {
  assert.deepEqual(ghostVerdict([[0, ''], [120, 'the'], [140, 'the same time']], 100, STABLE, 300), { state: 'shown', atMs: 120, text: 'the' });
});

test('a candidate not yet on screen for STABLE ms is pending, with the time to look again', () => {
  assert.deepEqual(ghostVerdict([[120, 'the']], 100, STABLE, 150), { state: 'pending', recheckAtMs: 170 });
  assert.deepEqual(ghostVerdict([[120, 'the']], 100, STABLE, 170), { state: 'shown', atMs: 120, text: 'the' });
});

test('ghost text from before the key, blank or whitespace-only text, and no change at all are not an answer', () => {
  assert.deepEqual(ghostVerdict([[50, 'old']], 100, STABLE, 1000), { state: 'none' });
  assert.deepEqual(ghostVerdict([[50, 'old'], [110, ''], [130, '  ']], 100, STABLE, 1000), { state: 'none' });
  assert.deepEqual(ghostVerdict([], 100, STABLE, 1000), { state: 'none' });
  assert.equal(ghostBefore([], 100), '');
  // A change at the keydown's own timestamp is after it (the render follows the key).
  assert.deepEqual(ghostVerdict([[100, 'x']], 100, STABLE, 200), { state: 'shown', atMs: 100, text: 'x' });
  assert.equal(ghostBefore([[100, 'x']], 100), '');
});
