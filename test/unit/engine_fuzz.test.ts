/**
 * Random hostile text against the real engine. A fixed seed keeps CI repeatable; set FUZZ_CASES to
 * run more cases on demand (e.g. FUZZ_CASES=2000 FUZZ_SEED=7 node --test out/test/unit/engine_fuzz.test.js).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Engine } from '../../src/engine/engine';
import { OPTION_LIMITS } from '../../src/engine/options';
import { seededRandom } from '../../src/engine/sampling';
import { isAllWordChars } from '../../src/engine/word_chars';
import { repoRoot } from '../../src/eval/paths';

const CASES = Number(process.env.FUZZ_CASES ?? 120);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const BOUND_MS = 3000;

const PIECES = [
  () => 'the robot ',
  () => 'Hello, world. ',
  () => '\n\n# Heading\n',
  () => '😀',
  () => '👩‍💻',
  () => '日本語',
  () => 'مرحبا ',
  () => '\u202E',
  () => '\u0000',
  () => '\uD800',
  () => '\uDC00',
  () => '\u0007\u001b[31m',
  () => '\t',
  () => "don't ",
  () => 'İstanbul ',
  () => 'ﬁ',
  () => '<|endoftext|>',
];

function randomText(random: () => number): string {
  let text = '';
  const parts = 1 + Math.floor(random() * 12);
  for (let i = 0; i < parts; i++) {
    const r = random();
    if (r < 0.6) text += PIECES[Math.floor(random() * PIECES.length)]();
    else if (r < 0.8) text += String.fromCharCode(Math.floor(random() * 0x10000));
    else if (r < 0.95) text += 'abcdefghij'.repeat(1 + Math.floor(random() * 30));
    else text += 'word '.repeat(1 + Math.floor(random() * 200_000));
  }
  return text;
}

test(`${CASES} random hostile texts and edits: no crash, bounded time, well-formed words`, async () => {
  const engine = await Engine.load(join(repoRoot(), 'test', 'fixtures', 'models', 'own'), { threads: 1 });
  const random = seededRandom(SEED);
  try {
    let text = '';
    for (let i = 0; i < CASES; i++) {
      const r = random();
      // Mostly append (typing), sometimes delete, edit in the middle or replace everything (paste).
      if (r < 0.5) text += randomText(random);
      else if (r < 0.65) text = text.slice(0, Math.floor(random() * text.length));
      else if (r < 0.85) {
        const at = Math.floor(random() * text.length);
        text = text.slice(0, at) + randomText(random) + text.slice(at);
      } else text = randomText(random);
      if (text.length > 6_000_000) text = text.slice(-1_000_000);
      const started = Date.now();
      const options = { topK: 1 + Math.floor(random() * 8), temperature: random() < 0.5 ? 0 : random() * 2, maxWords: 1 + Math.floor(random() * 4), seed: i };
      const prediction = await engine.predict({ docId: `fuzz${i % 3}`, text, textOffset: 0, options });
      const elapsed = Date.now() - started;
      assert.ok(elapsed < BOUND_MS, `case ${i}: ${elapsed} ms for ${text.length} chars`);
      assert.ok(prediction.candidates.length <= options.topK, `case ${i}: too many candidates`);
      for (const c of prediction.candidates) {
        assert.ok(isAllWordChars(c.word), `case ${i}: word ${JSON.stringify(c.word)} is not a word`);
        assert.ok(c.probability >= 0 && c.probability <= 1 && Number.isFinite(c.probability), `case ${i}: probability ${c.probability}`);
        assert.ok(c.text === c.word || c.text === ' ' + c.word, `case ${i}: text ${JSON.stringify(c.text)}`);
      }
      const best = prediction.candidates[0];
      if (best) {
        // Ghost text is the best word's, except a next word below the confidence floor (none) and a
        // completion that barely leads (none: its share is taken before the top-k cut, so only checked
        // where the phrase shows).
        const floored = prediction.mode === 'next-word' && best.probability < OPTION_LIMITS.ghostMinProbability.default;
        const mayHide = prediction.mode === 'completion' && prediction.phrase === '';
        assert.ok(floored ? prediction.phrase === '' : mayHide || prediction.phrase.startsWith(best.text), `case ${i}: phrase ${JSON.stringify(prediction.phrase)} for ${best.text} at p ${best.probability}`);
      }
      assert.ok(!prediction.phrase.includes('\uFFFD'), `case ${i}: phrase has a broken character`);
    }
  } finally {
    await engine.dispose();
  }
});
