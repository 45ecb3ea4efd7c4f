/**
 * Normalisers: the graph-side log-softmax and marked share (onnx_graph.normalizedLogitsAppendix) give the
 * distribution JavaScript computes from raw logits, on every model layout; the normaliser cache never
 * answers a masked request with an unmasked entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DecoderSession } from '../../src/engine/decoder_session';
import { readGpt2Config } from '../../src/engine/model_config';
import { distributionOf, logNormalizer, registerNormalized } from '../../src/engine/sampling';
import { Vocabulary } from '../../src/engine/vocabulary';
import { repoRoot } from '../../src/eval/paths';

const fixtures = join(repoRoot(), 'test', 'fixtures', 'models');
const vocabulary = new Vocabulary(50257);
const LAYOUTS: Array<[string, string]> = [
  ['own', 'model.onnx'],
  ['optimum-model', 'model.onnx'],
  ['no-position-ids', 'model.onnx'],
  ['fp16-past', 'model.onnx'],
  ['int8', 'model.onnx'],
  ['merged', 'decoder_model_merged.onnx'],
  ['transformers-js', 'onnx/decoder_model_merged_quantized.onnx'],
];

for (const [folder, file] of LAYOUTS) {
  test(`graph-side normalisation equals the JavaScript one: ${folder}`, async () => {
    const config = await readGpt2Config(join(fixtures, folder));
    const plain = await DecoderSession.open(join(fixtures, folder, file), config, 1);
    const normalized = await DecoderSession.open(join(fixtures, folder, file), config, 1, vocabulary.boundaryMask);
    try {
      assert.equal(plain.normalizesInGraph, false);
      assert.equal(normalized.normalizesInGraph, true, 'the normalising graph was rejected');
      const tokens = vocabulary.encode(' The robot met the Rustaceans and');
      const [a, b] = [await plain.step(tokens, undefined), await normalized.step(tokens, undefined)];
      const reference = logNormalizer(a.lastRow, 1, vocabulary.boundaryMask);
      const fromGraph = distributionOf(b.lastRow, 1, vocabulary.boundaryMask);
      assert.ok(Math.abs(fromGraph.markedShare - reference.markedShare) < 1e-5, `${fromGraph.markedShare} vs ${reference.markedShare}`);
      let worst = 0;
      for (let t = 0; t < a.lastRow.length; t += 7) worst = Math.max(worst, Math.abs(fromGraph.logProb(t) - (a.lastRow[t] - reference.logZ)));
      assert.ok(worst < 1e-4, `log-probability differs by ${worst}`);
      // A batch of continuations: each row is registered with its own share.
      const rows = [[262], [257], [286]];
      // (Against the plain graph's batch: int8 quantises activations per call, so batch != single there.)
      const batch = await normalized.stepBatch(rows, b.present);
      const plainBatch = await plain.stepBatch(rows, a.present);
      for (let i = 0; i < rows.length; i++) {
        const share = logNormalizer(plainBatch[i], 1, vocabulary.boundaryMask).markedShare;
        assert.ok(Math.abs(distributionOf(batch[i], 1, vocabulary.boundaryMask).markedShare - share) < 1e-4, `row ${i}`);
      }
    } finally {
      await plain.dispose();
      await normalized.dispose();
    }
  });
}

test('a normaliser computed without the mask is not reused for a masked request (its share would read 0)', () => {
  const logits = Float32Array.from({ length: 50257 }, (_, i) => Math.sin(i) * 3);
  const unmasked = distributionOf(logits, 1);
  assert.equal(unmasked.markedShare, 0);
  const masked = distributionOf(logits, 1, vocabulary.boundaryMask);
  const expected = logNormalizer(logits, 1, vocabulary.boundaryMask).markedShare;
  assert.ok(expected > 0.1);
  assert.equal(masked.markedShare, expected);
  assert.equal(distributionOf(logits, 1), masked, 'an unmasked request takes the masked entry');
});

test('a registered row costs no pass and reports the share it was given', () => {
  const row = new Float32Array(50257).fill(Math.log(1 / 50257));
  registerNormalized(row, vocabulary.boundaryMask, 0.625);
  const d = distributionOf(row, 1, vocabulary.boundaryMask);
  assert.equal(d.markedShare, 0.625);
  assert.ok(Math.abs(d.logProb(5) - Math.log(1 / 50257)) < 1e-6);
  // At another temperature the row is normalised afresh.
  assert.ok(Math.abs(distributionOf(row, 0.5).logProb(5) - Math.log(1 / 50257)) < 1e-4);
});
