// A non-integer count (topK 2.7) is reported as what it is, not as out of range (issue 17 §4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clampSettings } from '../../src/extension/settings';
import { normalizeOptions } from '../../src/engine/options';

test('settings: a fractional topK, maxWords or strip.size must be a whole number', () => {
  const { settings, warnings } = clampSettings({ topK: 2.7, maxWords: 1.2, 'strip.size': 3.5 });
  assert.equal(settings.topK, 3);
  assert.equal(settings.maxWords, 1);
  assert.equal(settings.stripSize, 4);
  assert.deepEqual(warnings, [
    'predictiveKeyboard.topK: 2.7 must be a whole number (1–20); using 3',
    'predictiveKeyboard.maxWords: 1.2 must be a whole number (1–8); using 1',
    'predictiveKeyboard.strip.size: 3.5 must be a whole number (1–9); using 4',
  ]);
  // Fractional and out of range: still whole-number first, clamped into the range.
  assert.deepEqual(clampSettings({ topK: 25.5 }).warnings, ['predictiveKeyboard.topK: 25.5 must be a whole number (1–20); using 20']);
  // Whole but out of range, and fractional temperatures, keep their own messages.
  assert.match(clampSettings({ topK: 50 }).warnings[0], /50 is out of range \(allowed 1–20\)/);
  assert.deepEqual(clampSettings({ temperature: 0.7 }).warnings, []);
});

test('engine options: the CLI and the worker say the same', () => {
  const { options, warnings } = normalizeOptions({ topK: 2.7, temperature: 0.7 }, 1024);
  assert.equal(options.topK, 3);
  assert.deepEqual(warnings, ['topK must be a whole number (1–20); got 2.7, using 3.']);
});
