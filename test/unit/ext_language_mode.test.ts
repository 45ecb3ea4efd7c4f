// Which documents get predictions (src/extension/language_mode.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languageMode, predictedIn } from '../../src/extension/language_mode';
import { DEFAULTS } from '../../src/extension/settings';

test('language mode: prose languages everywhere, code only in comments when asked, nothing while off', () => {
  const doc = (languageId: string) => ({ languageId });
  assert.equal(languageMode(doc('markdown'), DEFAULTS), 'prose');
  assert.equal(languageMode(doc('typescript'), DEFAULTS), undefined);
  assert.equal(languageMode(doc('typescript'), { ...DEFAULTS, commentsEnabled: true }), 'comments');
  assert.equal(languageMode(doc('json'), { ...DEFAULTS, commentsEnabled: true }), undefined, 'no comment syntax, no predictions');
  assert.equal(predictedIn(doc('markdown'), DEFAULTS), 'prose');
  assert.equal(predictedIn(doc('markdown'), { ...DEFAULTS, enabled: false }), undefined);
  assert.equal(languageMode(doc('markdown'), { ...DEFAULTS, enabled: false }), 'prose', 'the Inspector still reads the language alone');
});
