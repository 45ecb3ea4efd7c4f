/** The human-readable form of an evaluation report. */
import type { CaseFigures } from './figures';
import type { EvalReport } from './run_eval';

const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');
const ms = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a');

function caseLines(title: string, c: CaseFigures): string[] {
  const lines = [`${title}:`];
  for (const r of c.runs) {
    lines.push(
      `  N=${r.suggestions}: KSR ${pct(r.ksr)}  (${r.keystrokesSpent}/${r.keystrokesNeeded} keystrokes; ` +
        `${r.hitsBeforeTyping} words before typing, ${r.hitsWhileTyping} while typing, ${r.neverOffered} never offered)`,
    );
  }
  const a = c.accuracy;
  lines.push(`  next word at word starts: top-1 ${pct(a.nextWordTop1)}, top-3 ${pct(a.nextWordTop3)}  (${a.wordStarts} words)`);
  lines.push(`  completion after 1 char:  top-1 ${pct(a.completionAfter1Top1)}, top-3 ${pct(a.completionAfter1Top3)}  (${a.wordsAfter1} words)`);
  lines.push(`  completion after 2 chars: top-1 ${pct(a.completionAfter2Top1)}, top-3 ${pct(a.completionAfter2Top3)}  (${a.wordsAfter2} words)`);
  return lines;
}

export function formatReport(r: EvalReport): string {
  const what = r.source.model
    ? `model ${r.source.model.name} (${r.source.model.nLayer} layers, ${r.source.model.nEmbd} wide), top-k ${r.source.engineOptions?.topK}, temperature ${r.source.engineOptions?.temperature}, ${r.source.engineOptions?.contextTokens} context tokens`
    : `database ${r.source.presage?.database}`;
  const lines = [
    `engine ${r.engine}: ${what}`,
    `texts: ${r.settings.texts.map((t) => `${t.name} (${t.scored}/${t.words} words)`).join(', ')}; words cut the ${r.settings.wordMode} way`,
    `${r.words} words, ${r.predictions} predictions, latency per prediction p50 ${ms(r.latencyMs.p50)}, p95 ${ms(r.latencyMs.p95)}` +
      (r.internalLatencyMs ? ` (engine's own: p50 ${ms(r.internalLatencyMs.p50)}, p95 ${ms(r.internalLatencyMs.p95)})` : ' (including the pipe round trip)'),
    ...caseLines('case-sensitive', r.caseSensitive),
    ...caseLines('case-insensitive (-i)', r.caseInsensitive),
    `${r.wallSeconds} s`,
  ];
  return lines.join('\n');
}
