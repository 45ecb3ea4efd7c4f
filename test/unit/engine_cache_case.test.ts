// A word the document capitalises only at sentence starts (`We`) is offered lower-case in the
// middle of a sentence, even when the model spells it with a capital (issue 17 §6: `to be We`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blendWithCaches } from '../../src/engine/cache_blend';
import { WordCache } from '../../src/engine/cache_lm';
import { splitAtCursor } from '../../src/engine/cursor_context';
import type { WordHypothesis } from '../../src/engine/word_search';

const DOC = 'It was a long evening. We want to the sea. We said so. We walked home. Then Presage ran. We met Presage. ';
const encode = (t: string): number[] => [...t].map((c) => c.charCodeAt(0));

function blend(context: string, found: WordHypothesis[]): WordHypothesis[] {
  const cache = new WordCache();
  cache.add(DOC);
  const cursor = splitAtCursor(context);
  return blendWithCaches(found, [{ cache, lambda: 0.1 }], cursor, context.slice(0, cursor.contextEnd), encode);
}

const hyp = (word: string, probability: number): WordHypothesis => ({ word, text: word, probability, tokens: [1] });

test('cache case: the model\'s capitalised "We" mid-sentence becomes "we" when the document only capitalises it at sentence starts', () => {
  const out = blend(DOC + 'I would like to be ', [hyp('We', 0.02), hyp('there', 0.3)]);
  const words = out.map((h) => h.word);
  assert.ok(words.includes('we'), words.join(', '));
  assert.ok(!words.includes('We'), words.join(', '));
});

test('cache case: names keep their capitals mid-sentence, and a sentence start keeps the model\'s capital', () => {
  assert.ok(blend(DOC + 'I like ', [hyp('presage', 0.02)]).some((h) => h.word === 'Presage'));
  const start = blend(DOC + 'It rained. ', [hyp('We', 0.2)]);
  assert.equal(start.find((h) => h.word.toLowerCase() === 'we')?.word, 'We');
});

test('cache case: a given name the document writes only at sentence starts keeps the model\'s capitals mid-sentence', () => {
  // "John" and "Tom" are also words of the English list (a john, a tom cat); "We" is no given name.
  const cache = new WordCache();
  const doc = 'John went home. Tom called later. We ate. ';
  cache.add(doc);
  for (const [context, name] of [['Then John and ', 'John'], ['I told Tom and ', 'Tom']] as const) {
    const text = doc + context;
    const cursor = splitAtCursor(text);
    const out = blendWithCaches([hyp(name, 0.02), hyp('the', 0.3)], [{ cache, lambda: 0.1 }], cursor, text.slice(0, cursor.contextEnd), encode);
    const words = out.map((h) => h.word);
    assert.ok(words.includes(name) && !words.includes(name.toLowerCase()), `${context}: ${words.join(', ')}`);
  }
  const text = doc + 'I would like to be ';
  const cursor = splitAtCursor(text);
  const we = blendWithCaches([hyp('We', 0.02)], [{ cache, lambda: 0.1 }], cursor, text.slice(0, cursor.contextEnd), encode);
  assert.equal(we[0].word, 'we');
});
