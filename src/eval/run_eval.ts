/** One evaluation: open a predictor, type every text through the simulator, pool the figures. */
import { openSource, type OpenOptions, type SourceDescription } from './engines';
import { summarize, type EvalFigures } from './figures';
import { emptyCounts, mergeCounts, simulateText } from './simulator';
import { splitWords, type WordMode } from './words';

export interface EvalText {
  /** File name, for the report. */
  name: string;
  text: string;
}

/** How to open the predictor (as `openSource` takes it), plus what to type and how to score it. */
export interface EvalRequest extends Omit<OpenOptions, 'suggestions'> {
  texts: EvalText[];
  suggestionCounts: number[];
  wordMode: WordMode;
  /** Words scored in all, taken from the texts in order. */
  maxWords?: number;
  /** Words scored at most per text (the benchmark spreads its budget over every held-out text). */
  maxWordsPerText?: number;
  /** Receives one line per scored word (JSON), for word-by-word comparisons. */
  trace?: (line: string) => void;
}

export interface EvalReport extends EvalFigures {
  settings: {
    suggestionCounts: number[];
    wordMode: WordMode;
    maxWords: number | null;
    maxWordsPerText: number | null;
    texts: { name: string; words: number; scored: number }[];
  };
  source: SourceDescription;
  /** The same figures for each text alone (texts differ a lot: speech, documentation, changelogs). */
  byText: ({ text: string } & EvalFigures)[];
  wallSeconds: number;
}

export async function runEvaluation(request: EvalRequest): Promise<EvalReport> {
  const started = performance.now();
  const log = request.log ?? (() => undefined);
  const { source, description } = await openSource({
    engine: request.engine,
    suggestions: Math.max(3, ...request.suggestionCounts),
    modelDir: request.modelDir,
    threads: request.threads,
    topK: request.topK,
    temperature: request.temperature,
    contextTokens: request.contextTokens,
    allowCorpusBuild: request.allowCorpusBuild,
    log,
  });
  const counts = emptyCounts(request.suggestionCounts);
  const texts: EvalReport['settings']['texts'] = [];
  const byText: EvalReport['byText'] = [];
  try {
    let budget = request.maxWords ?? Infinity;
    for (const [index, { name, text }] of request.texts.entries()) {
      const words = splitWords(text, request.wordMode).length;
      const scored = Math.min(words, budget, request.maxWordsPerText ?? Infinity);
      texts.push({ name, words, scored });
      if (scored === 0) continue;
      let lastLog = performance.now();
      const own = await simulateText(
        text,
        source,
        {
          suggestionCounts: request.suggestionCounts,
          wordMode: request.wordMode,
          maxWords: scored,
          docId: `eval-${index}-${name}`,
          onWord: request.trace ? (w) => request.trace?.(JSON.stringify({ text: name, ...w })) : undefined,
          onProgress: (done, total) => {
            if (performance.now() - lastLog > 15000 || done === total) {
              lastLog = performance.now();
              log(`${source.name} ${name}: ${done}/${total} words`);
            }
          },
        },
        emptyCounts(request.suggestionCounts),
      );
      mergeCounts(counts, own);
      byText.push({ text: name, ...summarize(request.engine, own) });
      budget -= scored;
    }
  } finally {
    await source.close();
  }
  return {
    ...summarize(request.engine, counts),
    settings: { suggestionCounts: request.suggestionCounts, wordMode: request.wordMode, maxWords: request.maxWords ?? null, maxWordsPerText: request.maxWordsPerText ?? null, texts },
    source: description,
    byText,
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
