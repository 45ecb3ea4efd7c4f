/**
 * Glob matching for `predictiveKeyboard.learning.exclude`, by picomatch, with the options VS Code's
 * own globs use: `*` and `**` also match dot files and folders (`.env`, `.git`), and `{a,b}`, `[..]`
 * and `?` mean what they mean in `files.exclude`. Matching ignores case on every platform, not only
 * on Windows: an exclusion that matches too much only costs a few learned words, one that matches
 * too little could store a secret. No `vscode` import, so the rule is unit-tested in plain Node.
 */
import picomatch from 'picomatch';

const OPTIONS: picomatch.PicomatchOptions = { dot: true, nocase: true };

/**
 * A pattern without `/` matches the file name in any folder, and a relative pattern matches below
 * any folder, so absolute paths and paths relative to a workspace folder both match.
 */
function anchored(glob: string): string {
  const pattern = glob.trim().replace(/\\/g, '/');
  return pattern.startsWith('/') || pattern.startsWith('**/') ? pattern : `**/${pattern}`;
}

const cache = new Map<string, RegExp>();

/** Regular expression for one glob; throws a SyntaxError when the glob is not valid (see `globProblem`). */
export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    // debug: picomatch otherwise turns an invalid pattern into one that silently matches nothing.
    re = picomatch.makeRe(anchored(glob), { ...OPTIONS, debug: true });
    cache.set(glob, re);
  }
  return re;
}

/** Why `glob` cannot be used (the regular-expression error), or undefined when it is valid. */
export function globProblem(glob: string): string | undefined {
  try {
    globToRegExp(glob);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Whether `path` (any separator) matches one of `patterns`. Blank patterns are ignored; invalid ones
 * are dropped (and reported) when the settings are read, and never match here.
 */
export function isExcludedPath(path: string, patterns: readonly string[]): boolean {
  const normalized = path.replace(/\\/g, '/');
  return patterns.some((p) => p.trim() !== '' && globProblem(p) === undefined && globToRegExp(p).test(normalized));
}
