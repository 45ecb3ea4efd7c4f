/** The engine against real ONNX graphs: every layout users bring, cache parity, bad models, bad input. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Engine, commonPrefixLength } from '../../src/engine/engine';
import { EngineError } from '../../src/engine/errors';
import { topTokens } from '../../src/engine/sampling';
import { repoRoot } from '../../src/eval/paths';

const fixtures = join(repoRoot(), 'test', 'fixtures', 'models');
const fixture = (name: string): string => join(fixtures, name);
const SENTENCE = 'The robot walked into the kitchen and looked at the old wooden table. It was';

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

const EXACT_LAYOUTS = ['own', 'optimum-model', 'no-position-ids', 'merged'];
const APPROXIMATE_LAYOUTS = ['fp16-past', 'int8', 'transformers-js'];

for (const layout of EXACT_LAYOUTS) {
  test(`${layout}: incremental logits equal a full recompute after appends and after edits`, async () => {
    const engine = await Engine.load(fixture(layout), { threads: 1 });
    try {
      const steps = [SENTENCE.slice(0, 20), SENTENCE.slice(0, 45), SENTENCE, SENTENCE.slice(0, 30) + ' EDITED ' + SENTENCE.slice(30), SENTENCE.slice(0, 12)];
      let reused = 0;
      for (const text of steps) {
        const { entry, fed } = await engine.contextLogits('doc', text, 64);
        if (fed < entry.ids.length) reused++;
        const full = await engine.logitsWithoutCache(entry.ids);
        const diff = maxAbsDiff(entry.lastLogits, full);
        assert.ok(diff <= 1e-3, `max abs diff ${diff} for "${text.slice(-20)}"`);
      }
      assert.ok(reused >= 3, `the cache was reused in ${reused} of ${steps.length} steps`);
    } finally {
      await engine.dispose();
    }
  });
}

for (const layout of APPROXIMATE_LAYOUTS) {
  test(`${layout}: loads, and incremental decoding agrees with a full recompute on the top tokens`, async () => {
    const engine = await Engine.load(fixture(layout), { threads: 1 });
    try {
      await engine.contextLogits('doc', SENTENCE.slice(0, 40), 64);
      const { entry } = await engine.contextLogits('doc', SENTENCE, 64);
      const full = await engine.logitsWithoutCache(entry.ids);
      const top = (l: Float32Array): number[] => topTokens(l, 5, () => true);
      const overlap = top(entry.lastLogits).filter((t) => top(full).includes(t)).length;
      assert.ok(overlap >= 4, `top-5 overlap ${overlap}`);
      const prediction = await engine.predict({ docId: 'doc', text: SENTENCE + ' th', textOffset: 0, options: { topK: 3 } });
      assert.ok(prediction.candidates.every((c) => c.word.toLowerCase().startsWith('th')));
    } finally {
      await engine.dispose();
    }
  });
}

test('the layout is read from the session: merged decoders, missing position_ids, fp16 past', async () => {
  const infos = await Promise.all(['own', 'merged', 'no-position-ids', 'fp16-past'].map(async (name) => {
    const engine = await Engine.load(fixture(name), { threads: 1 });
    await engine.dispose();
    return engine.info;
  }));
  assert.deepEqual(infos.map((i) => [i.isMergedDecoder, i.hasPositionIds, i.pastType]), [
    [false, true, 'float32'],
    [true, true, 'float32'],
    [false, false, 'float32'],
    [false, true, 'float16'],
  ]);
});

async function loadError(path: string): Promise<EngineError> {
  try {
    const engine = await Engine.load(path, { threads: 1 });
    await engine.dispose();
  } catch (error) {
    assert.ok(error instanceof EngineError, `expected an EngineError, got ${String(error)}`);
    return error;
  }
  assert.fail(`${path} loaded`);
}

test('bad models give one clear error that names what is wrong', async () => {
  const missing = await loadError(join(fixtures, 'does-not-exist'));
  assert.equal(missing.code, 'model-missing');
  assert.match(missing.message, /does not exist/);
  const corrupt = await loadError(fixture('corrupt'));
  assert.equal(corrupt.code, 'model-invalid');
  assert.match(corrupt.message, /not a loadable ONNX model/);
  const noPast = await loadError(fixture('no-past'));
  assert.match(noPast.message, /past_key_values/);
  const noConfig = await loadError(join(repoRoot(), 'test', 'unit'));
  assert.equal(noConfig.code, 'model-missing');
});

test('hostile text always gets a well-formed answer in bounded time', async () => {
  const engine = await Engine.load(fixture('own'), { threads: 1 });
  try {
    const big = 'lorem ipsum dolor sit amet '.repeat(200_000);
    const inputs = ['', '   \n\t ', big, big.replace(/ /g, ''), '😀🤖 emoji 👍🏽 th', '日本語のテキスト', 'שלום עולם مرحبا بالعالم', 'lone \uD800 surrogate \uDC00 x', 'nul\u0000 bytes\u0000', '\u202Ebidi\u202C over', 'x'.repeat(5000)];
    for (const text of inputs) {
      const started = Date.now();
      const prediction = await engine.predict({ docId: 'hostile', text, textOffset: 0, options: { topK: 5, maxWords: 3 } });
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 5000, `${elapsed} ms for input of length ${text.length}`);
      assert.ok(Array.isArray(prediction.candidates));
      for (const candidate of prediction.candidates) {
        assert.ok(candidate.word.length > 0 && !/\s/u.test(candidate.word), `bad word ${JSON.stringify(candidate.word)}`);
        assert.ok(candidate.probability >= 0 && candidate.probability <= 1);
      }
      assert.ok(prediction.contextTokens <= 64, `context ${prediction.contextTokens} exceeds n_positions`);
    }
  } finally {
    await engine.dispose();
  }
});

test('beyond n_positions the window slides, and long typing reuses the cache most of the time', async () => {
  const engine = await Engine.load(fixture('own'), { threads: 1 });
  try {
    const text = 'the quick brown fox jumps over the lazy dog and then runs far away. '.repeat(30);
    let fedTotal = 0;
    let steps = 0;
    for (let end = 200; end <= text.length; end += 3) {
      const prediction = await engine.predict({ docId: 'long', text: text.slice(0, end), textOffset: 0, options: { topK: 2, maxWords: 1, contextTokens: 64 } });
      assert.ok(prediction.contextTokens <= 64);
      fedTotal += prediction.tokensFed;
      steps++;
    }
    assert.ok(fedTotal / steps < 8, `fed ${fedTotal / steps} tokens per keystroke on average`);
  } finally {
    await engine.dispose();
  }
});

test('the caches of many documents stay under the memory budget', async () => {
  const engine = await Engine.load(fixture('own'), { threads: 1, cacheBudgetBytes: 2 * 1024 * 1024 });
  try {
    for (let doc = 0; doc < 40; doc++) await engine.predict({ docId: `doc${doc}`, text: SENTENCE + ` ${doc}`, textOffset: 0, options: { topK: 1, maxWords: 1 } });
    const stats = engine.cacheStats();
    assert.ok(stats.bytes <= stats.budgetBytes, `${stats.bytes} > ${stats.budgetBytes}`);
    assert.ok(stats.documents < 40 && stats.documents >= 1);
  } finally {
    await engine.dispose();
  }
});

test('commonPrefixLength', () => {
  assert.equal(commonPrefixLength([1, 2, 3], [1, 2, 4]), 2);
  assert.equal(commonPrefixLength([], [1]), 0);
});

for (const layout of ['own', 'merged', 'no-position-ids', 'fp16-past']) {
  test(`${layout}: a batched step gives each row the logits of its own step`, async () => {
    const engine = await Engine.load(fixture(layout), { threads: 1 });
    try {
      const { entry } = await engine.contextLogits('batch', SENTENCE, 64);
      const session = (engine as unknown as { session: import('../../src/engine/decoder_session').DecoderSession }).session;
      const rows = [[262], [257], [1110], [318]];
      const batched = await session.stepBatch(rows, entry.past);
      for (let i = 0; i < rows.length; i++) {
        const single = await session.step(rows[i], entry.past);
        const diff = maxAbsDiff(batched[i], single.logits);
        assert.ok(diff <= (layout === 'fp16-past' ? 2e-2 : 1e-3), `row ${i}: max abs diff ${diff}`);
      }
    } finally {
      await engine.dispose();
    }
  });
}
