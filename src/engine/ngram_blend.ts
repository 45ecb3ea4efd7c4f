import type { CursorContext } from './cursor_context';
import { normalizeKey, type NgramModel } from './ngram_store';
import { capitalise, isSentenceStart, keepsTypedCase, TITLES } from './case_rules';
import { isCalendarName, isEnglishWord, isGivenName, isPersonNamePair, isPlaceOrTimeName, isPlaceOrTimeNamePair } from './lexicon';
import { nameSlot } from './name_slot';
import { isNameShaped, isShouting } from './word_chars';
import type { WordHypothesis } from './word_search';

/**
 * Linear interpolation of GPT-2's whole-word distribution with the word n-gram's, like the document
 * cache blend: P(w) = (1 − λ) · GPT-2(w) + λ · n-gram(w | three previous words). The two are good at
 * different moments: an n-gram counted over the whole corpus knows the usual next word before any
 * letter is typed, and GPT-2 completes a started word better. Hence one weight per moment.
 */
export interface NgramWeights {
  /** λ before the first letter of the word. */
  nextWord: number;
  /** λ once part of the word is typed. */
  completion: number;
}

/**
 * Tuned with `eval` and PK_NGRAM_BLEND on 393 held-out words the benchmark never scores (past the
 * scored part of the three long bench/heldout texts, and held-out GNOME help, LibreOffice help and
 * World English Bible documents). KSR at N=1: 38.0 % without the n-gram; (λ next word, completion)
 * = (0.2, 0.1) 40.6 %, (0.35, 0.2) 40.6 %, (0.5, 0.3) 41.3 %, (0.65, 0.4) 41.1 %, (0.5, 0.45) 41.2 %.
 * Checked again with the leg-8 model on the 1,264 tuning words (the text after the scored part of each bench/heldout text; training/model_card_notes.md), KSR N=1 / N=3 and
 * top-1: (0.5, 0.3) 45.13 / 57.15 / 24.2 %; (0.4, 0.3) 45.13 / 57.28 / 23.9; (0.6, 0.3) 45.10 /
 * 57.07 / 23.8; (0.5, 0.2) 45.08 / 57.18 / 24.2; (0.5, 0.4) 45.11 / 57.12 / 24.2. A smaller λ where
 * the store never counted the two previous words together (× 0.4, 0.7) moved KSR by ≤ 0.13 points and
 * top-1 by −0.2 to −0.3: within noise, so one λ per moment stays.
 */
export const DEFAULT_NGRAM_WEIGHTS: NgramWeights = { nextWord: 0.5, completion: 0.3 };

/** Words the n-gram proposes on its own, beyond those GPT-2's search found. */
const NGRAM_CANDIDATES = 12;

/**
 * Mixes the n-gram into GPT-2's hypotheses. `textBefore` is the document text before the typed part
 * of the word (whitespace included); `encode` gives the tokens of a new word's text. The result is
 * sorted by probability; words GPT-2 found keep its spelling.
 */
export function blendWithNgram(found: readonly WordHypothesis[], model: NgramModel, weights: NgramWeights, cursor: CursorContext, textBefore: string, encode: (text: string) => number[]): WordHypothesis[] {
  const lambda = cursor.typed === '' ? weights.nextWord : weights.completion;
  if (!(lambda > 0) || !cursor.wordMayStart) return [...found];
  const read = model.context(textBefore);
  // Where GPT-2 reads a paragraph break that the counts' rules do not see (after a salutation, in a
  // block of short lines: whitespace.ts), the n-gram starts a sentence too.
  const ctx = cursor.tail === '\n\n' && read.v !== 0 && !read.broken ? { u: -1, v: 0 } : read;
  // After a number, an opening quote or bracket, the n-gram would read words the text does not join
  // ("born in 1990 " as "born in"): GPT-2, which reads them, has the word alone.
  if (ctx.broken) return [...found];
  const merged = new Map<string, WordHypothesis>();
  for (const hypothesis of found) {
    const key = normalizeKey(hypothesis.word);
    const share = (1 - lambda) * hypothesis.probability + (merged.has(key) ? 0 : lambda * model.probability(key, ctx));
    const existing = merged.get(key);
    if (existing) existing.probability += share;
    else merged.set(key, { ...withNameCase(hypothesis, model, key, cursor, encode), probability: share });
  }
  const typedKey = normalizeKey(cursor.typed);
  const atSentenceStart = ctx.v === 0;
  // A given name opens a name at a sentence start too ("George " bush → Bush, a surname).
  const nameBefore = typedKey === '' && !cursor.shouting ? (capitalisedWordBefore(textBefore) ?? nameSlot(textBefore)?.previousKey) : undefined;
  for (const candidate of model.candidates(typedKey, ctx, NGRAM_CANDIDATES)) {
    if (merged.has(candidate.key) || candidate.key.length <= typedKey.length) continue;
    // Before a letter, a name from the counts is a stranger's ("Best regards, " offered Claire, Priya
    // and Tanya, the phrasebook's signatures): names come from the document's cache or once typed.
    // Not where it goes on a place's or a date's name ("New Year's " → Eve); a famous person's
    // surname is a stranger's here too (after "John " the counts hold Haldane and Barrymore).
    if (typedKey === '' && isName(candidate.form, candidate.key) && !(nameBefore !== undefined && isPlaceOrTimeNamePair(nameBefore, candidate.key))) continue;
    const word = spelling(candidate.form, candidate.key, cursor.typed, atSentenceStart);
    const spaced = cursor.required.startsWith(' ') || cursor.allowLeadingSpace;
    const lowerCasedName = isNameShaped(candidate.form) && !/\p{Lu}/u.test(word);
    merged.set(candidate.key, { word, text: cursor.allowLeadingSpace ? ' ' + word : word, probability: lambda * candidate.probability, tokens: encode((spaced ? ' ' : '') + word), ...(lowerCasedName ? { lowerCasedName } : {}) });
  }
  const blended = nameBefore === undefined ? [...merged.values()] : [...merged.values()].map((h) => inName(h, nameBefore, cursor, encode));
  return blended.sort((a, b) => b.probability - a.probability);
}

/** Characters before the cursor that `capitalisedWordBefore` reads: the word and its sentence's start, not the document. */
const NAME_CONTEXT_CHARS = 200;

/**
 * The key of the word right before the cursor's whitespace when it is written with a capital in
 * mid-sentence ("Happy New ", "a happy Father's "), or is a capitalised possessive anywhere
 * ("Valentine's "); undefined at a sentence or line start otherwise, where a capital says nothing,
 * and after anything but a word. Reads the last NAME_CONTEXT_CHARS of the
 * text, as the n-gram reads its context: a keystroke never scans the whole document (a word that
 * starts the window counts as a sentence start, which only leaves its case alone).
 */
function capitalisedWordBefore(textBefore: string): string | undefined {
  const tail = textBefore.slice(-NAME_CONTEXT_CHARS);
  const last = /(\p{Lu}\p{Ll}+(?:['\u2019]s)?)[ \t]+$/u.exec(tail);
  if (!last) return undefined;
  const before = tail.slice(0, last.index);
  if (/[\p{L}\p{N}\p{M}'\u2019]$/u.test(before)) return undefined;
  // A capitalised possessive names even at a sentence start ("Valentine's " → Day, not day).
  if (isSentenceStart(before) && !/['\u2019]s$/u.test(last[1])) return undefined;
  return normalizeKey(last[1]);
}

/**
 * A word that goes on a place's, a date's or a famous person's name written with capitals takes the
 * name's spelling (a capital, then lower case): "Happy New " → "Year", "Happy Father's " → "Day", "on
 * Christmas " → "Eve", "George " → "Bush" (a surname, which name_slot.ts then keeps out as a
 * stranger's). The n-gram keeps one usual form per word ("year", "day", "bush"), which is right
 * everywhere else. The pairs are WordNet's (`isPlaceOrTimeNamePair`, `isPersonNamePair`); the
 * tokens are re-encoded so a phrase goes on from the spelling shown.
 */
function inName(hypothesis: WordHypothesis, previousKey: string, cursor: CursorContext, encode: (text: string) => number[]): WordHypothesis {
  const { word } = hypothesis;
  // The pairs' words are name-shaped, so the name writes them so ("fe", or the manuals' "FE", of Santa Fe).
  const named = capitalise(word.toLowerCase());
  if (word === named || !inNamePair(previousKey, normalizeKey(word))) return hypothesis;
  return respelled(hypothesis, named, cursor, encode);
}

/** Whether `key` goes on a place's, a date's or a famous person's name after `previousKey` (WordNet's pairs). */
function inNamePair(previousKey: string, key: string): boolean {
  return isPlaceOrTimeNamePair(previousKey, key) || isPersonNamePair(previousKey, key);
}

/**
 * `hypothesis` shown as `named` (the same word in other capitals), its tokens re-encoded so a phrase
 * goes on from that spelling; the logits after the old spelling's tokens are not carried over.
 */
function respelled(hypothesis: WordHypothesis, named: string, cursor: CursorContext, encode: (text: string) => number[]): WordHypothesis {
  const spaced = cursor.required.startsWith(' ') || cursor.allowLeadingSpace;
  const text = hypothesis.text.slice(0, hypothesis.text.length - hypothesis.word.length) + named;
  return { word: named, text, probability: hypothesis.probability, tokens: encode((spaced ? ' ' : '') + named) };
}

/**
 * A person's name: what the corpus usually writes capitalised mid-sentence ("Claire", "Hartley") that
 * is a person's given name, which the English word list may also hold in lower case ("James", "Anna":
 * `isGivenName`), or else no English word in lower case ("English", "God" are everyone's) and no
 * place's or date's name ("London", "Angeles", "Christmas": `isPlaceOrTimeName`); never a weekday,
 * a month or a title ("Monday", "May", "Mrs"). A word usually written in lower case is none ("will", "mark").
 */
function isName(form: string, key: string): boolean {
  if (!isNameShaped(form) || isCalendarName(key) || TITLES.has(key)) return false;
  return isGivenName(key) || (!isEnglishWord(key) && !isPlaceOrTimeName(key));
}

/**
 * A name completed after lower-case letters takes its capitals ("andr" → "Andrew", "lond" →
 * "London"), as a phone keyboard's dictionary keeps a name's case for a lower-case entry (LatinIME).
 * A name here is a word the corpus writes capitalised mid-sentence (the n-gram's usual form) whose
 * lower case is not an English word: "government", "march", "states" and "china" stay as typed, and
 * so do acronyms ("HID", "NULL" would turn "hi", "nul" into shouting). A word typed in full stays as
 * typed ("ok", "andrew"). The tokens are re-encoded, so a phrase goes on from the spelling shown.
 */
function withNameCase(hypothesis: WordHypothesis, model: NgramModel, key: string, cursor: CursorContext, encode: (text: string) => number[]): WordHypothesis {
  const { word } = hypothesis;
  const typed = cursor.typed;
  if (typed === '' || word === typed || /\p{Lu}/u.test(word) || !word.startsWith(typed)) return hypothesis;
  const id = model.id(key);
  const form = id > 0 ? model.form(id) : '';
  if (!isNameShaped(form) || normalizeKey(form) !== key || keepsTypedCase(typed, key, form)) return hypothesis;
  // The typed apostrophe style stays (keys write ’ as ').
  const named = Array.from(form, (ch, i) => (ch === "'" ? (Array.from(word)[i] ?? ch) : ch)).join('');
  return respelled(hypothesis, named, cursor, encode);
}

/**
 * A name keeps its capitals ("English", "I"); other words follow what was typed, capitalised at a
 * sentence start. A title is written as one ("Ms", "Dr"), whatever the corpus's usual form ("MS" of
 * the manuals: "Dear " offered MS).
 */
function spelling(form: string, key: string, typed: string, atSentenceStart: boolean): string {
  if (isShouting(typed)) return form.toUpperCase();
  if (TITLES.has(key)) return typed + capitalise(key).slice(typed.length);
  if (form !== key && !keepsTypedCase(typed, key, form)) return form;
  if (typed !== '') return typed + key.slice(typed.length);
  return atSentenceStart ? key.charAt(0).toUpperCase() + key.slice(1) : key;
}
