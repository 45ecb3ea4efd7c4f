/**
 * English function words, shared by the rules that need them (word_shape.ts, phrase.ts). Closed
 * classes, so lists.
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
export const NO_CLITIC: ReadonlySet<string> = new Set([
  ...FUNCTION_WORDS,
  ...'yet so then thence this these those such very also too not no either neither both each having being'.split(' '),
]);
