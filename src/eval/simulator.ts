/**
 * Types a text word by word the way Presage's presage_simulator does and counts keystrokes.
 *
 * Per word: ask for suggestions before its first character and after each typed character. When
 * the word is among the first N suggestions, selecting it costs 1 keystroke and the space after it
 * is free; otherwise the next character is typed (1 keystroke). A word never offered costs its
 * length + 1 (the space). Without prediction every word costs its length + 1.
 *
 * Differences from presage_simulator, all deliberate:
 * - No query after the last character: a hit there costs length + 1, the same as a miss, so the
 *   query cannot change the score and would only add load. (presage_simulator asks it.)
 * - presage_simulator starts its selection counter `ks` at 1, an off-by-one that lowers every KSR
 *   by 1/kn; we start at 0.
 * - The context is the real text before the cursor (punctuation, case and line breaks included),
 *   not the re-spaced token stream presage_simulator rebuilds, so a neural model sees real prose.
 *
 * One pass scores every N and both case modes at once: the contexts a simulated person produces do
 * not depend on N or case (the text ends up the same), so we keep asking until the strictest
 * setting (smallest N, case-sensitive) has hit, and read the looser settings off the same answers.
 */
import type { SuggestionSource, Suggestion } from './source';
import { splitWords, wordAt, type WordMode } from './words';

export interface SimulationConfig {
  /** The N values to score (suggestions shown to the person), e.g. [1, 3, 6]. */
  suggestionCounts: readonly number[];
  wordMode: WordMode;
  /** Score only the first W words of the text. */
  maxWords?: number;
  docId: string;
  /** Milliseconds clock; injectable so tests are deterministic. */
  now?: () => number;
  onProgress?: (wordsDone: number, wordsTotal: number) => void;
  /** Per-word outcome, for comparing engines word by word (eval --trace). */
  onWord?: (trace: WordTrace) => void;
}

export interface WordTrace {
  word: string;
  start: number;
  /** Per N (in suggestionCounts order): characters typed before the word was offered, null if never. */
  caseSensitive: (number | null)[];
  caseInsensitive: (number | null)[];
  /** What was offered before the first character (the next-word list). */
  offeredAtStart: string[];
}

/** Keystroke counts for one N in one case mode. */
export interface RunCounts {
  suggestions: number;
  /** Keystrokes without prediction: each word's length + 1. */
  needed: number;
  /** Keystrokes spent with prediction. */
  spent: number;
  /** Queries a simulator scoring only this setting would have made. */
  predictions: number;
  hitsBeforeTyping: number;
  hitsWhileTyping: number;
  neverOffered: number;
}

/** Ranking accuracy, independent of N: at word starts and after 1 or 2 typed characters. */
export interface AccuracyCounts {
  wordStarts: number;
  startTop1: number;
  startTop3: number;
  /** Words of 2+ characters, after their first character. */
  after1: number;
  after1Top1: number;
  after1Top3: number;
  /** Words of 3+ characters, after their first two characters. */
  after2: number;
  after2Top1: number;
  after2Top3: number;
}

export interface CaseCounts {
  runs: RunCounts[];
  accuracy: AccuracyCounts;
}

export interface SimulationCounts {
  words: number;
  /** Queries actually sent to the predictor. */
  queries: number;
  /** Wall time of every query, in milliseconds, measured around the predictor call. */
  latenciesMs: number[];
  /** The predictor's own time per query, where it reports one. */
  internalMs: number[];
  caseSensitive: CaseCounts;
  caseInsensitive: CaseCounts;
}

function emptyCase(ns: readonly number[]): CaseCounts {
  return {
    runs: ns.map((n) => ({ suggestions: n, needed: 0, spent: 0, predictions: 0, hitsBeforeTyping: 0, hitsWhileTyping: 0, neverOffered: 0 })),
    accuracy: { wordStarts: 0, startTop1: 0, startTop3: 0, after1: 0, after1Top1: 0, after1Top3: 0, after2: 0, after2Top1: 0, after2Top3: 0 },
  };
}

export function emptyCounts(ns: readonly number[]): SimulationCounts {
  return { words: 0, queries: 0, latenciesMs: [], internalMs: [], caseSensitive: emptyCase(ns), caseInsensitive: emptyCase(ns) };
}

/** Adds `from` into `into` (same suggestion counts), so per-text counts can be pooled. */
export function mergeCounts(into: SimulationCounts, from: SimulationCounts): SimulationCounts {
  into.words += from.words;
  into.queries += from.queries;
  into.latenciesMs.push(...from.latenciesMs);
  into.internalMs.push(...from.internalMs);
  for (const mode of ['caseSensitive', 'caseInsensitive'] as const) {
    from[mode].runs.forEach((run, k) => {
      const target = into[mode].runs[k];
      if (target.suggestions !== run.suggestions) throw new Error('cannot merge counts for different suggestion counts');
      target.needed += run.needed;
      target.spent += run.spent;
      target.predictions += run.predictions;
      target.hitsBeforeTyping += run.hitsBeforeTyping;
      target.hitsWhileTyping += run.hitsWhileTyping;
      target.neverOffered += run.neverOffered;
    });
    const a = into[mode].accuracy;
    const b = from[mode].accuracy;
    for (const key of Object.keys(a) as (keyof AccuracyCounts)[]) a[key] += b[key];
  }
  return into;
}

/**
 * The word the person would end up with at `wordStart` after accepting `s`, cut the way the
 * simulator cuts words ('' when accepting it would rewrite text before the word). This is what
 * makes "don't" offered by one engine count as "don" under Presage's tokenizer.
 */
export function acceptedWord(context: string, s: Suggestion, wordStart: number, mode: WordMode): string {
  const cut = context.length - s.replaces;
  if (cut < 0 || s.word.length === 0) return '';
  const full = context.slice(0, cut) + s.word;
  if (full.length <= wordStart || full.slice(0, wordStart) !== context.slice(0, wordStart)) return '';
  return wordAt(full, wordStart, mode);
}

/** Records where one word was first offered, for every N, and its cost. */
function scoreWord(runs: RunCounts[], firstHit: (number | null)[], length: number): void {
  runs.forEach((run, k) => {
    const j = firstHit[k];
    run.needed += length + 1;
    if (j === null) {
      run.spent += length + 1;
      run.predictions += length;
      run.neverOffered++;
    } else {
      // j characters typed, then 1 keystroke to select; the space comes with the selection.
      run.spent += j + 1;
      run.predictions += j + 1;
      if (j === 0) run.hitsBeforeTyping++;
      else run.hitsWhileTyping++;
    }
  });
}

function recordAccuracy(acc: AccuracyCounts, typed: number, rank: number): void {
  const top1 = rank === 0 ? 1 : 0;
  const top3 = rank >= 0 && rank < 3 ? 1 : 0;
  if (typed === 0) {
    acc.wordStarts++;
    acc.startTop1 += top1;
    acc.startTop3 += top3;
  } else if (typed === 1) {
    acc.after1++;
    acc.after1Top1 += top1;
    acc.after1Top3 += top3;
  } else if (typed === 2) {
    acc.after2++;
    acc.after2Top1 += top1;
    acc.after2Top3 += top3;
  }
}

/** Simulates typing `text` and adds the counts to `into` (so several texts can be pooled). */
export async function simulateText(text: string, source: SuggestionSource, config: SimulationConfig, into?: SimulationCounts): Promise<SimulationCounts> {
  const ns = config.suggestionCounts;
  if (ns.length === 0 || ns.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('suggestion counts must be positive integers');
  const counts = into ?? emptyCounts(ns);
  const now = config.now ?? (() => performance.now());
  // Accuracy needs a top-3 list even when only N=1 is scored.
  const want = Math.max(3, ...ns);
  const words = splitWords(text, config.wordMode, config.maxWords ?? Infinity);
  const modes: [CaseCounts, (w: string) => string][] = [
    [counts.caseSensitive, (w) => w],
    [counts.caseInsensitive, (w) => w.toLowerCase()],
  ];

  for (let index = 0; index < words.length; index++) {
    const { word: target, start } = words[index];
    const firstHit = modes.map(() => ns.map((): number | null => null));
    let offeredAtStart: string[] = [];
    for (let typed = 0; typed < target.length; typed++) {
      const unresolved = firstHit.some((hits) => hits.some((h) => h === null));
      if (!unresolved && typed > 2) break;
      const context = text.slice(0, start + typed);
      const t0 = now();
      const batch = await source.suggest(config.docId, context, want);
      counts.latenciesMs.push(now() - t0);
      if (batch.internalMs !== undefined) counts.internalMs.push(batch.internalMs);
      counts.queries++;
      const offered = batch.suggestions.slice(0, want).map((s) => acceptedWord(context, s, start, config.wordMode));
      if (typed === 0) offeredAtStart = offered;
      modes.forEach(([caseCounts, fold], m) => {
        const goal = fold(target);
        const rank = offered.findIndex((w) => w !== '' && fold(w) === goal);
        recordAccuracy(caseCounts.accuracy, typed, rank);
        ns.forEach((n, k) => {
          if (firstHit[m][k] === null && rank >= 0 && rank < n) firstHit[m][k] = typed;
        });
      });
    }
    modes.forEach(([caseCounts], m) => scoreWord(caseCounts.runs, firstHit[m], target.length));
    counts.words++;
    config.onWord?.({ word: target, start, caseSensitive: firstHit[0], caseInsensitive: firstHit[1], offeredAtStart });
    config.onProgress?.(index + 1, words.length);
  }
  source.endDocument(config.docId);
  return counts;
}
