// The engine's KV cache: truncating a past, and the per-document LRU under a memory budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from 'onnxruntime-node';
import { KvCache } from '../../src/engine/kv_cache';
import { truncatePast } from '../../src/engine/past';

function fakeTensor(data: Float32Array | Uint16Array, dims: number[]): Tensor {
  return { data, dims, type: 'float32' } as unknown as Tensor;
}

test('truncating a past keeps the first positions of every head', () => {
  // [1, 2 heads, 3 positions, 2 dims]
  const data = Float32Array.from({ length: 12 }, (_, i) => i);
  const past = { layers: [{ key: fakeTensor(data, [1, 2, 3, 2]), value: fakeTensor(data, [1, 2, 3, 2]) }], length: 3 };
  const cut = truncatePast(past, 2, fakeTensor);
  assert.equal(cut.length, 2);
  assert.deepEqual(Array.from(cut.layers[0].key.data as Float32Array), [0, 1, 2, 3, 6, 7, 8, 9]);
  assert.deepEqual(cut.layers[0].key.dims, [1, 2, 2, 2]);
});

test('the KV cache evicts least recently used documents beyond its budget, never the current one', () => {
  const entry = (bytes: number) => ({
    windowStart: 0,
    ids: [],
    past: { layers: [{ key: fakeTensor(new Float32Array(bytes / 4), [1, 1, 1, 1]), value: fakeTensor(new Float32Array(0), [1, 1, 0, 1]) }], length: 1 },
    lastLogits: new Float32Array(0),
  });
  const cache = new KvCache(1000);
  cache.set('a', entry(400));
  cache.set('b', entry(400));
  cache.get('a');
  cache.set('c', entry(400));
  assert.equal(cache.has('b'), false, 'b was least recently used');
  assert.equal(cache.has('a'), true);
  assert.ok(cache.bytes <= 1000);
  cache.set('huge', entry(5000));
  assert.equal(cache.has('huge'), true);
  assert.equal(cache.documents, 1);
});
