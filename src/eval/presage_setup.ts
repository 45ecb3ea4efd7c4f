/** Builds what the Presage yardstick needs: the bridge binary and the corpus n-gram database. */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, SHIPPED_PRESAGE_DB } from './paths';

/** Compiles bench/presage/presage_bridge.cpp when needed and returns the binary's path. */
export function ensureBridge(root = repoRoot()): string {
  const script = join(root, 'bench', 'presage', 'build.sh');
  if (!existsSync(script)) throw new Error(`${script} is missing`);
  const out = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const bin = out.trim().split('\n').pop() ?? '';
  if (!existsSync(bin)) throw new Error(`building the Presage bridge did not produce ${bin}`);
  return bin;
}

export function shippedDatabase(): string {
  if (!existsSync(SHIPPED_PRESAGE_DB)) throw new Error(`${SHIPPED_PRESAGE_DB} is missing: install libpresage-data (apt-get install presage libpresage-dev libpresage-data)`);
  return SHIPPED_PRESAGE_DB;
}

/** Runs text2ngram for n = 1..3 into `database` (lowercased, as Presage's context tracker reads). */
export function buildNgramDatabase(corpusText: string, database: string): void {
  const tmp = `${database}.tmp`;
  // A build that died half-way leaves tables text2ngram would add to.
  rmSync(tmp, { force: true });
  rmSync(`${tmp}-journal`, { force: true });
  for (const n of ['1', '2', '3']) {
    execFileSync('text2ngram', ['-n', n, '-l', '-f', 'sqlite', '-o', tmp, corpusText], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  execFileSync('mv', [tmp, database]);
}
