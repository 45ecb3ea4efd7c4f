import { readFileSync } from 'node:fs';
import { Engine } from '../engine/engine';
import { defaultModelDir } from '../engine/model_location';
import { normalizeOptions } from '../engine/options';
import type { Prediction } from '../engine/types';
import { commandLineBytes, MAX_COMMAND_LINE_BYTES, rerunWithTextOnStdin } from './long_text';
import { COMMON_OPTIONS, infoRequested, numberFlag, parseCommandLine, threadsFlag, UsageError, wholeNumberFlag } from './args';

export const PREDICT_USAGE = `predictive-keyboard predict [--top-k N] [--temperature T] [--words N] [--context-tokens N]
                           [--seed N] [--model DIR] [--threads N] [--json] TEXT
  Prints the ranked next-word or word-completion candidates for TEXT (the text before the cursor),
  the ghost-text phrase and the latency. Without TEXT, the text is read from stdin.
  Out-of-range numbers are clamped with a warning (top-k 1–20, temperature 0–2, words 1–8,
  context tokens 16–n_positions, threads 0–64, 0 = automatic; default 2); counts must be whole numbers.`;

export async function runPredictCommand(argv: readonly string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const { values: v, positionals, tokens } = parseCommandLine({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    tokens: true,
    options: {
      'top-k': { type: 'string' },
      temperature: { type: 'string' },
      words: { type: 'string' },
      'context-tokens': { type: 'string' },
      seed: { type: 'string' },
      model: { type: 'string' },
      threads: { type: 'string' },
      json: { type: 'boolean', default: false },
      ...COMMON_OPTIONS,
    },
  });
  const info = infoRequested(v, PREDICT_USAGE);
  if (info !== undefined) {
    out(info);
    return 0;
  }
  if (positionals.length > 0 && commandLineBytes() > MAX_COMMAND_LINE_BYTES) {
    // Before any flag is checked, so that the fresh process gives each warning or error once.
    const options = tokens.flatMap((t) => (t.kind === 'option' ? [t.value === undefined ? `--${t.name}` : `--${t.name}=${t.value}`] : []));
    return rerunWithTextOnStdin(['predict', ...options], positionals.join(' '), out, err);
  }
  const requested = {
    topK: wholeNumberFlag('top-k', v['top-k']),
    temperature: numberFlag('temperature', v.temperature),
    maxWords: wholeNumberFlag('words', v.words),
    contextTokens: wholeNumberFlag('context-tokens', v['context-tokens']),
    seed: numberFlag('seed', v.seed),
  };
  const threads = threadsFlag(v.threads, 2, err);
  const text = positionals.length > 0 ? positionals.join(' ') : readStdin();
  const engine = await Engine.load(v.model ?? defaultModelDir(), { threads });
  try {
    const { options, warnings } = normalizeOptions(stripUndefined(requested), engine.info.nPositions);
    for (const warning of warnings) err(`warning: ${warning}`);
    const prediction = await engine.predict({ docId: 'cli', text, textOffset: 0, options });
    if (v.json) out(JSON.stringify({ model: engine.info.name, options, loadMs: round(engine.info.loadMs), ...prediction }, null, 2));
    else printHuman(prediction, engine.info.name, engine.info.loadMs, out);
    return 0;
  } finally {
    await engine.dispose();
  }
}

function printHuman(prediction: Prediction, model: string, loadMs: number, out: (line: string) => void): void {
  out(`${prediction.mode === 'completion' ? `completing "${prediction.typed}"` : 'next word'}  (model ${model}, ${prediction.contextTokens} context tokens)`);
  if (prediction.candidates.length === 0) out('  (no candidates)');
  prediction.candidates.forEach((c, i) => out(`  ${String(i + 1).padStart(2)}. ${c.word.padEnd(20)} ${(c.probability * 100).toFixed(2).padStart(6)}%`));
  out(`phrase: ${JSON.stringify(prediction.phrase)}`);
  out(`latency: ${prediction.latencyMs.toFixed(1)} ms (model load ${loadMs.toFixed(0)} ms)`);
}

function readStdin(): string {
  if (process.stdin.isTTY) throw new UsageError('Give TEXT as an argument or on stdin.');
  return readFileSync(0, 'utf8');
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
