/** Where the evaluation finds the repository's files, from a bundle in out/ or a source file. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function repoRoot(from = __dirname): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'predictive-keyboard') return dir;
      } catch {
        // Not our package.json; keep looking upwards.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export const SHIPPED_PRESAGE_DB = '/usr/share/presage/database_en.db';

export const cacheDir = (root = repoRoot()): string => join(root, '.cache', 'presage');
