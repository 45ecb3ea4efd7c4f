/**
 * English words, for telling a word from letters glued together ("runningo", "tomore", "iPhost").
 * The list is the `an-array-of-english-words` package (MIT, derived from the Letterpress word
 * list: 274,937 lower-case a–z words, no names, no accents), bundled into out/*.js as one sorted,
 * newline-joined string (scripts/build.mjs): ≈ 3.3 MB, where the package's array of strings cost the
 * worker ≈ 40 MB of RSS (issue 14). Words are found by binary search over the line starts
 * (~18 comparisons). Loaded on first use (≈ 0.1 s), which the engine does while the model loads,
 * so no keystroke waits for it.
 */

interface WordList {
  text: string;
  /** Offset of each word's first character in `text`; one extra entry past the end. */
  starts: Uint32Array;
}

let list: WordList | undefined;

/** Loads the list (idempotent); returns the number of words. */
export function loadLexicon(): number {
  if (!list) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not when the bundle starts
    const bundled = require('an-array-of-english-words') as string | readonly string[];
    // The bundle holds the joined string; an unbundled require (the package itself) gives the array.
    const text = typeof bundled === 'string' ? bundled : bundled.join('\n');
    list = { text, starts: lineStarts(text) };
  }
  return list.starts.length - 1;
}

function lineStarts(text: string): Uint32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Uint32Array(count + 1);
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
  // Past the end, as if the text ended in a line break: word k is text[starts[k], starts[k+1] - 1).
  starts[count] = text.length + 1;
  return starts;
}

/** Whether `lowerWord` (lower case, a–z only) is in the English word list. */
function listed(lowerWord: string): boolean {
  loadLexicon();
  const { text, starts } = list as WordList;
  let lo = 0;
  let hi = starts.length - 2;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const here = text.slice(starts[mid], starts[mid + 1] - 1);
    if (here === lowerWord) return true;
    if (here < lowerWord) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Apostrophe endings of English words ("don't", "we're", "cousin's"). */
const CONTRACTION = /^(\p{L}+)'(s|t|re|ve|ll|d|m)?$/u;

/**
 * Whether the word list can judge `word`: Latin letters only (accents are stripped, `résumé` is
 * looked up as `resume`), with at most one apostrophe ending. Words in other scripts, with digits
 * or hyphens are outside it and left to the other rules.
 */
export function lexiconCovers(word: string): boolean {
  return /^[a-z]+(?:'[a-z]*)?$/u.test(fold(word));
}

/**
 * Whether `word` (any case, either apostrophe, accents allowed) is an English word of the list; an
 * apostrophe ending counts when the word before it is listed (`don't` = `don` + 't, `Ben's`
 * fails like `Ben`). False for anything `lexiconCovers` does not cover.
 */
export function isEnglishWord(word: string): boolean {
  const folded = fold(word);
  if (/^[a-z]+$/u.test(folded)) return listed(folded);
  const contraction = CONTRACTION.exec(folded);
  if (!contraction) return false;
  // A bare apostrophe ends only a plural possessive ("cousins'"), never "don'".
  if (contraction[2] === undefined) return contraction[1].endsWith('s') && listed(contraction[1]);
  // "don't", "can't", "won't": the list holds "don", "can", "won"; "isn't" needs "isn".
  return listed(contraction[1]) || (contraction[2] === 't' && contraction[1].endsWith('n') && listed(contraction[1].slice(0, -1)));
}

function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/\u2019/gu, "'").toLowerCase();
}
