// The suggestion strip's text (src/extension/strip_text.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripText, stripLabel, stripTooltip, pickKeyLabel } from '../../src/extension/strip_text';

test('strip: text and labels', () => {
  assert.equal(stripText(['robot', 'robots', 'robotic', 'robe'], 3), 'robot · robots · robotic');
  assert.equal(stripText([' the', 'a'], 1), 'the');
  assert.equal(stripText([], 3), '');
  assert.equal(stripLabel('$(alert)'), '$\u200b(alert)');
  assert.equal(stripLabel('x'.repeat(40)).length, 24);
  assert.match(stripTooltip(['a', 'b'], 3, (n) => pickKeyLabel(n, 'linux')), /Ctrl\+Alt\+2 {2}b/);
});
