/**
 * The Inspector's attention source: rows derived from the model's own Softmax nodes (no second copy
 * of the weights), checked against the separately exported attention graphs, on every layout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { AttentionSource } from '../../src/engine/attention_session';
import { repoRoot } from '../../src/eval/paths';
import { FIXTURES as fixtures, OWN, TEXT, withEngine } from '../helpers/attention_engine';



test('the KV-cache attention export (training/export.py --attn, fixture attn/) is read too, and agrees', async () => {
  await withEngine(OWN, async (engine, own) => {
    // No model file: only the folder's model_attn.onnx is tried.
    const kv = new AttentionSource(join(fixtures, 'attn'), { nLayer: engine.info.nLayer, nHead: engine.info.nHead, nEmbd: engine.info.nEmbd }, 1);
    try {
      const { entry } = await engine.contextLogits('k', TEXT, 64);
      const [a, b] = [await own.rows(entry.ids), await kv.rows(entry.ids)];
      assert.ok('rows' in a && 'rows' in b, JSON.stringify([a, b]).slice(0, 200));
      assert.deepEqual([b.rows.layers, b.rows.heads, b.rows.length], [a.rows.layers, a.rows.heads, entry.ids.length]);
      let diff = 0;
      for (let i = 0; i < a.rows.weights.length; i++) diff = Math.max(diff, Math.abs(a.rows.weights[i] - b.rows.weights[i]));
      // own/ is derived from model.onnx, attn/ is float32 from another export: the same attention.
      assert.ok(diff < 1e-4, `max difference ${diff}`);
    } finally {
      await kv.dispose();
    }
  });
});

test('attention derived from model.onnx agrees with the separately exported graph (training/export_attention.py, int8)', async () => {
  await withEngine(OWN, async (engine, derived) => {
    const graph = new AttentionSource(OWN, { nLayer: engine.info.nLayer, nHead: engine.info.nHead, nEmbd: engine.info.nEmbd }, 1);
    try {
      for (const text of [TEXT, 'A', TEXT.repeat(3)]) {
        const { entry } = await engine.contextLogits('g', text, 64);
        const [a, b] = [await derived.rows(entry.ids), await graph.rows(entry.ids)];
        assert.ok('rows' in a && 'rows' in b, JSON.stringify([a, b]).slice(0, 200));
        assert.deepEqual([a.rows.layers, a.rows.heads, a.rows.length], [b.rows.layers, b.rows.heads, entry.ids.length]);
        let diff = 0;
        for (let i = 0; i < a.rows.weights.length; i++) diff = Math.max(diff, Math.abs(a.rows.weights[i] - b.rows.weights[i]));
        // model_attn.onnx is int8, model.onnx float32: the same attention up to quantization.
        assert.ok(diff < 0.05, `${entry.ids.length} tokens: max difference ${diff}`);
      }
    } finally {
      await graph.dispose();
    }
  });
});

const LAYOUTS = ['optimum-model', 'no-position-ids', 'fp16-past', 'int8'].map((name) => join(fixtures, name));
for (const dir of [...LAYOUTS, join(repoRoot(), 'models', 'prose-gpt2')]) {
  test(`attention is derived from the model file itself: ${dir.split('/').slice(-2).join('/')}`, async () => {
    await withEngine(dir, async (engine, attention) => {
      const { entry } = await engine.contextLogits('l', TEXT, 64);
      const r = await attention.rows(entry.ids);
      assert.ok('rows' in r, JSON.stringify(r));
      assert.deepEqual([r.rows.layers, r.rows.heads, r.rows.length], [engine.info.nLayer, engine.info.nHead, entry.ids.length]);
      for (let row = 0; row < r.rows.layers * r.rows.heads; row++) {
        const sum = r.rows.weights.subarray(row * r.rows.length, (row + 1) * r.rows.length).reduce((s, w) => s + w, 0);
        assert.ok(Math.abs(sum - 1) < 1e-2, `row ${row} sums to ${sum}`);
      }
    });
  });
}

test('a model whose softmax is hidden (merged decoder) and has no model_attn.onnx says why, and predicts as before', async () => {
  await withEngine(join(fixtures, 'merged'), async (engine, attention) => {
    const { entry } = await engine.contextLogits('n', TEXT, 64);
    const r = await attention.rows(entry.ids);
    assert.ok('unavailable' in r && /model_attn\.onnx/.test(r.unavailable) && /Softmax/.test(r.unavailable), JSON.stringify(r));
    assert.equal(entry.lastLogits.length, engine.info.vocabSize, 'the rest of the panel still has its distribution');
  });
});

