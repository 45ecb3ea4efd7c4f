/**
 * Answers prepared during a pause (Engine.prepare): the keystroke that produces the prepared text
 * gets the prediction an unprepared engine with the same history computes for it, without waiting;
 * any other keystroke, other options or changed personal words never get a prepared answer; a
 * waiting keystroke stops the work.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Engine } from '../../src/engine/engine';
import { defaultModelDir } from '../../src/engine/model_location';
import { likelyNextTexts, nextLetters } from '../../src/engine/prepared';
import type { Prediction, PredictRequest } from '../../src/engine/types';
import { repoRoot } from '../../src/eval/paths';
import { PredictionClient } from '../../src/worker/client';

const options = { topK: 5, temperature: 0, maxWords: 3, contextTokens: 128 };
const TEXTS = ['The robot walked into the kitch', 'Thank you for your ', 'Please let me know if you have any q'];

const request = (docId: string, text: string): PredictRequest => ({ docId, text, textOffset: 0, options });
// What a person sees first: the ghost text and the strip's first three words in their order. The
// word search remembers model calls per context and spends its budget only on new ones, so a search
// made after other searches of the same context (preparing several next letters) can look deeper
// and refine probabilities, or swap two of the least likely words (measured: 4th and 5th, 1e-6 apart).
const visible = (p: Prediction): unknown => ({ mode: p.mode, typed: p.typed, candidates: p.candidates.slice(0, 3).map((c) => [c.word, c.text]), phrase: p.phrase });

/**
 * The prepared answer shows what the plain one shows. The deeper search may add a word the shallower
 * one missed where the strip is short (after "kitchen": "kitchenet", in the word list, as a third
 * word), never drop or reorder one: the plain answer's words are a prefix of the prepared answer's.
 */
function assertSameVisible(prepared: Prediction, plain: Prediction, message?: string): void {
  assert.ok(prepared.candidates.length >= Math.min(3, plain.candidates.length), message);
  const shown = Math.min(3, plain.candidates.length);
  assert.deepEqual(visible({ ...prepared, candidates: prepared.candidates.slice(0, shown) }), visible(plain), message);
}

async function withEngines(fn: (prepared: Engine, plain: Engine) => Promise<void>): Promise<void> {
  const [a, b] = [await Engine.load(defaultModelDir(), { threads: 1 }), await Engine.load(defaultModelDir(), { threads: 1 })];
  try {
    await fn(a, b);
  } finally {
    await a.dispose();
    await b.dispose();
  }
}

test('every likely next text (Tab with and without the space, the next letters, the finished word) is prepared; its keystroke gets the same answer as without preparing', async () => {
  await withEngines(async (engine, plain) => {
    let cases = 0;
    for (const text of TEXTS) {
      for (let k = 0; k < 5; k++) {
        // Each case its own document, with the same history on both engines: the word search
        // remembers model calls per context, so answers depend on what was asked before.
        const doc = `${text}|${k}`;
        const first = await engine.predict(request(doc, text));
        assert.deepEqual(visible(first), visible(await plain.predict(request(doc, text))));
        const next = likelyNextTexts(request(doc, text), first);
        if (k >= next.length) continue;
        const hits = engine.preparedHits;
        await engine.prepare(request(doc, text), first);
        const got = await engine.predict(request(doc, next[k]));
        assert.equal(engine.preparedHits, hits + 1, `"${next[k]}" was not prepared`);
        assertSameVisible(got, await plain.predict(request(doc, next[k])), `after "${next[k]}"`);
        // The document continues from the prepared context: the following keystroke agrees too.
        const after = next[k] + 'a';
        assertSameVisible(await engine.predict(request(doc, after)), await plain.predict(request(doc, after)), `after "${after}"`);
        cases++;
      }
    }
    assert.ok(cases >= 3 * TEXTS.length, `${cases} cases`);
  });
});

test('a prepared answer is never given to another text, other options or after the personal words changed', async () => {
  await withEngines(async (engine) => {
    const text = TEXTS[0];
    const first = await engine.predict(request('o', text));
    const next = likelyNextTexts(request('o', text), first);
    await engine.prepare(request('o', text), first);
    // "x" is no candidate's next letter: not prepared.
    assert.ok(!next.includes(text + 'x'));
    const other = await engine.predict(request('o', text + 'x'));
    assert.equal(other.typed, 'kitchx');
    const hits = engine.preparedHits;
    assert.equal(hits, 0, 'another text took a prepared answer');
    assert.ok(next.length > 0);
    await engine.predict(request('o', text));
    await engine.prepare(request('o', text), first);
    const wider = await engine.predict({ ...request('o', next[0]), options: { ...options, topK: 3 } });
    assert.equal(wider.candidates.length <= 3, true);
    assert.equal(engine.preparedHits, hits, 'other options took the prepared answer');
    await engine.predict(request('o', text));
    await engine.prepare(request('o', text), first);
    engine.setPersonalWords([{ word: 'kitchenette', count: 50 }]);
    await engine.predict(request('o', next[0]));
    assert.equal(engine.preparedHits, hits, 'stale after the personal dictionary changed');
    // Another document with the same text does not get it either.
    await engine.prepare(request('o', text), first);
    await engine.predict(request('other-doc', next[0]));
    assert.equal(engine.preparedHits, hits);
  });
});

test('a waiting keystroke stops the preparation: nothing half-done is kept', async () => {
  await withEngines(async (engine) => {
    const text = TEXTS[1];
    const first = await engine.predict(request('y', text));
    const [tabText] = likelyNextTexts(request('y', text), first);
    let asked = 0;
    await engine.prepare(request('y', text), first, () => ++asked > 1);
    assert.ok(asked >= 2, 'it checked before its model calls');
    await engine.predict(request('y', tabText));
    assert.equal(engine.preparedHits, 0, 'computed, not prepared');
  });
});

test('through the worker: after a pause the finished word and a space are answered from the prepared answer', async () => {
  const client = new PredictionClient({ workerPath: join(repoRoot(), 'out', 'worker.js'), modelDir: defaultModelDir(), threads: 1 });
  try {
    await client.start();
    const first = await client.predict(request('w', TEXTS[0]));
    assert.ok(first);
    // The best word and a space: a new context, which costs at least one token fed unless prepared.
    const wordAndSpace = likelyNextTexts(request('w', TEXTS[0]), first).find((t) => t.endsWith(' '));
    assert.ok(wordAndSpace);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await client.predict(request('w', wordAndSpace));
    assert.ok(after && after.tokensFed === 0, JSON.stringify(after));
  } finally {
    client.dispose();
  }
});

const answer = (typed: string, phrase: string, candidates: Array<[string, number]>): Prediction => ({
  mode: typed === '' ? 'next-word' : 'completion',
  typed,
  candidates: candidates.map(([text, probability]) => ({ word: text.trim(), text, probability })),
  phrase,
  tokensFed: 1,
  contextTokens: 10,
  latencyMs: 1,
});

test('likely next texts: Tab and its space first, then the likeliest letter, the finished word, Tab alone, the next letter', () => {
  const typed = answer('kitch', 'kitchen table', [['kitchen', 0.5], ['kitchens', 0.2], ['kitchenette', 0.1]]);
  assert.deepEqual(likelyNextTexts(request('d', 'the kitch'), typed), ['the kitchen table ', 'the kitche', 'the kitchen ', 'the kitchen table']);
  // Letters are weighed by the candidates' probabilities summed per letter.
  const spread = answer('wor', 'world', [['world', 0.3], ['work', 0.25], ['worked', 0.2], ['word', 0.1]]);
  assert.deepEqual(nextLetters(spread), ['k', 'l']);
  // The best word is the phrase here: "finished by hand" is the Tab text with its space, listed once.
  assert.deepEqual(likelyNextTexts(request('d', 'Hello wor'), spread), ['Hello world ', 'Hello work', 'Hello world', 'Hello worl']);
  // Next word after a space: the first letters of the words; a word that needs its own space first
  // (" world" right after "Hello,") gives no letter, and a typed word finished by itself none either.
  assert.deepEqual(nextLetters(answer('', 'time', [['time', 0.3], ['team', 0.2], ['help', 0.1]])), ['t', 'h']);
  assert.deepEqual(nextLetters(answer('', ' world', [[' world', 0.5]])), []);
  assert.deepEqual(nextLetters(answer('word', 'word', [['word', 0.9]])), []);
  assert.deepEqual(likelyNextTexts(request('d', 'x'), answer('', '', [])), []);
});
