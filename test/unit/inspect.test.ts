/** The Inspector's engine side against the own fixture; attention from the model's own Softmax outputs or a model_attn.onnx. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { attentionOnPieces, inspect, tokenPieces, type InspectOptions, type Inspection } from '../../src/engine/inspect';
import { splitAtCursor } from '../../src/engine/cursor_context';
import { repoRoot } from '../../src/eval/paths';
import { OWN, TEXT, withEngine } from '../helpers/attention_engine';
import { PredictionClient } from '../../src/worker/client';

const options: InspectOptions = { topK: 5, temperature: 0, maxWords: 2, contextTokens: 64, previewTemperature: 1, show: 20, attention: true };


async function inspected(...args: Parameters<typeof inspect>): Promise<Inspection> {
  const r = await inspect(...args);
  assert.ok(r, 'the inspection gave up');
  return r;
}

function softmaxOver(logits: Float32Array, temperature: number): (id: number) => number {
  let max = -Infinity;
  for (const l of logits) max = Math.max(max, l);
  let z = 0;
  for (const l of logits) z += Math.exp((l - max) / temperature);
  return (id) => Math.exp((logits[id] - max) / temperature) / z;
}

test('distribution: probabilities sum to at most 1, best first, top-k marked and renormalized', async () => {
  await withEngine(OWN, async (engine, attention) => {
    const r = await inspected(engine, { docId: 'd', text: TEXT + ' ', textOffset: 0, options }, (ids) => attention.rows(ids));
    assert.equal(r.distribution.length, 20);
    const sum = r.distribution.reduce((s, row) => s + row.probability, 0);
    assert.ok(sum <= 1 + 1e-6 && sum > 0, `sum ${sum}`);
    assert.ok(Math.abs(sum + r.restProbability - 1) < 1e-6);
    for (let i = 1; i < r.distribution.length; i++) assert.ok(r.distribution[i - 1].probability >= r.distribution[i].probability, `row ${i} out of order`);
    assert.deepEqual(r.distribution.map((row) => row.inTopK), r.distribution.map((_, i) => i < 5));
    const sampled = r.distribution.reduce((s, row) => s + row.sampled, 0);
    assert.ok(Math.abs(sampled - 1) < 1e-6, `sampled mass ${sampled}`);
    assert.equal(r.mode, 'next-word');
    assert.ok(r.prediction && r.prediction.candidates.length > 0);
  });
});

test('the tempered column is softmax(logits / T) over the whole vocabulary; T = 0 is greedy', async () => {
  await withEngine(OWN, async (engine) => {
    const { entry } = await engine.contextLogits('t', TEXT, 64);
    for (const T of [0.3, 1, 1.8]) {
      const r = await inspected(engine, { docId: 't', text: TEXT + ' ', textOffset: 0, options: { ...options, previewTemperature: T, attention: false } });
      const reference = softmaxOver(entry.lastLogits, T);
      const model = softmaxOver(entry.lastLogits, 1);
      for (const row of r.distribution) {
        assert.ok(Math.abs(row.tempered - reference(row.id)) < 1e-5, `T=${T} token ${row.id}: ${row.tempered} vs ${reference(row.id)}`);
        assert.ok(Math.abs(row.probability - model(row.id)) < 1e-5);
      }
      assert.equal(r.attention, undefined, 'no attention when not asked');
    }
    const greedy = await inspected(engine, { docId: 't', text: TEXT + ' ', textOffset: 0, options: { ...options, previewTemperature: 0 } });
    assert.deepEqual(greedy.distribution.map((row) => row.tempered).slice(0, 3), [1, 0, 0]);
  });
});

test('attention: each layer and head row sums to 1 over the visible context', async () => {
  await withEngine(OWN, async (engine, attention) => {
    const r = await inspected(engine, { docId: 'a', text: TEXT + ' ', textOffset: 0, options }, (ids) => attention.rows(ids));
    assert.ok(r.attention && 'weights' in r.attention, JSON.stringify(r.attention));
    const view = r.attention;
    assert.equal(view.layers, engine.info.nLayer);
    assert.equal(view.heads, engine.info.nHead);
    assert.equal(r.hiddenTokens, 0, 'a short context is shown whole');
    for (let l = 0; l < view.layers; l++) {
      for (let h = 0; h < view.heads; h++) {
        assert.equal(view.weights[l][h].length, r.pieces.length);
        const sum = view.weights[l][h].reduce((s, w) => s + w, 0);
        assert.ok(Math.abs(sum - 1) < 1e-3, `layer ${l} head ${h} sums to ${sum}`);
        assert.equal(view.earlier[l][h], 0);
      }
    }
    // A strip shorter than the context (the fixture's window is only 32 tokens, so cut it here):
    // the attention on the part before the strip is reported, not lost.
    const { entry } = await engine.contextLogits('a', TEXT, 64);
    const rows = await attention.rows(entry.ids);
    assert.ok('rows' in rows);
    const all = tokenPieces(engine.vocabulary, entry.ids);
    const hidden = all.slice(0, 5).reduce((n, p) => n + p.ids.length, 0);
    const cut = attentionOnPieces(rows.rows, all.slice(5), hidden);
    const sum = cut.weights[1][0].reduce((s, w) => s + w, 0) + cut.earlier[1][0];
    assert.ok(cut.earlier[1][0] > 0 && Math.abs(sum - 1) < 1e-3, `sum with earlier context ${sum}`);
  });
});

test('token strip: pieces are whole characters and concatenate back to the context window', async () => {
  await withEngine(OWN, async (engine) => {
    const text = TEXT + ' Rust';
    const r = await inspected(engine, { docId: 's', text, textOffset: 0, options: { ...options, attention: false } });
    const contextText = text.slice(0, splitAtCursor(text).contextEnd);
    assert.equal(r.mode, 'completion');
    assert.equal(r.typed, 'Rust');
    assert.ok(r.pieces[0].special, 'the window starts with <|endoftext|>');
    assert.equal(r.pieces.map((p) => p.text).join(''), contextText);
    assert.ok(r.pieces.every((p) => !p.text.includes('\uFFFD')), 'no broken characters');
    assert.ok(r.pieces.some((p) => p.text === ' 🦀' || p.text.includes('🦀')));
    assert.ok(r.distribution.some((row) => row.matchesTyped) || r.distribution.every((row) => !row.text.toLowerCase().startsWith(' rust')));
    // Rustaceans is several BPE tokens; robot is one.
    const rust = tokenPieces(engine.vocabulary, engine.vocabulary.encode(' Rustaceans'));
    assert.ok(rust.length > 1);
    assert.equal(tokenPieces(engine.vocabulary, engine.vocabulary.encode(' robot')).length, 1);
  });
});

test('no candidates when the ghost text has them; a waiting keystroke makes it give up', async () => {
  await withEngine(OWN, async (engine, attention) => {
    const r = await inspected(engine, { docId: 'c', text: TEXT + ' ', textOffset: 0, options: { ...options, candidates: false } }, (ids) => attention.rows(ids));
    assert.equal(r.prediction, undefined);
    assert.equal(r.distribution.length, 20);
    let asked = 0;
    const gaveUp = await inspect(engine, { docId: 'c', text: TEXT + ' x', textOffset: 0, options }, (ids) => attention.rows(ids), () => ++asked > 0);
    assert.equal(gaveUp, undefined);
    assert.equal(asked, 1, 'it gives up at the first check, before any model call beyond the context');
  });
});

test('through the worker: a keystroke never waits behind an inspection; inspections follow the same cache', async () => {
  const client = new PredictionClient({ workerPath: join(repoRoot(), 'out', 'worker.js'), modelDir: OWN, threads: 1 });
  try {
    await client.start();
    await client.predict({ docId: 'w', text: TEXT + ' ', textOffset: 0, options });
    const order: string[] = [];
    const inspection = client.inspect({ docId: 'w', text: TEXT + ' ', textOffset: 0, options }).then((r) => (order.push(r ? 'inspect' : 'inspect gave up'), r));
    const prediction = client.predict({ docId: 'w', text: TEXT + ' a', textOffset: 0, options }).then((r) => (order.push('predict'), r));
    const [i, p] = await Promise.all([inspection, prediction]);
    assert.ok(p, 'the prediction is answered');
    // Served after the prediction, or it gave up because the prediction arrived while it ran, or it
    // had already finished before the prediction reached the worker (the two messages race).
    assert.ok((order[0] === 'predict' && i !== undefined) || (order[0] === 'inspect gave up' && i === undefined) || (order[0] === 'inspect' && i !== undefined), order.join(' -> '));
    const alone = await client.inspect({ docId: 'w', text: TEXT + ' a', textOffset: 0, options });
    assert.ok(alone?.attention && 'weights' in alone.attention, 'the worker opened the attention graph');
    assert.equal(alone.typed, 'a');
    // Superseded inspections resolve to nothing.
    const burst = await Promise.all([1, 2, 3].map((n) => client.inspect({ docId: 'w', text: TEXT.slice(0, 20 + n), textOffset: 0, options })));
    assert.ok(burst.at(-1) !== undefined && burst.slice(0, -1).every((b) => b === undefined));
  } finally {
    client.dispose();
  }
});
