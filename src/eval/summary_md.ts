/** The markdown table of evaluation results that goes into bench/results/summary.md and the README. */
import type { EvalFigures } from './figures';

const pct = (x: number): string => (Number.isFinite(x) ? (x * 100).toFixed(1) : 'n/a');
const ms = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

function ksr(f: EvalFigures, mode: 'caseSensitive' | 'caseInsensitive', n: number): string {
  return pct(f[mode].runs.find((r) => r.suggestions === n)?.ksr ?? Number.NaN);
}

export function resultsTable(results: readonly EvalFigures[], ns: readonly number[]): string {
  const header = [
    'Engine',
    ...ns.map((n) => `KSR N=${n}`),
    ...ns.map((n) => `KSR -i N=${n}`),
    'Top-1',
    'Top-3',
    'Compl. 1 char top-1',
    'Compl. 2 chars top-1',
    'p50 ms',
    'p95 ms',
    'Predictions',
  ];
  const rows = results.map((f) => [
    f.engine,
    ...ns.map((n) => ksr(f, 'caseSensitive', n)),
    ...ns.map((n) => ksr(f, 'caseInsensitive', n)),
    pct(f.caseSensitive.accuracy.nextWordTop1),
    pct(f.caseSensitive.accuracy.nextWordTop3),
    pct(f.caseSensitive.accuracy.completionAfter1Top1),
    pct(f.caseSensitive.accuracy.completionAfter2Top1),
    ms(f.latencyMs.p50),
    ms(f.latencyMs.p95),
    String(f.predictions),
  ]);
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

/** KSR per held-out text, one column per engine and N: the texts differ far more than the engines. */
export function perTextTable(results: readonly (EvalFigures & { byText: ({ text: string } & EvalFigures)[] })[], ns: readonly number[]): string {
  const texts = results[0]?.byText.map((t) => t.text) ?? [];
  const header = ['Text (KSR, case-sensitive)', ...ns.flatMap((n) => results.map((r) => `${r.engine} N=${n}`))];
  const rows = texts.map((text) => [
    `${text} (${results[0].byText.find((t) => t.text === text)?.words ?? 0} words)`,
    ...ns.flatMap((n) => results.map((r) => {
      const f = r.byText.find((t) => t.text === text);
      return f ? ksr(f, 'caseSensitive', n) : 'n/a';
    })),
  ]);
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}
