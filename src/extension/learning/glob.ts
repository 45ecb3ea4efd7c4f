/**
 * A small glob matcher for `predictiveKeyboard.learning.exclude`, so the exclusion rule is plain
 * code that unit tests can pin down (no `vscode` import). Supports `**` (any number of folders),
 * `*`, `?`, `{a,b}` and `[abc]`. Matching is case-insensitive on every platform: an exclusion that
 * matches too much only costs a few learned words, one that matches too little could store a secret.
 */

const cache = new Map<string, RegExp>();

/** Regular expression for one glob. A pattern without `/` matches the file name in any folder. */
export function globToRegExp(glob: string): RegExp {
  const known = cache.get(glob);
  if (known) return known;
  let pattern = glob.trim().replace(/\\/g, '/');
  if (!pattern.includes('/')) pattern = '**/' + pattern;
  let re = '';
  let inBraces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*' && pattern[i + 1] === '*') {
      // `**/` is zero or more whole folders; a trailing `**` is everything below.
      const slashAfter = pattern[i + 2] === '/';
      re += slashAfter ? '(?:[^/]*/)*' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '{') {
      inBraces++;
      re += '(?:';
    } else if (ch === '}' && inBraces > 0) {
      inBraces--;
      re += ')';
    } else if (ch === ',' && inBraces > 0) re += '|';
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        const body = pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else re += ch.replace(/[.+^$|()[\]\\]/g, '\\$&');
  }
  while (inBraces-- > 0) re += ')';
  // Anchored at the end; at the start anything may come before a folder boundary, so both
  // absolute paths and paths relative to a workspace folder match.
  const compiled = new RegExp(`(?:^|/)${re.replace(/^\//, '')}$`, 'i');
  cache.set(glob, compiled);
  return compiled;
}

/** Whether `path` (any separator) matches one of `patterns`. Blank patterns are ignored. */
export function isExcludedPath(path: string, patterns: readonly string[]): boolean {
  const normalized = path.replace(/\\/g, '/');
  return patterns.some((p) => p.trim() !== '' && globToRegExp(p).test(normalized));
}
