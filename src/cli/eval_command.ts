/**
 * `predictive-keyboard eval`: keystroke savings and accuracy of an engine on a text, scored by the
 * Presage-compatible simulator in src/eval.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ENGINE_NAMES, type EngineName } from '../eval/engines';
import { formatReport } from '../eval/format';
import { runEvaluation } from '../eval/run_eval';
import type { WordMode } from '../eval/words';
import { COMMON_OPTIONS, infoRequested, nonNegativeFlag, parseCommandLine, positiveIntFlag, threadsFlag, UsageError } from './args';

export const EVAL_USAGE = `usage: predictive-keyboard eval --text FILE [--text FILE ...] [--suggestions N] [--engine gpt2|gpt2-nocache|gpt2-nongram|presage|presage-corpus|presage-learning]
       [--model DIR] [--max-words W] [--json] [--top-k K] [--temperature T] [--context-tokens C]
       [--threads T] [--words presage|keyboard] [--build-corpus] [--trace FILE] [--no-cache] [--no-ngram]

  --suggestions N   suggestions shown per query (default: scores N = 1, 3 and 6 in one pass)
  --engine          gpt2 (our model, default), presage (its shipped English database),
                    presage-corpus (text2ngram n=1..3 database of our model's training split),
                    gpt2-nocache (our model without the document word cache),
                    gpt2-nongram (our model without the word n-gram),
                    presage-learning (the shipped database with Presage's online learning on)
  --max-words W     score only the first W words (over all texts, in order)
  --words           how words are cut: presage (default; like presage_simulator, apostrophes and
                    hyphens split words) or keyboard (apostrophes stay inside words)
  --build-corpus    presage-corpus may run training/build_corpus.py when the corpus is missing
  --trace FILE      write one JSON line per word: characters typed before it was offered, per N
  --no-cache        our engine without the document word cache (same as --engine gpt2-nocache)
  --no-ngram        our engine without the word n-gram (same as --engine gpt2-nongram)
Prints KSR case-sensitive and case-insensitive, next-word and completion accuracy, latency.`;

function traceWriter(file: string): (line: string) => void {
  writeFileSync(file, '');
  return (line) => appendFileSync(file, line + '\n');
}

export async function runEvalCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine({
      args: argv,
      options: {
        text: { type: 'string', multiple: true },
        suggestions: { type: 'string' },
        engine: { type: 'string', default: 'gpt2' },
        model: { type: 'string' },
        'max-words': { type: 'string' },
        json: { type: 'boolean', default: false },
        'top-k': { type: 'string' },
        temperature: { type: 'string' },
        'context-tokens': { type: 'string' },
        threads: { type: 'string' },
        words: { type: 'string', default: 'presage' },
        'build-corpus': { type: 'boolean', default: false },
        trace: { type: 'string' },
        'no-cache': { type: 'boolean', default: false },
        'no-ngram': { type: 'boolean', default: false },
        ...COMMON_OPTIONS,
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${EVAL_USAGE}`);
    return 2;
  }
  const v = parsed.values;
  const info = infoRequested(v, EVAL_USAGE);
  if (info !== undefined) {
    console.log(info);
    return 0;
  }
  let request;
  try {
    if (!v.text || v.text.length === 0) throw new UsageError('--text FILE is required');
    if (!(ENGINE_NAMES as readonly string[]).includes(v.engine)) throw new UsageError(`--engine must be one of ${ENGINE_NAMES.join(', ')}, got "${v.engine}"`);
    if (v.words !== 'presage' && v.words !== 'keyboard') throw new UsageError(`--words must be presage or keyboard, got "${v.words}"`);
    const n = positiveIntFlag('suggestions', v.suggestions);
    const texts = v.text.map((file) => {
      try {
        return { name: basename(file), text: readFileSync(file, 'utf8') };
      } catch (error) {
        throw new UsageError(`cannot read --text ${file}: ${(error as Error).message}`);
      }
    });
    request = {
      engine: (v.engine === 'gpt2' && v['no-cache'] ? 'gpt2-nocache' : v.engine === 'gpt2' && v['no-ngram'] ? 'gpt2-nongram' : v.engine) as EngineName,
      texts,
      suggestionCounts: n === undefined ? [1, 3, 6] : [n],
      wordMode: v.words as WordMode,
      maxWords: positiveIntFlag('max-words', v['max-words']),
      modelDir: v.model,
      threads: threadsFlag(v.threads, undefined, (line) => console.error(line)),
      topK: positiveIntFlag('top-k', v['top-k']),
      temperature: nonNegativeFlag('temperature', v.temperature),
      contextTokens: positiveIntFlag('context-tokens', v['context-tokens']),
      allowCorpusBuild: v['build-corpus'],
      trace: v.trace === undefined ? undefined : traceWriter(v.trace),
      // Progress goes to stderr so --json output stays one clean object on stdout.
      log: (line: string) => console.error(line),
    };
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${EVAL_USAGE}`);
      return 2;
    }
    throw error;
  }
  try {
    const report = await runEvaluation(request);
    console.log(v.json ? JSON.stringify(report) : formatReport(report));
    return 0;
  } catch (error) {
    console.error(`eval failed: ${(error as Error).message}`);
    return 1;
  }
}
