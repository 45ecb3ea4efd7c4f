import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEvalCommand } from '../../src/cli/eval_command';
import { Gpt2Source, type PredictingEngine } from '../../src/eval/gpt2_source';
import type { Prediction, PredictOptions } from '../../src/engine/types';

const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'models', 'own');

/** Runs the command with console output captured. */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  try {
    return { code: await runEvalCommand(argv), out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

test('usage errors exit with 2', async () => {
  assert.equal((await run([])).code, 2);
  assert.equal((await run(['--text', 'x.txt', '--engine', 'bogus'])).code, 2);
  assert.equal((await run(['--text', 'x.txt', '--suggestions', '0'])).code, 2);
  assert.equal((await run(['--text', '/nonexistent/file.txt'])).code, 2);
});

test('eval --json on the fixture model prints one JSON object with the figures', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pk-eval-'));
  const file = join(dir, 'text.txt');
  writeFileSync(file, 'The quick brown fox jumps over the lazy dog. It was a bright cold day in April.');
  const { code, out, err } = await run(['--text', file, '--model', FIXTURE, '--max-words', '6', '--json', '--no-cache']);
  assert.equal(code, 0, err);
  const report = JSON.parse(out) as { words: number; predictions: number; caseSensitive: { runs: { suggestions: number; keystrokesNeeded: number }[] } };
  assert.equal(report.words, 6);
  assert.deepEqual(report.caseSensitive.runs.map((r) => r.suggestions), [1, 3, 6]);
  // The 3 + 5 + 5 + 3 + 5 + 4 letters of the first six words, each plus a space.
  assert.equal(report.caseSensitive.runs[0].keystrokesNeeded, 25 + 6);
  assert.ok(report.predictions >= 6);
});

test('the gpt2 adapter asks for enough candidates and aligns them with what the engine saw typed', async () => {
  const seen: { text: string; options: PredictOptions; docId: string }[] = [];
  const engine: PredictingEngine = {
    predict: async ({ docId, text, options }) => {
      seen.push({ docId, text, options });
      const p: Prediction = { mode: 'completion', typed: 'do', candidates: [{ word: "don't", text: "don't", probability: 0.5 }], phrase: '', tokensFed: 0, contextTokens: 3, latencyMs: 7 };
      return p;
    },
    forget: () => undefined,
    dispose: async () => undefined,
  };
  const source = new Gpt2Source(engine, { temperature: 0, contextTokens: 128, topK: 2, documentCache: false });
  const batch = await source.suggest('d', 'I do', 6);
  assert.deepEqual(batch.suggestions, [{ word: "don't", replaces: 2 }]);
  assert.equal(batch.internalMs, 7);
  assert.equal(seen[0].options.topK, 6, 'never fewer candidates than the simulator shows');
  assert.equal(seen[0].options.temperature, 0);
  assert.equal(seen[0].options.documentCache, false, '--no-cache reaches the engine');
  assert.equal(source.name, 'gpt2-nocache');
  assert.equal(seen[0].options.contextTokens, 128);
  assert.equal(seen[0].text, 'I do');
});
