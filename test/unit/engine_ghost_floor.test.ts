/**
 * ghostMinProbability: before a word's first letter, the best word is ghost text only at that
 * probability or above; below it the phrase is '' while the candidates still list it. A completion
 * of typed letters is held back only by ghostMinShare, its share of the five best words that fit
 * them. predict and predictWords (the worker's path) agree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Engine } from '../../src/engine/engine';
import { OPTION_LIMITS } from '../../src/engine/options';
import type { Prediction } from '../../src/engine/types';
import { repoRoot } from '../../src/eval/paths';

const FIXTURE = join(repoRoot(), 'test', 'fixtures', 'models', 'own');
const NEXT_WORD = ['The robot walked into the ', 'Thank you for your ', 'It was a long evening and '];
const COMPLETION = ['The robot walked into the kitch', 'Thank you for your ti'];

test('ghostMinProbability: a next word below the floor is no ghost text, but the candidates still list it', async () => {
  const engine = await Engine.load(FIXTURE, { threads: 1 });
  try {
    let n = 0;
    const ask = (text: string, ghostMinProbability: number, words = false, ghostMinShare = 0): Promise<Prediction> => {
      const request = { docId: `floor-${n++}`, text, textOffset: 0, options: { topK: 5, maxWords: 3, ghostMinProbability, ghostMinShare } };
      return words ? engine.predictWords(request) : engine.predict(request);
    };
    for (const text of NEXT_WORD) {
      const always = await ask(text, 0);
      assert.ok(always.candidates.length > 0 && always.phrase.startsWith(always.candidates[0].text), `${text}: floor 0 shows the best word`);
      const best = always.candidates[0].probability;
      // Just above and at the best word's probability: the floor is "at least".
      for (const words of [false, true]) {
        const above = await ask(text, Math.min(1, best * 1.01 + 1e-9), words);
        assert.equal(above.phrase, '', `${text}: above ${best}`);
        assert.equal(above.phrasePending, undefined, `${text}: no phrase owed`);
        assert.deepEqual(above.candidates.map((c) => c.word), always.candidates.map((c) => c.word), `${text}: the same candidates`);
        const at = await ask(text, best * 0.99, words);
        assert.ok(at.phrase.startsWith(always.candidates[0].text), `${text}: at ${best}`);
      }
    }
    for (const text of COMPLETION) {
      const p = await ask(text, 1);
      assert.ok(p.candidates.length > 0 && p.phrase.startsWith(p.candidates[0].text), `${text}: a completion shows at floor 1`);
      // ghostMinShare: the best completion's share of the five best (top-k 5 here, so the candidates).
      const share = p.candidates[0].probability / p.candidates.reduce((a, c) => a + c.probability, 0);
      for (const words of [false, true]) {
        const above = await ask(text, 0, words, Math.min(1, share * 1.01 + 1e-9));
        if (share * 1.01 + 1e-9 <= 1) assert.equal(above.phrase, '', `${text}: above its share ${share}`);
        assert.deepEqual(above.candidates.map((c) => c.word), p.candidates.map((c) => c.word), `${text}: the same candidates`);
        const at = await ask(text, 0, words, share * 0.99);
        assert.ok(at.phrase.startsWith(p.candidates[0].text), `${text}: at its share ${share}`);
      }
    }
  } finally {
    await engine.dispose();
  }
});

test('ghostMinProbability: out-of-range settings are clamped, and the default is the benchmark\'s choice', async () => {
  const { min, max, default: floor } = OPTION_LIMITS.ghostMinProbability;
  assert.deepEqual([min, max], [0, 1]);
  assert.ok(floor > 0 && floor < 0.2, 'a floor that hides guesses, not most next words (bench/results/ghost-confidence.json)');
  const engine = await Engine.load(FIXTURE, { threads: 1 });
  try {
    const p = await engine.predict({ docId: 'clamp', text: NEXT_WORD[0], textOffset: 0, options: { ghostMinProbability: -3 } });
    assert.ok(p.phrase.length > 0, 'a negative floor is 0: always');
    const q = await engine.predict({ docId: 'clamp2', text: NEXT_WORD[0], textOffset: 0, options: { ghostMinProbability: 7 } });
    assert.equal(q.phrase, '', 'a floor above 1 is 1: a next word shows only at certainty');
  } finally {
    await engine.dispose();
  }
});
