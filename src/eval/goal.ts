/**
 * The goal: our model beats Presage trained on the same corpus on KSR at N=1 and N=3
 * (held-out prose), at a p95 latency per prediction no worse than 5× Presage's.
 */
import type { EvalFigures } from './figures';

export const GOAL_SUGGESTIONS = [1, 3] as const;
export const GOAL_LATENCY_FACTOR = 5;

export interface GoalCheck {
  reached: boolean;
  /** Per N: our KSR minus Presage-corpus KSR, case-sensitive and case-insensitive, in points of KSR (0..1). */
  ksrMargin: { suggestions: number; caseSensitive: number; caseInsensitive: number }[];
  p95Ratio: number;
  lines: string[];
}

function ksrAt(f: EvalFigures, mode: 'caseSensitive' | 'caseInsensitive', n: number): number {
  return f[mode].runs.find((r) => r.suggestions === n)?.ksr ?? Number.NaN;
}

/**
 * Reached only when both case modes win at every goal N (neither mode is the default).
 * Latency is judged against Presage on the same corpus; the shipped database, when given, is
 * reported too because its much smaller tables answer several times faster.
 */
export function checkGoal(ours: EvalFigures, presageCorpus: EvalFigures, presageShipped?: EvalFigures): GoalCheck {
  const ksrMargin = GOAL_SUGGESTIONS.map((n) => ({
    suggestions: n,
    caseSensitive: ksrAt(ours, 'caseSensitive', n) - ksrAt(presageCorpus, 'caseSensitive', n),
    caseInsensitive: ksrAt(ours, 'caseInsensitive', n) - ksrAt(presageCorpus, 'caseInsensitive', n),
  }));
  const p95Ratio = ours.latencyMs.p95 / presageCorpus.latencyMs.p95;
  const ksrWins = ksrMargin.every((m) => m.caseSensitive > 0 && m.caseInsensitive > 0);
  const fastEnough = p95Ratio <= GOAL_LATENCY_FACTOR;
  const pts = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;
  const lines = [
    ...ksrMargin.map((m) => `KSR N=${m.suggestions}: ${ours.engine} − ${presageCorpus.engine} = ${pts(m.caseSensitive)} points case-sensitive, ${pts(m.caseInsensitive)} case-insensitive`),
    `p95 latency: ${ours.latencyMs.p95.toFixed(1)} ms vs ${presageCorpus.latencyMs.p95.toFixed(1)} ms = ${p95Ratio.toFixed(1)}× (goal ≤ ${GOAL_LATENCY_FACTOR}×)`,
    ...(presageShipped
      ? [`(vs ${presageShipped.engine}, the shipped database: ${presageShipped.latencyMs.p95.toFixed(1)} ms, ${(ours.latencyMs.p95 / presageShipped.latencyMs.p95).toFixed(1)}×)`]
      : []),
    `goal ${ksrWins && fastEnough ? 'REACHED' : 'NOT reached'}${ksrWins ? '' : ' (KSR)'}${fastEnough ? '' : ' (latency)'}`,
  ];
  return { reached: ksrWins && fastEnough, ksrMargin, p95Ratio, lines };
}

/**
 * The goal text by text: for each held-out text, our KSR minus Presage-corpus's at each goal N,
 * case-sensitive / case-insensitive, in points. A Markdown table; "n/a" where a text is missing.
 */
export function perTextMargins(ours: EvalFigures & { byText: ({ text: string } & EvalFigures)[] }, presageCorpus: EvalFigures & { byText: ({ text: string } & EvalFigures)[] }): string {
  const pts = (x: number): string => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}` : 'n/a');
  const header = ['Text: KSR margin over presage-corpus (points, case-sensitive / -insensitive)', ...GOAL_SUGGESTIONS.map((n) => `N=${n}`)];
  const rows = ours.byText.map((mine) => {
    const theirs = presageCorpus.byText.find((t) => t.text === mine.text);
    return [
      mine.text,
      ...GOAL_SUGGESTIONS.map((n) =>
        theirs ? `${pts(ksrAt(mine, 'caseSensitive', n) - ksrAt(theirs, 'caseSensitive', n))} / ${pts(ksrAt(mine, 'caseInsensitive', n) - ksrAt(theirs, 'caseInsensitive', n))}` : 'n/a',
      ),
    ];
  });
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}
