// The strip while cycling (issue 17 §3), what Alt+] / Alt+[ walk through, and the status item's
// screen-reader label (§5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cycleTexts } from '../../src/extension/edit_range';
import { statusAccessibleLabel } from '../../src/extension/status_text';
import { stripAccessibleLabel, stripLayout, stripTextOf, stripTooltipOf } from '../../src/extension/strip_text';

const WORDS = ['robot', 'robots', 'robotic', 'robe', 'robotically'];

test('strip layout: the first strip.size candidates, none marked until the person cycles', () => {
  assert.deepEqual(stripLayout(5, 3), { shown: [0, 1, 2], marked: undefined });
  assert.equal(stripTextOf(WORDS, stripLayout(5, 3)), 'robot · robots · robotic');
  assert.deepEqual(stripLayout(2, 3), { shown: [0, 1], marked: undefined });
  assert.deepEqual(stripLayout(0, 3), { shown: [], marked: undefined });
});

test('strip layout: the candidate in the ghost text is marked, candidates 4 and up are shown too', () => {
  assert.equal(stripTextOf(WORDS, stripLayout(5, 3, 1)), 'robot · [robots] · robotic');
  assert.equal(stripTextOf(WORDS, stripLayout(5, 3, 0)), '[robot] · robots · robotic');
  assert.deepEqual(stripLayout(5, 3, 4), { shown: [0, 1, 2, 4], marked: 4 });
  assert.equal(stripTextOf(WORDS, stripLayout(5, 3, 4)), 'robot · robots · robotic · [robotically]');
  // Out of range: nothing marked, nothing added.
  assert.deepEqual(stripLayout(5, 3, 7), { shown: [0, 1, 2], marked: undefined });
});

test('strip tooltip and screen-reader label name each key and the marked word in plain words', () => {
  const layout = stripLayout(5, 3, 4);
  const tip = stripTooltipOf(WORDS, layout, (n) => `Ctrl+Alt+${n}`);
  assert.match(tip, /Ctrl\+Alt\+5 {2}robotically {2}\(in the ghost text\)/);
  assert.doesNotMatch(tip, /Ctrl\+Alt\+4/);
  assert.equal(stripAccessibleLabel(WORDS, layout), 'Suggestions: 1 robot, 2 robots, 3 robotic, 5 robotically (in the ghost text)');
  assert.equal(stripAccessibleLabel([], stripLayout(0, 3)), 'No suggestions');
});

test('cycle list: the best candidate as the whole phrase, then the others, each with its rank', () => {
  assert.deepEqual(cycleTexts(' robot walked in', [' robot', ' robots', ' robotic'], ''), [
    { index: 0, text: ' robot walked in' },
    { index: 1, text: ' robots' },
    { index: 2, text: ' robotic' },
  ]);
  // Mid-word: a candidate equal to the typed part is not a change, so it is not offered.
  assert.deepEqual(cycleTexts('rob', ['rob', 'robot', 'robe'], 'rob'), [
    { index: 1, text: 'robot' },
    { index: 2, text: 'robe' },
  ]);
  assert.deepEqual(cycleTexts('', [], ''), []);
  assert.deepEqual(cycleTexts(' a', [' a', ' a'], ''), [{ index: 0, text: ' a' }]);
});

test('status item: its accessible name is plain words, not the tooltip Markdown', () => {
  assert.equal(statusAccessibleLabel({ enabled: true, state: 'ready', model: 'prose-gpt2' }), 'Predictive Keyboard: on, ready. Model prose-gpt2.');
  assert.equal(statusAccessibleLabel({ enabled: false, state: 'off', model: 'embedded prose model' }), 'Predictive Keyboard: off. Model embedded prose model.');
  const withError = statusAccessibleLabel({ enabled: true, state: 'error', model: 'gpt2', error: 'model.onnx\nis missing' });
  assert.equal(withError, 'Predictive Keyboard: on, error. Model gpt2. Error: model.onnx is missing');
  assert.doesNotMatch(withError, /[*\\&]/);
});
