/**
 * English words, for telling a word from letters glued together ("runningo", "tomore", "iPhost").
 * The list is the `an-array-of-english-words` package (MIT, derived from the Letterpress word
 * list: 274,937 lower-case a–z words, no names, no accents). It is held as one newline-joined string
 * with a sorted offset table (≈ 3.6 MB) instead of a Set of 275k strings (≈ 15–20 MB in V8), and
 * built on first use, so processes that never judge a completion never pay for it.
 */
import words from 'an-array-of-english-words';

let joined: string | undefined;
let starts: Uint32Array | undefined;

function load(): void {
  // The package's list is sorted; sort again in code-unit order so the binary search cannot depend on it.
  const sorted = [...(words as readonly string[])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  joined = sorted.join('\n') + '\n';
  starts = new Uint32Array(sorted.length);
  let offset = 0;
  for (let i = 0; i < sorted.length; i++) {
    starts[i] = offset;
    offset += sorted[i].length + 1;
  }
}

function entry(i: number): string {
  const text = joined as string;
  const begin = (starts as Uint32Array)[i];
  return text.slice(begin, text.indexOf('\n', begin));
}

/** Whether `lowerWord` (lower case, a–z only) is in the English word list. */
function listed(lowerWord: string): boolean {
  if (!joined) load();
  let lo = 0;
  let hi = (starts as Uint32Array).length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const here = entry(mid);
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
