/** The ONNX wire-format walker and the output append the Inspector's attention session is built with. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { topLevelNodes, withExtraOutputs } from '../../src/engine/onnx_graph';
import { repoRoot } from '../../src/eval/paths';
import { loadRuntime } from '../../src/engine/decoder_session';

const fixtures = join(repoRoot(), 'test', 'fixtures', 'models');

test('top-level nodes: one attention Softmax per layer, in layer order; If subgraphs are not entered', () => {
  const own = topLevelNodes(readFileSync(join(fixtures, 'own', 'model.onnx')));
  assert.deepEqual(own.filter((n) => n.opType === 'Softmax').map((n) => n.outputs[0]), ['/h.0/attn/Softmax_output_0', '/h.1/attn/Softmax_output_0']);
  assert.ok(own.some((n) => n.opType === 'Gemm' || n.opType === 'MatMul'));
  const merged = topLevelNodes(readFileSync(join(fixtures, 'merged', 'decoder_model_merged.onnx')));
  assert.deepEqual(merged.map((n) => n.opType), ['If']);
});

test('appended outputs: ONNX Runtime loads the same model with the extra outputs, weights untouched', async () => {
  const bytes = readFileSync(join(fixtures, 'own', 'model.onnx'));
  const extra = ['/h.0/attn/Softmax_output_0', '/h.1/attn/Softmax_output_0'];
  const patched = withExtraOutputs(bytes, extra);
  assert.deepEqual(Buffer.from(patched.subarray(0, bytes.length)), bytes, 'the original bytes come first, unchanged');
  assert.ok(patched.length - bytes.length < 200);
  const session = await loadRuntime().InferenceSession.create(patched);
  try {
    assert.deepEqual(session.outputNames.slice(-2), extra);
    assert.ok(session.outputNames.includes('logits'));
  } finally {
    await session.release();
  }
});

test('malformed bytes are an error, not a hang or a wrong answer', () => {
  assert.throws(() => topLevelNodes(Uint8Array.from([0x3a, 0x80])), /truncated varint/);
  assert.throws(() => topLevelNodes(Uint8Array.from([0x3a, 0x05, 0x0a])), /runs past/);
  assert.throws(() => topLevelNodes(Uint8Array.from([0x0b])), /wire type 3/);
});
