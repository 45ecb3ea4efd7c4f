/** The real worker process behind the typed protocol: answers, supersession, crashes and recovery. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PredictionClient, PredictionError, WORKER_NODE_FLAGS, workerEnvironment, type ClientState } from '../../src/worker/client';
import { repoRoot } from '../../src/eval/paths';
import { defaultModelDir } from '../../src/engine/model_location';

const root = repoRoot();
const workerPath = join(root, 'out', 'worker.js');
const modelDir = join(root, 'test', 'fixtures', 'models', 'own');
const options = { topK: 3, temperature: 0, maxWords: 2, contextTokens: 64 };

function makeClient(states: ClientState[] = []): PredictionClient {
  return new PredictionClient({ workerPath, modelDir, threads: 1, onStateChange: (state) => states.push(state) });
}

/** Far above the 2 s target (bench/worker_restart.ts): only a restart that hangs takes this long. */
const RESTART_HANG_MS = 10_000;

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

test('the worker answers predictions, and a burst leaves only the newest answer', async () => {
  const client = makeClient();
  try {
    const model = await client.start();
    assert.equal(model.nPositions, 64);
    const single = await client.predict({ docId: 'a', text: 'The robot', textOffset: 0, options });
    assert.ok(single && single.mode === 'completion');
    const burst = ['T', 'Th', 'The', 'The ', 'The r', 'The ro', 'The rob'].map((text) => client.predict({ docId: 'b', text, textOffset: 0, options }));
    const answers = await Promise.all(burst);
    assert.ok(answers.slice(0, -1).every((a) => a === undefined), 'older requests are superseded');
    assert.equal(answers.at(-1)?.typed, 'rob');
  } finally {
    client.dispose();
  }
});

test('keystrokes that arrive while one is being answered: each settles, the stale ones stop early, the newest answers', async () => {
  // The embedded model (slower than the fixture), so keystrokes land during a word search.
  const client = new PredictionClient({ workerPath, modelDir: defaultModelDir(), threads: 1 });
  try {
    await client.start();
    const text = 'Dear Anna,\n\nThank you for your message and for sending the photos of the garden. We are thinking of going to the market in the morning and then having lunch by the river';
    const sent: Promise<unknown>[] = [];
    for (let k = 60; k <= text.length; k = k === text.length ? k + 1 : Math.min(text.length, k + 3)) {
      sent.push(client.predict({ docId: 'typing', text: text.slice(0, k), textOffset: 0, options: { ...options, contextTokens: 256 } }));
      await new Promise((resolve) => setTimeout(resolve, 4));
    }
    const answers = await Promise.all(sent);
    assert.ok(answers.slice(0, -1).every((a) => a === undefined), 'older requests are superseded');
    assert.equal((answers.at(-1) as { typed?: string } | undefined)?.typed, 'river');
  } finally {
    client.dispose();
  }
});

test('a cancelled request resolves to nothing', async () => {
  const client = makeClient();
  try {
    await client.start();
    let listener: (() => void) | undefined;
    const token = { isCancellationRequested: false, onCancellationRequested: (l: () => void) => (listener = l) };
    const pending = client.predict({ docId: 'c', text: 'Hello wor', textOffset: 0, options }, token);
    token.isCancellationRequested = true;
    listener?.();
    assert.equal(await pending, undefined);
  } finally {
    client.dispose();
  }
});

// The 2 s of issue 6 is a speed target, judged by bench/worker_restart.ts on quiet cores; this test
// checks the behaviour, with a bound that only a restart that hangs or never happens exceeds.
test('a worker killed with SIGKILL is restarted and suggestions resume', async () => {
  const states: ClientState[] = [];
  const client = makeClient(states);
  try {
    await client.start();
    const pid = client.workerPid as number;
    process.kill(pid, 'SIGKILL');
    const recovered = await waitFor(() => client.state === 'ready' && client.workerPid !== pid, RESTART_HANG_MS);
    const after = await client.predict({ docId: 'd', text: 'The robot', textOffset: 0, options });
    assert.ok(after, `no prediction after recovering in ${recovered} ms`);
    assert.ok(states.includes('starting'));
  } finally {
    client.dispose();
  }
});

test('requests in flight when the worker dies get an error, not silence', async () => {
  const client = makeClient();
  try {
    await client.start();
    const inFlight = client.predict({ docId: 'e', text: 'The robot walked into the kitchen and', textOffset: 0, options });
    process.kill(client.workerPid as number, 'SIGKILL');
    await assert.rejects(inFlight, (error: unknown) => error instanceof PredictionError && error.code === 'worker-crashed');
  } finally {
    client.dispose();
  }
});

test('repeated crashes back off and end in the error state', async () => {
  const client = makeClient();
  try {
    await client.start();
    for (let i = 0; i < 5 && client.state !== 'error'; i++) {
      await waitFor(() => client.state === 'ready', 10_000);
      process.kill(client.workerPid as number, 'SIGKILL');
      await waitFor(() => client.state !== 'ready', 2000);
    }
    await waitFor(() => client.state === 'error', 2000);
    await assert.rejects(client.predict({ docId: 'f', text: 'x', textOffset: 0, options }));
  } finally {
    client.dispose();
  }
});

test('a bad model is refused with the reason, and the worker keeps the model it had', async () => {
  const client = makeClient();
  try {
    await client.start();
    await assert.rejects(client.setModel(join(root, 'test', 'fixtures', 'models', 'no-past')), /past_key_values/);
    assert.equal(client.model?.name, 'own');
    assert.ok(await client.predict({ docId: 'g', text: 'The robot', textOffset: 0, options }));
  } finally {
    client.dispose();
  }
});

test('a model deleted while in use gives a clear error after a restart, and recovers when it comes back', async () => {
  const { mkdtempSync, cpSync, rmSync, renameSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'pk-model-'));
  cpSync(modelDir, dir, { recursive: true });
  const states: string[] = [];
  const client = new PredictionClient({ workerPath, modelDir: dir, threads: 1, onStateChange: (state, detail) => states.push(`${state}:${detail ?? ''}`) });
  try {
    await client.start();
    renameSync(join(dir, 'model.onnx'), join(dir, 'model.onnx.away'));
    // The loaded session keeps working: the model was read into memory.
    assert.ok(await client.predict({ docId: 'h', text: 'The robot', textOffset: 0, options }));
    process.kill(client.workerPid as number, 'SIGKILL');
    await waitFor(() => client.state === 'error', 5000);
    assert.match(states.at(-1) ?? '', /No GPT-2 ONNX file/);
    renameSync(join(dir, 'model.onnx.away'), join(dir, 'model.onnx'));
    await client.start();
    assert.equal(client.state, 'ready');
    assert.ok(await client.predict({ docId: 'h', text: 'The robot', textOffset: 0, options }));
  } finally {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('when ONNX Runtime cannot be loaded the client says why and stays up', async () => {
  const { mkdtempSync, copyFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  // A worker bundle outside the package cannot resolve onnxruntime-node, as with a missing binary.
  const dir = mkdtempSync(join(tmpdir(), 'pk-no-ort-'));
  copyFileSync(workerPath, join(dir, 'worker.js'));
  const client = new PredictionClient({ workerPath: join(dir, 'worker.js'), modelDir, threads: 1 });
  try {
    await assert.rejects(client.start(), (error: unknown) => error instanceof PredictionError && error.code === 'runtime-unavailable' && /ONNX Runtime could not be loaded/.test(error.message));
    assert.equal(client.state, 'error');
  } finally {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the worker runs as plain Node with a small nursery; the malloc settings are the person\'s own', () => {
  const env = workerEnvironment({ PATH: '/usr/bin' });
  assert.equal(env.ELECTRON_RUN_AS_NODE, '1');
  // Measured: glibc's mmap threshold at 64 KiB halved the keystroke speed; it is never set for them.
  assert.equal(env.MALLOC_MMAP_THRESHOLD_, undefined);
  assert.equal(env.PATH, '/usr/bin');
  assert.equal(workerEnvironment({ MALLOC_MMAP_THRESHOLD_: '1048576' }).MALLOC_MMAP_THRESHOLD_, '1048576');
  assert.ok(WORKER_NODE_FLAGS.every((flag) => process.allowedNodeEnvironmentFlags.has(flag.split('=')[0])), 'flags Node accepts');
});
