/**
 * Per-keystroke latency with the KV cache against full recomputation, measured side by side in one
 * run because these machines are noisy, for the embedded model and for latency twins of the GPT-2
 * models users can download (bench/tools/make_gpt2_twins.py: GPT-2's shapes, random weights, the
 * transformers.js int8 layout). Writes bench/results/latency.json.
 *
 * Env: BENCH_MODEL=DIR, BENCH_THREADS (2), BENCH_KEYSTROKES (120) / BENCH_RECOMPUTES (12) for the
 * embedded model, BENCH_TWIN_KEYSTROKES (30) / BENCH_TWIN_RECOMPUTES (3) per twin and context,
 * BENCH_TWINS=distilgpt2,gpt2,gpt2-medium[,embedded] (or 0 for none; embedded: reference row).
 * `--twins-only` measures only the twins named in BENCH_TWINS and replaces their rows in the existing
 * latency.json (each row says when it was measured), so one slow twin can be redone on its own.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { Engine, GENERATION_RESERVE } from '../src/engine/engine';
import { defaultModelDir } from '../src/engine/model_location';
import { round } from '../src/eval/stats';
import { repoRoot } from '../src/eval/paths';
import { benchText, KEYSTROKES, measureContext, measureDecode, THREADS } from './latency_measure';
import { breakdownReport } from './keystroke_breakdown';

const CONTEXTS = [64, 256, 1024];
const TWINS = (process.env.BENCH_TWINS ?? 'distilgpt2,gpt2,gpt2-medium').split(',').filter((n) => n && n !== '0');
const RESULTS = join(repoRoot(), 'bench', 'results', 'latency.json');
/** The targets for the whole keystroke at 1,024 tokens, p95 ms, 2 threads. */
const KEYSTROKE_P95_TARGET_MS: Record<string, number> = { distilgpt2: 35, gpt2: 60 };
const DECODE_OVER_BOUND_TARGET = 3;

/**
 * The embedded model was trained with fewer positions than the longest context measured here. Its
 * twin runs exactly the same operations per token, so its timings are the model's timings.
 */
async function latencyTwin(root: string, engine: Engine, positions: number): Promise<Engine | undefined> {
  const dir = join(root, '.cache', `latency-twin-${positions}`);
  const made = spawnSync('/usr/bin/python3', [join(root, 'bench', 'tools', 'make_latency_twin.py'), engine.info.directory, dir, String(positions)], { encoding: 'utf8' });
  if (made.status !== 0) {
    process.stderr.write(`latency twin not built: ${made.stderr || made.error?.message}\n`);
    return undefined;
  }
  return Engine.load(dir, { threads: THREADS });
}

/**
 * Each GPT-2 twin is measured in a child process of its own (latency_twin.ts), so its load time and
 * peak RSS are its own and not the sum of everything loaded before it.
 */
function measureGpt2Twins(root: string, onRow: (row: Record<string, unknown>) => void): void {
  if (TWINS.length === 0) return;
  const twinsDir = join(root, '.cache', 'gpt2-twins');
  // 'embedded': the embedded model's own 1,056-position twin (latencyTwin above), measured the same way
  // as a reference row, so that figures taken on a busy machine can be read against a known model.
  const dirOf = (name: string): string => (name === 'embedded' ? join(root, '.cache', `latency-twin-${1024 + GENERATION_RESERVE}`) : join(twinsDir, name));
  const missing = TWINS.filter((n) => n !== 'embedded' && !existsSync(join(twinsDir, n, 'onnx', 'decoder_model_merged_quantized.onnx')));
  if (missing.length > 0) {
    process.stderr.write(`building GPT-2 latency twins ${missing.join(', ')} (minutes)…\n`);
    const made = spawnSync('/usr/bin/python3', [join(root, 'bench', 'tools', 'make_gpt2_twins.py'), '--out', twinsDir, ...missing], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
    if (made.status !== 0) {
      for (const name of TWINS) onRow({ name, skipped: `twin not built: ${(made.stderr || made.error?.message || '').slice(-400)}` });
      return;
    }
  }
  for (const name of TWINS) {
    process.stderr.write(`measuring the ${name} twin…\n`);
    if (!existsSync(join(dirOf(name), 'config.json'))) {
      onRow({ name, skipped: `${dirOf(name)} is missing (run bench:latency once without --twins-only)` });
      continue;
    }
    const child = spawnSync(process.execPath, [join(__dirname, 'latency_twin.js'), dirOf(name)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
    if (child.status !== 0) {
      onRow({ name, skipped: `measurement failed (exit ${child.status})` });
      continue;
    }
    const row = JSON.parse(child.stdout) as Record<string, unknown> & { contexts: { contextTokens: number; keystrokeTop3Ms: { p95: number } }[]; decodeOverBound: number };
    const at1024 = row.contexts.find((c) => c.contextTokens === 1024);
    const target = KEYSTROKE_P95_TARGET_MS[name];
    onRow({
      name,
      ...row,
      loadAverageAtEnd: loadavg().map((l) => round(l, 2)),
      measuredAt: new Date().toISOString(),
      targets: {
        keystrokeP95At1024Ms: target ?? null,
        keystrokeP95At1024Met: target !== undefined && at1024 ? at1024.keystrokeTop3Ms.p95 <= target : null,
        decodeOverBound: DECODE_OVER_BOUND_TARGET,
        decodeOverBoundMet: row.decodeOverBound <= DECODE_OVER_BOUND_TARGET,
      },
    });
  }
}

/** Replaces the row of the same twin (or appends) and writes latency.json at once, so a stopped run keeps what it measured. */
function earlierTwinRows(): Record<string, unknown>[] {
  if (!existsSync(RESULTS)) return [];
  const earlier = JSON.parse(readFileSync(RESULTS, 'utf8')) as { gpt2Twins?: Record<string, unknown>[] };
  return earlier.gpt2Twins ?? [];
}

function saveTwinRow(report: { gpt2Twins: Record<string, unknown>[] }, row: Record<string, unknown>): void {
  const at = report.gpt2Twins.findIndex((r) => r.name === row.name);
  if (at >= 0) report.gpt2Twins[at] = row;
  else report.gpt2Twins.push(row);
  writeFileSync(RESULTS, JSON.stringify(report, null, 2) + '\n');
}

async function twinsOnly(): Promise<void> {
  const report = (existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {}) as { gpt2Twins?: Record<string, unknown>[] };
  const withTwins = { ...report, gpt2Twins: report.gpt2Twins ?? [] };
  mkdirSync(join(repoRoot(), 'bench', 'results'), { recursive: true });
  measureGpt2Twins(repoRoot(), (row) => saveTwinRow(withTwins, row));
  process.stdout.write(JSON.stringify(withTwins.gpt2Twins, null, 2) + '\n');
}

async function main(): Promise<void> {
  const root = repoRoot();
  // Other work on a shared machine shows up here; figures taken under load are slower than a quiet machine's.
  const loadAtStart = loadavg().map((l) => round(l, 2));
  const modelDir = process.env.BENCH_MODEL ?? defaultModelDir();
  const loadStarted = performance.now();
  const engine = await Engine.load(modelDir, { threads: THREADS });
  const loadMs = performance.now() - loadStarted;
  const text = benchText(root);
  const results: Record<string, unknown>[] = [];

  for (const contextTokens of CONTEXTS) {
    if (contextTokens + GENERATION_RESERVE <= engine.info.nPositions) {
      results.push(await measureContext(engine, contextTokens, text));
      continue;
    }
    const twin = await latencyTwin(root, engine, contextTokens + GENERATION_RESERVE);
    if (!twin) {
      results.push({ contextTokens, skipped: `the model's n_positions is ${engine.info.nPositions} and no latency twin could be built` });
      continue;
    }
    results.push({ ...(await measureContext(twin, contextTokens, text)), measuredOn: `latency twin: the same graph and weights with the position table tiled to ${twin.info.nPositions} (the model was trained with ${engine.info.nPositions})` });
    await twin.dispose();
  }
  const decode = await measureDecode(engine, text);
  const keystrokeBreakdown = process.env.BENCH_BREAKDOWN === '0' ? undefined : await breakdownReport(root, engine, text, (positions) => latencyTwin(root, engine, positions), THREADS);
  const report = {
    model: engine.info.name,
    modelFile: engine.info.file.replace(root + '/', ''),
    loadMs: round(loadMs, 1),
    threads: THREADS,
    keystrokes: KEYSTROKES,
    contexts: results,
    ...decode,
    peakRssMB: round(process.resourceUsage().maxRSS / 1024, 1),
    cache: engine.cacheStats(),
    keystrokeBreakdown,
    // Rows of twins not measured this time (BENCH_TWINS) stay as they were, each with its own date.
    gpt2Twins: earlierTwinRows(),
    loadAverage: { atStart: loadAtStart, atEnd: [] as number[] },
    measuredAt: new Date().toISOString(),
  };
  await engine.dispose();
  report.loadAverage.atEnd = loadavg().map((l) => round(l, 2));
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify(report, null, 2) + '\n');
  measureGpt2Twins(root, (row) => saveTwinRow(report, row));
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

void (process.argv.includes('--twins-only') ? twinsOnly() : main()).catch((error: unknown) => {
  process.stderr.write(`bench:latency failed: ${String(error)}\n`);
  process.exitCode = 1;
});
