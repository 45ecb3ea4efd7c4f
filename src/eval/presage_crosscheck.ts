/**
 * Checks our simulator against Presage's own presage_simulator on the same words and config: the
 * keystrokes we count for Presage must equal presage_simulator's ki + ks − 1 (its `ks` starts at 1).
 * Guards the claim that our figures are comparable with published presage_simulator figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { presageConfigXml } from './presage_config';
import { PresageSource } from './presage_source';
import { emptyCounts, simulateText } from './simulator';
import { splitWords } from './words';

export interface CrossCheckRow {
  suggestions: number;
  caseInsensitive: boolean;
  presageSimulator: { ki: number; ks: number; kn: number; ksr: number };
  ours: { spent: number; needed: number };
  agrees: boolean;
}

function parseSimulatorOutput(out: string): { ki: number; ks: number; kn: number; ksr: number } {
  const grab = (label: string): number => Number(new RegExp(`^${label}\\s*:\\s*([\\d.]+)`, 'm').exec(out)?.[1] ?? NaN);
  return { ki: grab('ki'), ks: grab('ks'), kn: grab('kn'), ksr: grab('KSR') };
}

export async function crossCheckPresage(text: string, maxWords: number, database: string, bridge: string, ns: readonly number[]): Promise<CrossCheckRow[]> {
  const words = splitWords(text, 'presage', maxWords);
  const last = words[words.length - 1];
  // presage_simulator has no word limit: give it the text up to the last scored word.
  const cut = last ? text.slice(0, last.start + last.word.length) : '';
  const home = mkdtempSync(join(tmpdir(), 'pk-presage-check-'));
  const rows: CrossCheckRow[] = [];
  try {
    const file = join(home, 'text.txt');
    writeFileSync(file, cut);
    const source = await PresageSource.start({ name: 'presage', bridge, database, suggestions: Math.max(...ns) });
    let counts;
    try {
      counts = await simulateText(cut, source, { suggestionCounts: ns, wordMode: 'presage', docId: 'check' }, emptyCounts(ns));
    } finally {
      await source.close();
    }
    for (const [k, n] of ns.entries()) {
      const config = join(home, `presage-${n}.xml`);
      writeFileSync(config, presageConfigXml({ database, suggestions: n }));
      for (const insensitive of [false, true]) {
        const args = ['-q', '-c', config, ...(insensitive ? ['-i'] : []), file];
        const out = execFileSync('presage_simulator', args, { encoding: 'utf8', env: { ...process.env, HOME: home }, maxBuffer: 64 << 20 });
        const theirs = parseSimulatorOutput(out);
        const run = (insensitive ? counts.caseInsensitive : counts.caseSensitive).runs[k];
        rows.push({
          suggestions: n,
          caseInsensitive: insensitive,
          presageSimulator: theirs,
          ours: { spent: run.spent, needed: run.needed },
          agrees: run.spent === theirs.ki + theirs.ks - 1 && run.needed === theirs.kn,
        });
      }
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  return rows;
}
