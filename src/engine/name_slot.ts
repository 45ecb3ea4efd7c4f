/**
 * The slot right after a person's given name or a title, where the next capitalised word is a
 * surname: "Michael ", "My name is John ", "Regards,⏎John ", "Dear Dr. ", "Please call Mr ". Before
 * its first letter no source can know which surname the writer means, so a stranger's is not worth
 * offering. GPT-2 offered the corpus's (Paquier, Fleck, Stowers, Brack), an initial ("A") or an
 * initial glued to digits ("J5": " J" + "5", where the lone letter is refused). Names come from the
 * document or the personal dictionary, as a phone keyboard's come from its contacts; a regnal
 * number ("Henry VIII") and a form of address after a title ("Mr. President") are everyone's. The
 * n-gram's own names are dropped earlier (ngram_blend.ts); this holds every source to the same rule.
 */
import { isSentenceStart, TITLES } from './case_rules';
import { isCalendarName, isEnglishWord, isGivenName, isPersonNoun, isPlaceOrTimeName, isPlaceOrTimeNamePair } from './lexicon';

export interface NameSlot {
  /** The given name or title before the cursor, lower case ("john", "dr"). */
  previousKey: string;
  /** Whether that word is a title (TITLES, or a noun for a person used as one), whose slot also takes a form of address. */
  afterTitle: boolean;
}

/** A capitalised word, its optional dot, then spaces to the end; not glued to a word, a dot or a hyphen before it. */
const LAST_NAME_WORD = /(?:^|[^\p{L}\p{N}\p{M}'\u2019.-])(\p{Lu}\p{Ll}+)(\.?)[ \t]*$/u;

/**
 * The slot `context` (the text before the cursor, trailing spaces or not) ends in, or undefined: a
 * given name written with its capital and no dot after it ("John ", at a sentence start too: a
 * capital after it is still a surname), a title with or without its dot ("Dr. ", "Mr "), or a noun
 * for a person capitalised mid-sentence, which is used as one ("Ask Professor ", "my Uncle "). A month
 * that is also a given name ("May", "June") opens none, and neither does a Markdown heading, whose
 * words are capitalised whatever they are ("# How Will You Know").
 */
export function nameSlot(context: string): NameSlot | undefined {
  const tail = context.slice(-60);
  const match = LAST_NAME_WORD.exec(tail);
  if (!match) return undefined;
  if (/^[ \t]*#/u.test(tail.slice(tail.lastIndexOf('\n') + 1))) return undefined;
  const key = match[1].toLowerCase();
  if (TITLES.has(key)) return { previousKey: key, afterTitle: true };
  if (match[2] !== '') return undefined;
  if (isGivenName(key)) return isCalendarName(key) ? undefined : { previousKey: key, afterTitle: false };
  // A noun for a person capitalised mid-sentence is a title too ("Ask Professor ", "my Uncle ");
  // at a sentence start the capital says nothing ("Doctors agree").
  const wordStart = match.index + match[0].indexOf(match[1]);
  if (isPersonNoun(key) && !isSentenceStart(tail.slice(0, wordStart))) return { previousKey: key, afterTitle: true };
  return undefined;
}

/** A regnal number after a name ("Henry VIII", "Charles II", "Louis XIV"): I to XX in capitals. */
const REGNAL_NUMBER = /^(?:X{0,1}(?:IX|IV|V?I{0,3})|XX)$/u;

/**
 * Whether `word` (as offered, `key` its lower case with straight apostrophes), offered before a
 * letter in `slot`, is a stranger's surname or initial: capitalised, and none of
 * - the pronoun I or a regnal number ("Henry VIII");
 * - a name of the document or the dictionary (`isDocumentName`);
 * - after a title, a noun for a person that is no given name ("Speaker", "President"; not "John");
 * - after a given name that is also an English word, a place's or a date's name, or the next word
 *   of one ("Merry " → Christmas, "Martin Luther King " → Day: the word may be no name at all);
 *   after "George " or "Elizabeth " a place (Town, River) is no guess.
 * A famous person's surname is a stranger's too: WordNet knows dozens of famous Johns (Haldane,
 * Barrymore, Doe), and after "My grandfather George " Washington is no guess. A possessive counts as
 * its owner.
 */
export function isStrangersSurname(word: string, key: string, slot: NameSlot, isDocumentName?: (lowerWord: string) => boolean): boolean {
  if (!/^\p{Lu}/u.test(word) || /^I(?:['\u2019]\p{L}+)?$/u.test(word) || REGNAL_NUMBER.test(word)) return false;
  const owner = key.replace(/'s?$/u, '');
  if (isDocumentName?.(key) || isDocumentName?.(owner)) return false;
  // "john" and "madam" are nouns for a person too; a given name after a title is a stranger's.
  if (slot.afterTitle) return !(isPersonNoun(owner) && !isGivenName(owner));
  if (!isEnglishWord(slot.previousKey)) return true;
  return !((isPlaceOrTimeName(owner) && !isGivenName(owner)) || isPlaceOrTimeNamePair(slot.previousKey, owner));
}
