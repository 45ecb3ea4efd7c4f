/**
 * English function words, shared by the rules that need them (word_shape.ts, phrase.ts,
 * secret_filter.ts). Closed classes, so lists; a leaf module (no imports).
 */

/**
 * Words that lead into what follows them and never end a thought: articles, conjunctions,
 * prepositions, possessive determiners, "whose", "every" and the infinitive "to". A ghost-text
 * phrase never ends on one ("report of the"), and none takes a clitic ("and's", "of'll").
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor if than though although because since unless until while whereas whether ' +
    'of to in on at by for with from into onto upon about above below over under after before between among through ' +
    'during without within along across against toward towards around behind beyond near via per ' +
    'as my your our their his its whose every'
  ).split(' '),
);

/**
 * Function words that never take a clitic ('s, 'll, 've, 're, 'd, 'm): FUNCTION_WORDS, the other
 * determiners and adverbs of sequence, which may end a phrase ("not yet", "and so on", "like this").
 * The pronouns and question words that do take one ("it's", "that's", "there's", "who'd", "let's")
 * are in neither list. The English word list accepts "and's" (it knows "and"); the model offers it.
 */
export const NO_CLITIC_WORDS: ReadonlySet<string> = new Set([
  ...FUNCTION_WORDS,
  ...'yet so then thence this these those such very also too not no either neither both each having being'.split(' '),
]);

/**
 * Pronouns, auxiliaries and the two place adverbs: a clitic on one of them is a contraction the
 * language has (`you're`, `it's`, `could've`, `there's`) or none (`you's`, `them'll`, `is'd`).
 */
export const CONTRACTING_WORDS: ReadonlySet<string> = new Set(
  (
    'i you he she it we they me him her us them that what which who ' +
    'is are was were be been am do does did have has had will would can could should may might must shall ' +
    'here there'
  ).split(' '),
);

/** Personal pronouns, auxiliaries and a few adverbs that carry grammar, not content. */
const PRONOUNS_AND_AUXILIARIES: ReadonlySet<string> = new Set([...CONTRACTING_WORDS, ...'same one now still just only already'.split(' ')]);

/** Whether `lowerWord` (lower case, straight apostrophes) carries grammar rather than content: NO_CLITIC_WORDS, pronouns, auxiliaries. */
export function isFunctionWord(lowerWord: string): boolean {
  return NO_CLITIC_WORDS.has(lowerWord) || PRONOUNS_AND_AUXILIARIES.has(lowerWord);
}
