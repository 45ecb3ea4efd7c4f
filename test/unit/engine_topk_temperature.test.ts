// top-k, temperature and the cache blend agree with the README (issue 17 §4): top-k chooses the
// set of words, temperature only their order, so top-k = 1 is the most probable word at any
// temperature, with the document cache on or off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Engine } from '../../src/engine/engine';
import { rankCandidates, seededRandom } from '../../src/engine/sampling';
import { repoRoot } from '../../src/eval/paths';

const words = (ps: number[]): Array<{ word: string; probability: number }> => ps.map((probability, i) => ({ word: `w${i}`, probability }));

test('rankCandidates: top-k is the k most probable, whatever the temperature', () => {
  const items = words([0.05, 0.4, 0.1, 0.3, 0.15]);
  assert.deepEqual(rankCandidates(items, 3, 0, seededRandom(1)).map((h) => h.word), ['w1', 'w3', 'w4']);
  for (const t of [0.1, 0.7, 1, 1.5, 2]) {
    for (let seed = 1; seed <= 20; seed++) {
      assert.deepEqual(rankCandidates(items, 1, t, seededRandom(seed)).map((h) => h.word), ['w1'], `T=${t} seed ${seed}`);
      const three = rankCandidates(items, 3, t, seededRandom(seed)).map((h) => h.word);
      assert.deepEqual([...three].sort(), ['w1', 'w3', 'w4'], `T=${t} seed ${seed}: the set is the top 3`);
    }
  }
  assert.deepEqual(rankCandidates([], 5, 1, seededRandom(1)), []);
});

test('rankCandidates: a low temperature keeps the ranking, a high one flattens it', () => {
  const items = words([0.5, 0.3, 0.2]);
  const firstCounts = (t: number): number => {
    let n = 0;
    for (let seed = 1; seed <= 400; seed++) if (rankCandidates(items, 3, t, seededRandom(seed))[0].word === 'w0') n++;
    return n / 400;
  };
  const cold = firstCounts(0.1);
  const warm = firstCounts(1);
  const hot = firstCounts(2);
  assert.ok(cold > 0.95, `T=0.1: best first ${cold}`);
  assert.ok(warm > 0.4 && warm < 0.6, `T=1: best first ${warm} (p=0.5)`);
  assert.ok(hot < warm, `T=2: best first ${hot} < ${warm}`);
});

const FIXTURE = join(repoRoot(), 'test', 'fixtures', 'models', 'own');
// The document repeats a few words many times, so its cache is strong and would win over a
// flattened model distribution if the blend happened after tempering.
const DOC = 'We went to the dear old harbour. '.repeat(12);
const CONTEXTS = [DOC + 'Then we walked to the ', DOC + 'It was a long evening and ', DOC + 'They said that we ', DOC + 'We want to the d'];

test('engine: top-k = 1 is the most probable word at every temperature, cache on and off', async () => {
  const engine = await Engine.load(FIXTURE, { threads: 1 });
  try {
    for (const documentCache of [true, false]) {
      for (const [i, text] of CONTEXTS.entries()) {
        const ask = (topK: number, temperature: number, seed = 7) => engine.predict({ docId: `d${i}${documentCache}`, text, textOffset: 0, options: { topK, temperature, maxWords: 3, contextTokens: 64, seed, documentCache } });
        const greedy = await ask(5, 0);
        if (greedy.candidates.length === 0) continue;
        const best = greedy.candidates[0].word;
        for (const temperature of [0.5, 1, 1.5, 2]) {
          const one = await ask(1, temperature);
          assert.deepEqual(one.candidates.map((c) => c.word), [best], `cache ${documentCache}, T=${temperature}, "${text.slice(-24)}"`);
          assert.equal(one.phrase, (await ask(1, 0)).phrase, `greedy phrase at T=${temperature}`);
          const five = await ask(5, temperature, 3);
          assert.deepEqual(five.candidates.map((c) => c.word).sort(), greedy.candidates.map((c) => c.word).sort(), `top-5 set at T=${temperature}`);
        }
      }
    }
  } finally {
    await engine.dispose();
  }
});
