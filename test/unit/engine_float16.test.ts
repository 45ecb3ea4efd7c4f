// float16 outputs in both forms onnxruntime-common uses: raw half bits in a Uint16Array (Node 20)
// and a Float16Array of values (runtimes that have one, e.g. recent Electron). Reading a
// Float16Array as bits gives garbage; these cases inject one into the decoder's output path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { DecoderSession } from '../../src/engine/decoder_session';
import { float16ToFloat32 } from '../../src/engine/float16';
import { readGpt2Config } from '../../src/engine/model_config';
import { repoRoot } from '../../src/eval/paths';

/** The runtime's Float16Array where it has one; otherwise a stand-in holding values, as Float16Array does. */
const Float16ArrayOrStandIn: { from(a: ArrayLike<number>): ArrayLike<number> } =
  (globalThis as { Float16Array?: { from(a: ArrayLike<number>): ArrayLike<number> } }).Float16Array ?? class Float16Array extends Float32Array {};

// 1, -2, 0.5, 65504 (largest half), 2^-24 (smallest subnormal), -0, +Inf
const BITS = new Uint16Array([0x3c00, 0xc000, 0x3800, 0x7bff, 0x0001, 0x8000, 0x7c00]);
const VALUES = [1, -2, 0.5, 65504, 2 ** -24, -0, Infinity];

test('float16: raw bits and Float16Array give the same float32 values', () => {
  assert.deepEqual(Array.from(float16ToFloat32(BITS)), VALUES);
  assert.deepEqual(Array.from(float16ToFloat32(Float16ArrayOrStandIn.from(VALUES))), VALUES);
  assert.ok(Number.isNaN(float16ToFloat32(new Uint16Array([0x7e00]))[0]));
});

test('decoder: float16 logits delivered as a Float16Array are read as values, not as bits', async () => {
  const dir = join(repoRoot(), 'test', 'fixtures', 'models', 'fp16-past');
  const config = await readGpt2Config(dir);
  const session = await DecoderSession.open(join(dir, 'model.onnx'), config, 1);
  const expected = (await session.step([464, 3290], undefined)).logits;
  // Inject: the same run, with the logits handed over as float16 in a Float16Array.
  const inner = (session as unknown as { session: InferenceSession }).session;
  const run = inner.run.bind(inner);
  (inner as { run: unknown }).run = async (feeds: InferenceSession.FeedsType) => {
    const out = await run(feeds);
    const logits = out.logits;
    const half = { type: 'float16', dims: logits.dims, data: Float16ArrayOrStandIn.from(logits.data as Float32Array) } as unknown as Tensor;
    return { ...out, logits: half };
  };
  const got = (await session.step([464, 3290], undefined)).logits;
  assert.equal(got.length, expected.length);
  let worst = 0;
  for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
  // A stand-in keeps float32 precision; a real Float16Array rounds to half precision (relative 2^-11).
  assert.ok(worst < 1e-3, `largest relative difference ${worst}`);
  await session.dispose();
});
