// The status hover's keystroke latency: p50/p95 of the last predictions, reset when the model changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LatencyWindow } from '../../src/extension/latency_window';

test('latency window: nearest-rank p50 and p95 of the last N', () => {
  const w = new LatencyWindow(20);
  assert.equal(w.describe(), undefined);
  for (let ms = 1; ms <= 40; ms++) w.add(ms); // only 21..40 stay
  assert.deepEqual(w.summary(), { n: 20, p50: 30, p95: 39 });
  assert.equal(w.describe(), 'Keystroke latency: p50 30 ms, p95 39 ms (last 20 predictions)');
  w.add(Number.NaN);
  w.add(-1);
  assert.equal(w.summary()?.n, 20);
});

test('latency window: a new model starts from nothing', () => {
  const w = new LatencyWindow();
  w.belongTo('a.onnx');
  w.add(100);
  w.belongTo('a.onnx');
  assert.equal(w.summary()?.n, 1);
  w.belongTo('b.onnx');
  assert.equal(w.summary(), undefined);
  w.add(7);
  assert.equal(w.describe(), 'Keystroke latency: p50 7 ms, p95 7 ms (last 1 prediction)');
});
