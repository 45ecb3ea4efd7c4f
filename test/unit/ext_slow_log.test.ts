// The Output channel's slow-prediction summary (issue 17 §5): one line per interval at most.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentile, SlowPredictionLog } from '../../src/extension/slow_log';

test('slow log: nearest-rank percentiles', () => {
  const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  assert.equal(percentile(v, 0.5), 5);
  assert.equal(percentile(v, 0.95), 10);
  assert.equal(percentile([7], 0.95), 7);
  assert.ok(Number.isNaN(percentile([], 0.5)));
});

test('slow log: twenty minutes of typing give at most one line a minute', () => {
  const log = new SlowPredictionLog(50, 60_000);
  const lines: string[] = [];
  // A keystroke every 250 ms for 20 minutes; every third one is slow.
  for (let t = 0, i = 0; t < 20 * 60_000; t += 250, i++) {
    const line = log.record(i % 3 === 0 ? 80 : 20, i % 3 === 0 ? 70 : 15, t);
    if (line) lines.push(line);
  }
  assert.ok(lines.length >= 19 && lines.length <= 20, `${lines.length} lines`);
  assert.match(lines[0], /^Slow predictions: 80 of 240 in the last 60 s took over 50 ms; round trip p50 20 ms, p95 80 ms, max 80 ms \(engine p50 15 ms, p95 70 ms\)\.$/);
});

test('slow log: a minute without slow predictions writes nothing', () => {
  const log = new SlowPredictionLog(50, 60_000);
  const lines: (string | undefined)[] = [];
  for (let t = 0; t <= 120_000; t += 1000) lines.push(log.record(10, 8, t));
  assert.deepEqual(lines.filter(Boolean), []);
  assert.equal(log.flush(121_000), undefined);
});

test('slow log: the summary is written on the first prediction after the interval, and flush writes the rest', () => {
  const log = new SlowPredictionLog(50, 60_000);
  assert.equal(log.record(120, 100, 0), undefined);
  assert.equal(log.record(30, 20, 59_999), undefined);
  const line = log.record(30, 20, 75_000);
  assert.match(line ?? '', /1 of 2 in the last 75 s/);
  assert.equal(log.record(200, 150, 80_000), undefined);
  assert.match(log.flush(90_000) ?? '', /^Slow predictions: 1 of 2 in the last 15 s .*max 200 ms/);
  assert.equal(log.flush(91_000), undefined);
});
