/**
 * English words, for telling a word from letters glued together ("runningo", "tomore", "iPhost").
 * The list is the `an-array-of-english-words` package (MIT, derived from the Letterpress word
 * list: 274,937 lower-case a–z words, no names, no accents), bundled into out/*.js. The package's
 * array is sorted, so it is searched in place (binary search, ~18 comparisons) rather than copied
 * into a Set: ≈ 14 MB of heap once loaded. It is loaded on first use (≈ 0.3 s), which the engine
 * does while the model loads, so no keystroke waits for it.
 */

let words: readonly string[] | undefined;

/** Loads the list (idempotent). */
export function loadLexicon(): readonly string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not when the bundle starts
  words ??= require('an-array-of-english-words') as readonly string[];
  return words;
}

/** Whether `lowerWord` (lower case, a–z only) is in the English word list. */
function listed(lowerWord: string): boolean {
  const list = loadLexicon();
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const here = list[mid];
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
