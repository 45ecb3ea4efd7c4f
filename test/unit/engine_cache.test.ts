import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pairContext, SENTENCE_START_KEY, WordCache, words, previousWord } from '../../src/engine/cache_lm';
import { DocumentCaches } from '../../src/engine/document_caches';
import { blendWithCaches } from '../../src/engine/cache_blend';
import { splitAtCursor } from '../../src/engine/cursor_context';
import { Engine } from '../../src/engine/engine';
import { repoRoot } from '../../src/eval/paths';

test('words are split like the keyboard splits them', () => {
  assert.deepEqual([...words("It's Presage's turn: don't stop, 42 x")].map((w) => w.word), ["It's", "Presage's", 'turn', "don't", 'stop']);
  assert.equal(previousWord('we use the Presage'), 'Presage');
});

test('the cache ranks by pair counts after the previous word, backed off to word counts', () => {
  const cache = new WordCache();
  cache.add('the robot walks. the robot talks. a rover rolls.');
  const afterThe = cache.distribution('ro', 'the');
  assert.ok((afterThe.get('robot') ?? 0) > (afterThe.get('rover') ?? 0));
  // Over all words (no prefix) the probabilities sum to one.
  const total = [...cache.distribution('', 'the').values()].reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total - 1) < 1e-9);
  assert.equal(cache.distribution('zz', 'the').size, 0);
});

test('the cache learns how this document starts its sentences and lines (a changelog starts them with verbs)', () => {
  const text = 'Bump the compat level to 12.\n\nUpdate symbols for sparc.\n\nBump policy to 4.5.0, no changes.\n\nDrop the old patch.\n\n';
  const cache = new WordCache();
  cache.add(text);
  assert.equal(pairContext(text), SENTENCE_START_KEY);
  assert.equal(pairContext('Bump the '), 'the');
  const atStart = cache.distribution('', SENTENCE_START_KEY);
  const ranked = [...atStart.entries()].sort((a, b) => b[1] - a[1]).map(([key]) => key);
  assert.deepEqual(ranked.slice(0, 3), ['bump', 'update', 'drop']);
  // Mid-sentence the pair counts after "the" decide, not the line starts.
  const afterThe = cache.distribution('', 'the');
  assert.ok((afterThe.get('compat') ?? 0) > (afterThe.get('bump') ?? 0));
  const blended = blendWithCaches([], [{ cache, lambda: 0.5 }], splitAtCursor(text), text, (t) => [t.length]);
  assert.equal(blended[0]?.word, 'Bump', 'offered at a line start with its capital');
});

test('names keep their capitals; ordinary words follow the typed case and sentence starts', () => {
  const cache = new WordCache();
  cache.add('We compared it with Presage today. The results were good. Then the team met Presage users.');
  assert.equal(cache.spelling('presage', 'pre', false), 'Presage');
  assert.equal(cache.spelling('presage', 'PRE', false), 'PRESAGE');
  assert.equal(cache.spelling('results', 'Res', false), 'Results');
  assert.equal(cache.spelling('results', '', false), 'results');
  assert.equal(cache.spelling('results', '', true), 'Results');
  // "The" only ever started sentences, so it is an ordinary word.
  assert.equal(cache.spelling('the', 'th', false), 'the');
  const headed = new WordCache();
  headed.add('ADDRESS OF THE PRESIDENT\n\nMembers of the Congress: it is');
  assert.equal(headed.spelling('of', '', false), 'of', 'an ALL-CAPS heading does not make a name');
});

test('an English word the document capitalises as a field, a title or in shouting follows lower-case typing', () => {
  // Golden cases from bench/heldout/changelog-entries.txt: a word after "control:", inside
  // "(Closes: ...)" and in a hyphenated field name is capitalised mid-sentence, and later typed in lower case.
  const cache = new WordCache();
  cache.add("control: Bump x11proto-dev dependencies.\n\nBump Standards-Version to 3.9.8. (Closes: #990229)\n\nUpdate the key with Matthieu Herrb's key. Thanks, Paul Wise! We met a Rose and used the NULL pointer with\u00a0Presage. The client MUST NOT retry. Note: Don’t panic.\n");
  assert.equal(cache.spelling('bump', 'b', false), 'bump');
  assert.equal(cache.spelling('standards', 'st', false), 'standards');
  assert.equal(cache.spelling('version', 'v', false), 'version');
  assert.equal(cache.spelling('closes', 'c', false), 'closes');
  assert.equal(cache.spelling('null', 'nu', false), 'null', 'an English word in capitals is shouted, not a name');
  assert.equal(cache.spelling('not', 'no', false), 'not');
  assert.equal(cache.spelling("don't", 'do', false), 'don’t', 'a curly apostrophe is not a capital');
  // Names keep their capitals: after a comma, a one-letter word, another name or a no-break space.
  assert.equal(cache.spelling('matthieu', 'mat', false), 'Matthieu');
  assert.equal(cache.spelling("herrb's", 'he', false), "Herrb's");
  assert.equal(cache.spelling('paul', 'pa', false), 'Paul');
  assert.equal(cache.spelling('wise', 'w', false), 'Wise');
  assert.equal(cache.spelling('rose', 'ro', false), 'Rose');
  assert.equal(cache.spelling('presage', 'pre', false), 'Presage');
  // Capitals typed, and words not yet typed, keep the document's spelling.
  assert.equal(cache.spelling('standards', 'St', false), 'Standards');
  assert.equal(cache.spelling('standards', '', false), 'standards', 'mid-sentence, before any letter');
  assert.equal(cache.spelling('standards', '', true), 'Standards', 'at a sentence start');
  assert.equal(cache.spelling('not', '', false), 'not', 'MUST NOT is shouting, not a name');
  // A Title Case heading is a title (golden case from LibreOffice help), a name in prose is a name.
  const headed = new WordCache();
  headed.add('## Test Case\n\nA test case is the unit of testing. The UnitTest service runs it.\n');
  assert.equal(headed.spelling('case', 'c', false), 'case');
  assert.equal(headed.spelling('unittest', 'uni', false), 'UnitTest');
  // Dates, times, page ranges and asides before a name leave it a name.
  const dated = new WordCache();
  dated.add('On 2024-05-01 Mark signed. We met at 9:00 Grace and I. Pages 10-12 Smith argues (Will was late).');
  for (const [key, typed, name] of [['mark', 'ma', 'Mark'], ['grace', 'gr', 'Grace'], ['smith', 'sm', 'Smith'], ['will', 'wi', 'Will']]) assert.equal(dated.spelling(key, typed, false), name);
  // Typed on word by word, a title's first part is known only once the hyphen comes: "Standards-".
  const typing = new DocumentCaches();
  const typed = 'Bump Standards-Version to 4.5.0.\n\nUpdate the st';
  // The engine counts the text before the word being typed.
  const before = (end: number): string => typed.slice(0, end).replace(/[\p{L}\p{N}'’]+$/u, '');
  for (let end = 1; end <= typed.length; end++) typing.update('doc', before(end), 0);
  assert.equal(typing.update('doc', before(typed.length), 0).spelling('standards', 'st', false), 'standards');
  // A name after a field's colon counts from its second use in prose.
  const reviewed = new WordCache();
  reviewed.add('Reviewed-by: Mark Brown\nReviewed-by: Mark Brown\n');
  assert.equal(reviewed.spelling('brown', 'br', false), 'Brown');
  assert.equal(reviewed.spelling('mark', 'ma', false), 'mark', 'only ever written after a colon');
});

test('the blend keeps the typed case of an English word the document capitalises', () => {
  const cache = new WordCache();
  cache.add('Bump Standards-Version to 4.5.0. ');
  const found = [{ word: 'standards', text: 'standards', probability: 0.2, tokens: [1] }];
  const cursor = splitAtCursor('Bump the s');
  const blended = blendWithCaches(found, [{ cache, lambda: 0.3 }], cursor, 'Bump the ', () => [9]);
  assert.equal(blended[0]?.word, 'standards');
});

test('appending to a document counts only the new words, exactly like a recount', () => {
  const text = 'Alpha beta gamma. Delta epsilon alpha beta. '.repeat(20);
  const caches = new DocumentCaches();
  // The engine's context always ends before the word being typed, i.e. at a word boundary.
  for (let end = 10; end <= text.length; end++) if (text[end] === ' ') caches.update('doc', text.slice(0, end), 0);
  const incremental = caches.update('doc', text, 0);
  const fresh = new WordCache();
  fresh.add(text);
  assert.equal(incremental.total, fresh.total);
  assert.deepEqual(incremental.distribution('', 'beta'), fresh.distribution('', 'beta'));
  // A tail that slides forward (long documents send only their end) still counts incrementally.
  const slid = caches.update('doc', text.slice(100) + ' zeta', 100);
  assert.equal(slid.total, fresh.total + 1);
});

test('a forked document (a prepared answer) counts only what it adds, and never into the original', () => {
  const text = 'Anna and Bruno walked to the market. Anna bought apples and Bruno bought bread. ';
  const caches = new DocumentCaches();
  const original = caches.update('doc', text, 0);
  const before = original.distribution('', 'anna');
  caches.fork('doc', 'doc\u0000prepared0');
  const copy = caches.update('doc\u0000prepared0', text + 'Anna sold pears ', 0);
  const fresh = new WordCache();
  fresh.add(text + 'Anna sold pears ');
  assert.equal(copy.total, fresh.total);
  assert.deepEqual(copy.distribution('', 'anna'), fresh.distribution('', 'anna'));
  assert.deepEqual(caches.update('doc', text, 0).distribution('', 'anna'), before, 'the original is untouched');
  assert.notEqual(copy, original);
  // Forking a document nobody counted leaves nothing behind: the copy is counted afresh.
  caches.fork('unknown', 'x');
  assert.equal(caches.update('x', 'one two three ', 0).total, 3);
});

test('blending mixes whole-word probabilities: (1 - λ) GPT-2 + λ cache', () => {
  const cache = new WordCache();
  cache.add('I like Presage a lot. ');
  // Cached words: like, Presage, lot; with λ = 0.3 Presage gets 0.3 · 1/3.
  const cursor = splitAtCursor('I use Pre');
  const found = [{ word: 'Present', text: 'Present', probability: 0.02, tokens: [1] }, { word: 'Press', text: 'Press', probability: 0.01, tokens: [2] }];
  const blended = blendWithCaches(found, [{ cache, lambda: 0.3 }], cursor, 'I use', () => [7]);
  assert.deepEqual(blended.map((h) => h.word), ['Presage', 'Present', 'Press']);
  assert.ok(Math.abs(blended[0].probability - 0.3 / 3) < 1e-9, `Presage ${blended[0].probability}`);
  assert.ok(Math.abs(blended[1].probability - 0.7 * 0.02) < 1e-9);
  assert.deepEqual(blended[0].tokens, [7]);
});

test('a new word is learned from one use in the document and offered when its prefix is typed again', async () => {
  const engine = await Engine.load(join(repoRoot(), 'test', 'fixtures', 'models', 'own'), { threads: 1 });
  try {
    const text = 'Yesterday we benchmarked Zorbulax on the new machine. It was fast. Tomorrow we will run Zor';
    const withCache = await engine.predict({ docId: 'learn', text, textOffset: 0, options: { topK: 3, maxWords: 1 } });
    assert.equal(withCache.candidates[0]?.word, 'Zorbulax');
    const withoutCache = await engine.predict({ docId: 'learn2', text, textOffset: 0, options: { topK: 3, maxWords: 1, documentCache: false } });
    assert.ok(!withoutCache.candidates.some((c) => c.word === 'Zorbulax'), 'the model alone cannot know the word');
  } finally {
    await engine.dispose();
  }
});

test('personal words are offered in a fresh document', async () => {
  const engine = await Engine.load(join(repoRoot(), 'test', 'fixtures', 'models', 'own'), { threads: 1 });
  try {
    engine.setPersonalWords([{ word: 'Quuxinator', count: 3 }, { word: 'quantum leap', count: 2 }]);
    const prediction = await engine.predict({ docId: 'fresh', text: 'Please restart the quu', textOffset: 0, options: { topK: 3, maxWords: 1 } });
    // A name keeps its capitals even when typed in lower case.
    assert.equal(prediction.candidates[0]?.word, 'Quuxinator');
    const phrase = await engine.predict({ docId: 'fresh', text: 'Please restart the quantum le', textOffset: 0, options: { topK: 3, maxWords: 1 } });
    assert.equal(phrase.candidates[0]?.word, 'leap');
  } finally {
    await engine.dispose();
  }
});
