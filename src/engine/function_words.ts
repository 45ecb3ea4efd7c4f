/**
 * English function words: closed classes, so lists. A leaf module (no imports), shared by the
 * word-shape rules, the secret filter and the phrase.
 */

/**
 * Function words that never take a clitic ('s, 'll, 've, 're, 'd, 'm): articles, conjunctions,
 * prepositions, determiners and possessives, and adverbs of sequence. The pronouns and question
 * words that do ("it's", "that's", "there's", "who'd", "let's") are not in it.
 */
export const NO_CLITIC_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor yet so if than then thence though although because since unless until while whereas whether ' +
    'of to in on at by for with from into onto upon about above below over under after before between among through ' +
    'during without within along across against toward towards around behind beyond near via per ' +
    'my your our their his its whose this these those such very also too not no either neither both each every ' +
    'having being'
  ).split(' '),
);

/** Personal pronouns, auxiliaries and a few adverbs that carry grammar, not content. */
const PRONOUNS_AND_AUXILIARIES: ReadonlySet<string> = new Set(
  (
    'i you he she it we they me him her us them that what which who ' +
    'is are was were be been am do does did have has had will would can could should may might must shall ' +
    'same one now still just only already here there'
  ).split(' '),
);

/** Whether `lowerWord` (lower case, straight apostrophes) is a function word of either list. */
export function isFunctionWord(lowerWord: string): boolean {
  return NO_CLITIC_WORDS.has(lowerWord) || PRONOUNS_AND_AUXILIARIES.has(lowerWord);
}
