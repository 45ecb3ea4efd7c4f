/**
 * The word n-gram's own share of a keystroke (issue 12: the whole-keystroke p95 may grow by at most
 * 2 ms, and the p95 of a whole keystroke on this shared machine moves by more than that between runs,
 * so the n-gram is timed alone): for every keystroke of the held-out texts, what the engine asks the
 * store (the context of the text before the word, the candidates for the typed prefix, the
 * probability of GPT-2's words), in microseconds. The shipped store and a baseline store (say the
 * trigram store before the 4-gram level) alternate in rounds in one process, so the ratio holds
 * however busy the machine is.
 *
 *   node out/bench/ngram_lookup.js --baseline FILE [--label TEXT] [--rounds 5] [--out bench/results/ngram-lookup.json]
 *
 * --label says in the report what the baseline is (its path is a temporary file as a rule).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { NgramModel, NGRAM_FILE } from '../src/engine/ngram_store';
import { defaultModelDir } from '../src/engine/model_location';
import { repoRoot } from '../src/eval/paths';
import { round } from '../src/eval/stats';
import { summary } from './latency_measure';

/** What ngram_blend.ts asks per keystroke: its candidate count and GPT-2's top-k words scored. */
const CANDIDATES = 12;
const SCORED_WORDS = ['the', 'a', 'to', 'and', 'of'];

interface Keystroke {
  textBefore: string;
  typed: string;
}

/** Every keystroke of `text`: the text before the current word and the part of it typed so far. */
function keystrokes(text: string): Keystroke[] {
  const out: Keystroke[] = [];
  let wordStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i > 0 && /\s/u.test(text[i - 1])) wordStart = i;
    out.push({ textBefore: text.slice(0, wordStart), typed: text.slice(wordStart, i) });
  }
  return out;
}

/** Microseconds per keystroke for one pass over `strokes` with a freshly loaded store (cold caches). */
function pass(bytes: Uint8Array, strokes: readonly Keystroke[]): number[] {
  const store = new NgramModel(bytes);
  const micros: number[] = [];
  for (const { textBefore, typed } of strokes) {
    const started = performance.now();
    const ctx = store.context(textBefore);
    if (!ctx.broken) {
      store.candidates(typed.toLowerCase(), ctx, CANDIDATES);
      for (const word of SCORED_WORDS) store.probability(word, ctx);
    }
    micros.push((performance.now() - started) * 1000);
  }
  return micros;
}

function main(): void {
  const { values } = parseArgs({ options: { baseline: { type: 'string' }, label: { type: 'string' }, rounds: { type: 'string', default: '5' }, out: { type: 'string' } } });
  if (!values.baseline) throw new Error('usage: ngram_lookup.js --baseline FILE [--rounds N] [--out FILE]');
  const root = repoRoot();
  const shippedFile = join(defaultModelDir(), NGRAM_FILE);
  const files = { shipped: shippedFile, baseline: values.baseline };
  const bytes = { shipped: readFileSync(files.shipped), baseline: readFileSync(files.baseline) };
  const dir = join(root, 'bench', 'heldout');
  const strokes = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => keystrokes(readFileSync(join(dir, f), 'utf8').slice(0, 3000)));
  const rounds = Number(values.rounds);
  if (!(rounds >= 1)) throw new Error('--rounds must be a positive whole number');
  const times: Record<'shipped' | 'baseline', number[]> = { shipped: [], baseline: [] };
  pass(bytes.baseline, strokes.slice(0, 500)); // warm the JIT before either is timed
  for (let r = 0; r < rounds; r++) {
    // Alternate which goes first, so neither always runs on a warmer machine.
    const order: Array<'shipped' | 'baseline'> = r % 2 === 0 ? ['baseline', 'shipped'] : ['shipped', 'baseline'];
    for (const which of order) times[which].push(...pass(bytes[which], strokes));
  }
  const shipped = summary(times.shipped);
  const baseline = summary(times.baseline);
  const report = {
    what: "The word n-gram's lookups per keystroke (context, candidates for the typed prefix, five word probabilities), microseconds, every keystroke of the first 3,000 characters of each bench/heldout text, the two stores alternating in rounds in one process",
    units: 'microseconds per keystroke',
    measuredAt: new Date().toISOString(),
    files: { shipped: files.shipped.replace(root + '/', ''), baseline: values.label ?? files.baseline },
    sizes: { shipped: bytes.shipped.byteLength, baseline: bytes.baseline.byteLength },
    keystrokesPerRound: strokes.length,
    rounds,
    shipped,
    baseline,
    ratio: { p50: round(shipped.p50 / baseline.p50, 3), p95: round(shipped.p95 / baseline.p95, 3), mean: round(shipped.mean / baseline.mean, 3) },
    addedMs: { p50: round((shipped.p50 - baseline.p50) / 1000, 4), p95: round((shipped.p95 - baseline.p95) / 1000, 4) },
  };
  const text = JSON.stringify(report, null, 2) + '\n';
  if (values.out) writeFileSync(values.out, text);
  process.stdout.write(text);
}

main();
