// CLI faults found by QA: --help and --version on every command, negative numbers after a flag,
// --threads bounds and whole numbers, usage for an error on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { joinNegativeValues, VERSION } from '../../src/cli/args';
import { runCli, USAGE } from '../../src/cli/cli';
import { EVAL_USAGE } from '../../src/cli/eval_command';
import { commandLineBytes, MAX_COMMAND_LINE_BYTES } from '../../src/cli/long_text';
import { PREDICT_USAGE } from '../../src/cli/predict_command';
import { DecoderSession } from '../../src/engine/decoder_session';
import { Engine } from '../../src/engine/engine';
import { EngineError } from '../../src/engine/errors';
import { readGpt2Config } from '../../src/engine/model_config';
import { checkThreads, THREAD_LIMITS } from '../../src/engine/options';
import { clampSettings, NUMERIC_RULES } from '../../src/extension/settings';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'models', 'own');

/** runCli with stdout and stderr captured; eval writes through console, so that is captured too. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  try {
    const code = await runCli(argv, (l) => void out.push(l), (l) => void err.push(l));
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

const predict = (...flags: string[]): Promise<{ code: number; out: string; err: string }> => cli('predict', '--model', FIXTURE, ...flags, 'The cat sat on the');

test('every command prints its usage on stdout and exits 0 for -h and --help', async () => {
  const cases: [string[], string][] = [
    [['predict', '--help'], PREDICT_USAGE],
    [['predict', '-h'], PREDICT_USAGE],
    [['predict', '--top-k', '3', '--help', 'some text'], PREDICT_USAGE],
    [['eval', '--help'], EVAL_USAGE],
    [['eval', '-h'], EVAL_USAGE],
    [['--help'], USAGE],
    [['-h'], USAGE],
    [['help'], USAGE],
  ];
  for (const [argv, usage] of cases) {
    const { code, out, err } = await cli(...argv);
    assert.equal(code, 0, argv.join(' '));
    assert.equal(out, usage, argv.join(' '));
    assert.equal(err, '', argv.join(' '));
  }
});

test('--version prints the package version and exits 0, top-level and on every command', async () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal(VERSION, version);
  for (const argv of [['--version'], ['predict', '--version'], ['eval', '--version']]) {
    assert.deepEqual(await cli(...argv), { code: 0, out: version, err: '' }, argv.join(' '));
  }
});

test('a usage error prints usage on stderr, never stdout, and exits 2', async () => {
  for (const argv of [[], ['bogus'], ['--bogus'], ['predict', '--bogus', 'x'], ['eval', '--bogus']]) {
    const { code, out, err } = await cli(...argv);
    assert.equal(code, 2, argv.join(' '));
    assert.equal(out, '', argv.join(' '));
    assert.match(err, /usage/i, argv.join(' '));
  }
});

test('a negative number after a flag is its value, spelled either way', () => {
  const options = { 'top-k': { type: 'string' }, seed: { type: 'string', short: 's' }, json: { type: 'boolean' } } as const;
  assert.deepEqual(joinNegativeValues(['--top-k', '-3', 'x'], options), ['--top-k=-3', 'x']);
  assert.deepEqual(joinNegativeValues(['-s', '-1.5', '--top-k', '-.5'], options), ['--seed=-1.5', '--top-k=-.5']);
  assert.deepEqual(joinNegativeValues(['--top-k=-3'], options), ['--top-k=-3']);
  // Not a number, a boolean flag, or after `--`: left for parseArgs to judge.
  assert.deepEqual(joinNegativeValues(['--top-k', '-x'], options), ['--top-k', '-x']);
  assert.deepEqual(joinNegativeValues(['--json', '-3'], options), ['--json', '-3']);
  assert.deepEqual(joinNegativeValues(['--', '--top-k', '-3'], options), ['--', '--top-k', '-3']);
});

test('predict: out-of-range numbers, negative or not, either spelling, are clamped with the same warning', async () => {
  const cases: [string[], string][] = [
    [['--top-k', '-3'], 'warning: topK -3 is outside 1–20; using 1.'],
    [['--temperature', '-1'], 'warning: temperature -1 is outside 0–2; using 0.'],
    [['--threads', '-1'], 'warning: threads -1 is outside 0–64; using 0.'],
    [['--threads', '65'], 'warning: threads 65 is outside 0–64; using 64.'],
    [['--threads', '999'], 'warning: threads 999 is outside 0–64; using 64.'],
  ];
  for (const [[flag, value], warning] of cases) {
    for (const argv of [[flag, value], [`${flag}=${value}`]]) {
      const { code, out, err } = await predict(...argv, '--json');
      assert.equal(code, 0, `${argv.join(' ')}: ${err}`);
      assert.equal(err, warning, argv.join(' '));
      assert.ok(Array.isArray((JSON.parse(out) as { candidates: unknown[] }).candidates));
    }
  }
});

test('predict: a fractional count is a usage error (exit 2) that does not blame the model', async () => {
  for (const argv of [['--threads', '1.5'], ['--threads=1.5'], ['--top-k', '2.5'], ['--words', '1.2'], ['--context-tokens', '20.5']]) {
    const { code, out, err } = await predict(...argv);
    assert.equal(code, 2, argv.join(' '));
    assert.equal(out, '');
    const [message] = err.split('\n');
    assert.match(message, /must be a whole number/, argv.join(' '));
    assert.doesNotMatch(message, /onnx|model/i, argv.join(' '));
    assert.match(err, /Usage:/);
  }
});

test('eval: --threads must be a whole number, and a negative value reaches the flag check', async () => {
  const text = join(ROOT, 'README.md');
  const fractional = await cli('eval', '--text', text, '--threads', '1.5');
  assert.equal(fractional.code, 2);
  assert.match(fractional.err, /--threads must be a whole number/);
  const negative = await cli('eval', '--text', text, '--top-k', '-3');
  assert.equal(negative.code, 2);
  assert.match(negative.err, /--top-k must be a positive integer, got "-3"/, 'a negative value reaches the flag check, not parseArgs');
});

test('the engine checks threads before a session is created, as a bad request', async () => {
  assert.equal(checkThreads(0), 0);
  assert.equal(checkThreads(64), 64);
  for (const bad of [1.5, -1, 65, Number.NaN]) {
    assert.throws(() => checkThreads(bad), (e: unknown) => e instanceof EngineError && e.code === 'bad-request' && /whole number from 0 to 64/.test(e.message));
  }
  const config = await readGpt2Config(FIXTURE);
  for (const bad of [1.5, 65]) {
    await assert.rejects(DecoderSession.open(join(FIXTURE, 'model.onnx'), config, bad), (e: unknown) => e instanceof EngineError && e.code === 'bad-request' && !/onnx/.test(e.message));
  }
  await assert.rejects(Engine.load(FIXTURE, { threads: 1.5 }), (e: unknown) => e instanceof EngineError && e.code === 'bad-request');
});

test('the threads setting takes its bounds from THREAD_LIMITS', () => {
  const rule = NUMERIC_RULES.find((r) => r.key === 'threads');
  assert.deepEqual(rule && { min: rule.min, max: rule.max, integer: rule.integer }, { min: THREAD_LIMITS.min, max: THREAD_LIMITS.max, integer: THREAD_LIMITS.integer });
  assert.equal(clampSettings({ threads: 999 }).settings.threads, THREAD_LIMITS.max);
});

test('a TEXT argument too long for onnxruntime-node\'s command line is read from stdin in a fresh process', () => {
  // 40,000 characters: a session created in a process with this command line crashed with SIGSEGV.
  const text = 'word '.repeat(8000) + 'and the';
  const flags = ['predict', '--model', FIXTURE, '--json', '--top-k', '3'];
  const cliPath = join(ROOT, 'out', 'cli.js');
  const asArgument = spawnSync(process.execPath, [cliPath, ...flags, text], { encoding: 'utf8' });
  assert.equal(asArgument.status, 0, asArgument.stderr);
  const onStdin = spawnSync(process.execPath, [cliPath, ...flags], { input: text, encoding: 'utf8' });
  assert.equal(onStdin.status, 0, onStdin.stderr);
  const words = (run: SpawnSyncReturns<string>): string[] => (JSON.parse(run.stdout) as { candidates: { word: string }[] }).candidates.map((c) => c.word);
  assert.equal(words(asArgument).length, 3);
  assert.deepEqual(words(asArgument), words(onStdin));
  assert.equal(commandLineBytes(['node', 'cli.js', 'é']), 5 + 7 + 3);
  assert.ok(commandLineBytes([process.execPath, cliPath, ...flags, text]) > MAX_COMMAND_LINE_BYTES);
});
