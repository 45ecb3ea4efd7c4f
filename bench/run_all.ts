/**
 * `npm run bench`: the latency benchmark, then the keystroke-savings evaluation of every engine on
 * the held-out texts (bench/heldout/*.txt), then bench/results/{eval-*.json, eval.json,
 * summary.md, eval-chart.svg}. Works on a fresh machine: installs Presage's apt packages when they
 * are missing and builds the Presage corpus database from training/data on first use.
 *
 *   node out/bench/run_all.js [--max-words-per-text W | --total-words W] [--engines gpt2,presage-corpus,presage]
 *                             [--skip-latency] [--model DIR] [--threads T] [--heldout DIR] [--reuse E1,E2]
 *
 * --reuse: these engines are not run; their bench/results/eval-<engine>.json from an earlier run is
 * used, and only if it typed the same texts, the same words and the same suggestion counts (Presage's
 * figures do not change when our model does, so a model swap need not re-run them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { barChartSvg } from '../src/eval/chart_svg';
import { ENGINE_NAMES, type EngineName } from '../src/eval/engines';
import { checkGoal, perTextMargins } from '../src/eval/goal';
import { repoRoot, SHIPPED_PRESAGE_DB } from '../src/eval/paths';
import { crossCheckPresage } from '../src/eval/presage_crosscheck';
import { ensureBridge } from '../src/eval/presage_setup';
import { runEvaluation, type EvalReport, type EvalText } from '../src/eval/run_eval';
import { perTextTable, resultsTable } from '../src/eval/summary_md';

/**
 * Words typed per engine and held-out text: each text weighs the same, and a text added later does
 * not change how much of the others is scored (eight texts: 2,000 words). Our model spends ~0.2 s per
 * word on 2 busy cores (three times: as shipped, without the n-gram, without the document cache),
 * Presage on the corpus database ~0.1 s: `npm run bench` takes about 25 minutes.
 */
const DEFAULT_WORDS_PER_TEXT = 250;
const CROSS_CHECK_WORDS = 300;
const SUGGESTION_COUNTS = [1, 3, 6];
const APT_PACKAGES = ['presage', 'libpresage-dev', 'libpresage-data', 'g++'];

const log = (line: string): void => console.error(`[bench] ${line}`);

function commandExists(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Installs Presage from Debian when any piece is missing (root, or passwordless sudo). */
function ensurePresageInstalled(): void {
  const missing = !commandExists('text2ngram') || !commandExists('presage_simulator') || !commandExists('g++') || !existsSync('/usr/include/presage.h') || !existsSync(SHIPPED_PRESAGE_DB);
  if (!missing) return;
  log(`installing ${APT_PACKAGES.join(' ')} with apt-get`);
  const asRoot = process.getuid?.() === 0;
  const run = (args: string[]): boolean => {
    const [cmd, argv] = asRoot ? ['apt-get', args] : ['sudo', ['-n', 'apt-get', ...args]];
    return spawnSync(cmd, argv, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  };
  if (!run(['install', '-y', ...APT_PACKAGES]) && !(run(['update']) && run(['install', '-y', ...APT_PACKAGES]))) {
    throw new Error(`could not install ${APT_PACKAGES.join(' ')}; install them (Debian/Ubuntu: apt-get install ${APT_PACKAGES.join(' ')}) and rerun`);
  }
}

function heldoutTexts(dir: string): EvalText[] {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')).sort() : [];
  if (files.length === 0) throw new Error(`no held-out texts: expected ${dir}/*.txt`);
  return files.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
  log(`wrote ${file}`);
}

function chart(reports: EvalReport[]): string {
  const ksr = (r: EvalReport, mode: 'caseSensitive' | 'caseInsensitive', n: number): number => r[mode].runs.find((x) => x.suggestions === n)?.ksr ?? Number.NaN;
  return barChartSvg({
    title: 'Keystroke savings (KSR) and next-word accuracy on held-out prose',
    groups: [...SUGGESTION_COUNTS.map((n) => `KSR N=${n}`), ...SUGGESTION_COUNTS.map((n) => `KSR -i N=${n}`), 'Top-1', 'Top-3'],
    series: reports.map((r) => ({
      name: r.engine,
      values: [
        ...SUGGESTION_COUNTS.map((n) => ksr(r, 'caseSensitive', n)),
        ...SUGGESTION_COUNTS.map((n) => ksr(r, 'caseInsensitive', n)),
        r.caseSensitive.accuracy.nextWordTop1,
        r.caseSensitive.accuracy.nextWordTop3,
      ],
    })),
  });
}

/** An earlier report of one engine when it typed exactly these texts and words; else why not. */
function reusableReport(file: string, texts: EvalText[], maxWordsPerText: number): EvalReport | string {
  if (!existsSync(file)) return `${file} does not exist`;
  const report = JSON.parse(readFileSync(file, 'utf8')) as EvalReport;
  const same =
    report.settings.maxWordsPerText === maxWordsPerText &&
    JSON.stringify(report.settings.suggestionCounts) === JSON.stringify(SUGGESTION_COUNTS) &&
    JSON.stringify(report.settings.texts.map((t) => t.name)) === JSON.stringify(texts.map((t) => t.name));
  return same ? report : `${file} typed other texts, words or suggestion counts`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'max-words-per-text': { type: 'string' },
      'total-words': { type: 'string' },
      // The fair comparison next to ours, the shipped database last.
      engines: { type: 'string', default: 'gpt2,gpt2-nongram,gpt2-nocache,presage-corpus,presage,presage-learning' },
      'skip-latency': { type: 'boolean', default: false },
      model: { type: 'string' },
      threads: { type: 'string' },
      heldout: { type: 'string' },
      reuse: { type: 'string', default: '' },
    },
  });
  const root = repoRoot();
  const results = join(root, 'bench', 'results');
  mkdirSync(results, { recursive: true });
  const engines = values.engines.split(',').filter((e): e is EngineName => (ENGINE_NAMES as readonly string[]).includes(e));
  const failures: string[] = [];
  const started = Date.now();
  const texts = heldoutTexts(values.heldout ?? join(root, 'bench', 'heldout'));
  const maxWordsPerText = values['max-words-per-text']
    ? Number(values['max-words-per-text'])
    : values['total-words'] ? Math.ceil(Number(values['total-words']) / texts.length) : DEFAULT_WORDS_PER_TEXT;
  const totalWords = maxWordsPerText * texts.length;
  if (!(maxWordsPerText > 0)) throw new Error('--max-words-per-text and --total-words must be positive numbers');

  if (!values['skip-latency']) {
    log('npm run bench:latency');
    const latency = spawnSync('npm', ['run', 'bench:latency'], { cwd: root, stdio: 'inherit' });
    if (latency.status !== 0) failures.push(`bench:latency exited with ${latency.status ?? latency.signal}`);
  }

  let runnable = engines;
  if (engines.some((e) => e !== 'gpt2')) {
    try {
      ensurePresageInstalled();
    } catch (error) {
      failures.push(`Presage: ${(error as Error).message}`);
      runnable = engines.filter((e) => e === 'gpt2');
    }
  }

  const reports: EvalReport[] = [];
  const reused = values.reuse.split(',').filter((e): e is EngineName => (ENGINE_NAMES as readonly string[]).includes(e) && engines.includes(e as EngineName));
  for (const engine of reused) {
    const earlier = reusableReport(join(results, `eval-${engine}.json`), texts, maxWordsPerText);
    if (typeof earlier === 'string') failures.push(`--reuse ${engine}: ${earlier}`);
    else {
      log(`reusing ${engine} from eval-${engine}.json (${earlier.wallSeconds} s when it ran)`);
      reports.push(earlier);
    }
  }
  runnable = runnable.filter((e) => !reused.includes(e));
  for (const engine of runnable) {
    log(`evaluating ${engine} on ${texts.length} held-out texts, up to ${maxWordsPerText} words each`);
    try {
      const report = await runEvaluation({
        engine,
        texts,
        suggestionCounts: SUGGESTION_COUNTS,
        wordMode: 'presage',
        maxWordsPerText,
        modelDir: values.model,
        threads: values.threads ? Number(values.threads) : undefined,
        temperature: 0,
        allowCorpusBuild: true,
        log,
      });
      reports.push(report);
      writeJson(join(results, `eval-${engine}.json`), report);
    } catch (error) {
      failures.push(`${engine}: ${(error as Error).message}`);
      log(`${engine} failed: ${(error as Error).message}`);
    }
  }

  // Tables in the order asked for, whether run now or reused.
  reports.sort((a, b) => engines.indexOf(a.engine as EngineName) - engines.indexOf(b.engine as EngineName));

  let crossCheck: unknown = null;
  if (runnable.includes('presage')) {
    try {
      const rows = await crossCheckPresage(texts[0].text, CROSS_CHECK_WORDS, SHIPPED_PRESAGE_DB, ensureBridge(root), SUGGESTION_COUNTS);
      crossCheck = { text: texts[0].name, words: CROSS_CHECK_WORDS, allAgree: rows.every((r) => r.agrees), rows };
      writeJson(join(results, 'presage-simulator-check.json'), crossCheck);
      if (!rows.every((r) => r.agrees)) failures.push('our simulator disagrees with presage_simulator (see presage-simulator-check.json)');
    } catch (error) {
      failures.push(`presage_simulator cross-check: ${(error as Error).message}`);
    }
  }

  const ours = reports.find((r) => r.engine === 'gpt2');
  const fair = reports.find((r) => r.engine === 'presage-corpus');
  const goal = ours && fair ? checkGoal(ours, fair, reports.find((r) => r.engine === 'presage')) : null;
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  let gitCommit = 'unknown';
  try {
    gitCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    // Not a git checkout: leave it unknown.
  }
  writeJson(join(results, 'eval.json'), {
    date: new Date().toISOString(),
    gitCommit,
    machine,
    settings: { suggestionCounts: SUGGESTION_COUNTS, totalWords, maxWordsPerText, wordMode: 'presage', temperature: 0, texts: texts.map((t) => t.name) },
    goal,
    crossCheck,
    failures,
    results: reports,
  });
  if (reports.length > 0) {
    writeFileSync(join(results, 'eval-chart.svg'), chart(reports));
    const table = resultsTable(reports, SUGGESTION_COUNTS);
    const model = ours?.source.model;
    const summary = [
      '# Keystroke savings on held-out prose',
      '',
      `${texts.length} held-out texts (${texts.map((t) => t.name).join(', ')}), the first ${maxWordsPerText} words of each; ` +
        `${reports[0].words} words typed per engine. KSR and accuracy in %, latency per prediction in ms ` +
        `(wall time around the call; Presage's includes the pipe round trip to its bridge process). ` +
        `Top-1/top-3: next word at word starts, case-sensitive. ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, commit ${gitCommit}.`,
      '',
      table,
      '',
      perTextTable(reports, [1, 3]),
      '',
      ...(ours && fair ? [perTextMargins(ours, fair), ''] : []),
      model ? `gpt2 = ${model.name} (${model.nLayer} layers, ${model.nHead} heads, ${model.nEmbd} wide, ${model.pastType} KV cache), temperature 0, top-k ${ours?.source.engineOptions?.topK}, ${ours?.source.engineOptions?.contextTokens} context tokens.` : '',
      fair?.source.presage?.corpus ? `presage-corpus = text2ngram n=1..3 over our model's training split (${fair.source.presage.corpus.documents} documents, ${(fair.source.presage.corpus.bytes / 1e6).toFixed(1)} MB).` : '',
      'gpt2-nongram = the same model without the word n-gram (eval --no-ngram); gpt2-nocache = without the document word cache. presage = Debian libpresage-data English database. presage and presage-corpus: smoothed trigram + recency predictors, learning off; presage-learning = presage with its online learning on, as shipped (into a private copy of the database).',
      '',
      ...(goal ? ['Goal (beat presage-corpus on KSR at N=1 and N=3, p95 ≤ 5× Presage):', '', ...goal.lines.map((l) => `- ${l}`), ''] : []),
      ...(failures.length > 0 ? ['Failures:', '', ...failures.map((f) => `- ${f}`), ''] : []),
    ].join('\n');
    writeFileSync(join(results, 'summary.md'), summary);
    log(`wrote ${join(results, 'summary.md')} and eval-chart.svg`);
    console.log(summary);
  }
  log(`done in ${Math.round((Date.now() - started) / 1000)} s${failures.length ? `, ${failures.length} failure(s)` : ''}`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[bench] ${(error as Error).message}`);
    process.exit(1);
  },
);
