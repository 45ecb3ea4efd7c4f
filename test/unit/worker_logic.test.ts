import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LatestOnlyQueue } from '../../src/worker/request_queue';
import { RestartPolicy } from '../../src/worker/backoff';

test('a burst of keystrokes leaves only the latest request per document', () => {
  const queue = new LatestOnlyQueue<{ id: number; docId: string }>();
  assert.equal(queue.enqueue({ id: 1, docId: 'a' }), undefined);
  assert.deepEqual(queue.enqueue({ id: 2, docId: 'b' }), undefined);
  assert.deepEqual(queue.enqueue({ id: 3, docId: 'a' }), { id: 1, docId: 'a' });
  assert.equal(queue.size, 2);
  assert.deepEqual(queue.take(), { id: 2, docId: 'b' });
  assert.deepEqual(queue.remove(3), { id: 3, docId: 'a' });
  assert.equal(queue.take(), undefined);
});

test('a lone crash restarts at once; repeated crashes back off and end in giving up', () => {
  const policy = new RestartPolicy(5, 60_000, 100, 1000);
  assert.equal(policy.onCrash(0), 0);
  assert.equal(policy.onCrash(10), 100);
  assert.equal(policy.onCrash(20), 200);
  assert.equal(policy.onCrash(30), 400);
  assert.equal(policy.onCrash(40), undefined);
  // Old crashes age out of the window: a lone crash again.
  assert.equal(policy.onCrash(100_000), 0);
  assert.equal(policy.onCrash(100_010), 100);
});

test('the backoff is capped', () => {
  const policy = new RestartPolicy(10, 60_000, 400, 1000);
  const delays = Array.from({ length: 6 }, (_, i) => policy.onCrash(i));
  assert.deepEqual(delays, [0, 400, 800, 1000, 1000, 1000]);
});
