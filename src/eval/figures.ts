/** Turns raw simulation counts into the reported figures (the JSON `eval --json` prints). */
import type { AccuracyCounts, CaseCounts, SimulationCounts } from './simulator';
import { percentile, ratio, round } from './stats';

export interface RunFigures {
  suggestions: number;
  /** 1 − spent / needed. */
  ksr: number;
  keystrokesNeeded: number;
  keystrokesSpent: number;
  predictions: number;
  hitsBeforeTyping: number;
  hitsWhileTyping: number;
  neverOffered: number;
}

export interface AccuracyFigures {
  nextWordTop1: number;
  nextWordTop3: number;
  completionAfter1Top1: number;
  completionAfter1Top3: number;
  completionAfter2Top1: number;
  completionAfter2Top3: number;
  wordStarts: number;
  wordsAfter1: number;
  wordsAfter2: number;
}

export interface CaseFigures {
  runs: RunFigures[];
  accuracy: AccuracyFigures;
}

export interface LatencyFigures {
  p50: number;
  p95: number;
  mean: number;
  max: number;
}

export interface EvalFigures {
  engine: string;
  words: number;
  /** Queries actually sent (one pass serves every N and both case modes). */
  predictions: number;
  /** Wall time per prediction around the predictor call (for Presage: including the pipe round trip). */
  latencyMs: LatencyFigures;
  /** The predictor's own time per prediction, when it reports one (our engine's latencyMs). */
  internalLatencyMs?: LatencyFigures;
  caseSensitive: CaseFigures;
  caseInsensitive: CaseFigures;
}

function latency(values: number[]): LatencyFigures {
  const mean = values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
  return {
    p50: round(percentile(values, 50), 3),
    p95: round(percentile(values, 95), 3),
    mean: round(mean, 3),
    max: round(values.length === 0 ? Number.NaN : Math.max(...values), 3),
  };
}

function accuracy(a: AccuracyCounts): AccuracyFigures {
  return {
    nextWordTop1: round(ratio(a.startTop1, a.wordStarts)),
    nextWordTop3: round(ratio(a.startTop3, a.wordStarts)),
    completionAfter1Top1: round(ratio(a.after1Top1, a.after1)),
    completionAfter1Top3: round(ratio(a.after1Top3, a.after1)),
    completionAfter2Top1: round(ratio(a.after2Top1, a.after2)),
    completionAfter2Top3: round(ratio(a.after2Top3, a.after2)),
    wordStarts: a.wordStarts,
    wordsAfter1: a.after1,
    wordsAfter2: a.after2,
  };
}

function caseFigures(c: CaseCounts): CaseFigures {
  return {
    runs: c.runs.map((r) => ({
      suggestions: r.suggestions,
      ksr: round(1 - ratio(r.spent, r.needed)),
      keystrokesNeeded: r.needed,
      keystrokesSpent: r.spent,
      predictions: r.predictions,
      hitsBeforeTyping: r.hitsBeforeTyping,
      hitsWhileTyping: r.hitsWhileTyping,
      neverOffered: r.neverOffered,
    })),
    accuracy: accuracy(c.accuracy),
  };
}

export function summarize(engine: string, counts: SimulationCounts): EvalFigures {
  const figures: EvalFigures = {
    engine,
    words: counts.words,
    predictions: counts.queries,
    latencyMs: latency(counts.latenciesMs),
    caseSensitive: caseFigures(counts.caseSensitive),
    caseInsensitive: caseFigures(counts.caseInsensitive),
  };
  if (counts.internalMs.length > 0) figures.internalLatencyMs = latency(counts.internalMs);
  return figures;
}
