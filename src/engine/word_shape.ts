/**
 * The last step before candidates are shown: every source (GPT-2's word search, the document cache,
 * the personal dictionary) is held to the same rules of what a word is, how it is cased and how its
 * apostrophes are written, and nothing secret-looking, nor any piece of a secret, e-mail address or
 * URL of the text, is offered. See README "How it predicts".
 */
import { capitalise, isAbbreviation, isOrdinaryEnglish, isSentenceStart, pronounI, TITLES } from './case_rules';
import type { CursorContext } from './cursor_context';
import { isCalendarName, isEnglishWord, lexiconCovers } from './lexicon';
import { CUE_CHARS, insideAnnouncedValue, looksSecret, secretCueAt, type ProtectedPieces } from './secret_filter';
import { endsInCredentialCell } from './secret_tables';
import { PHRASE_MIN_WORD_PROBABILITY } from './phrase';
import { apostropheStyle, isShortNumber, phraseWhile, withApostrophes, wordKey } from './word_chars';
import { CONTRACTING_WORDS, isFunctionWord, NO_CLITIC_WORDS } from './function_words';
import { isContraction } from './contractions';
import { possessiveOfName } from './possessive';
import { isStrangersSurname, nameSlot, type NameSlot } from './name_slot';
import type { WordHypothesis } from './word_search';

/** One-letter words of English; any other lone letter from the model is a piece of a longer word ("F" of "FILE"). */
const ONE_LETTER_WORDS = new Set(['a', 'A', 'I']);
/**
 * How much less a word counts that the model spelled from several pieces by extending what was typed
 * when what was typed is itself a word and no source knows the longer one ("canly", "wonttxt").
 */
export const UNKNOWN_WORD_WEIGHT = 0.1;
/**
 * A capitalised completion of a lower-case typed word counts at most this share of the typed word;
 * so does a form of address after a title against the text's own names ("Mr. " → Baxter, then Speaker).
 */
const NAME_BELOW_TYPED = 0.9;
/** A typed "i" as the pronoun I counts at least this share of the best word. */
const PRONOUN_SHARE = 0.99;
/**
 * How much an ordinary word counts where a capital typed mid-sentence asks for a name (`asksForName`:
 * "See you on Mon" → Monday over Months).
 */
export const ORDINARY_FOR_CAPITAL = 0.05;

export interface ShapeInput {
  cursor: CursorContext;
  /** The text before the word as the model reads it (see `modelContext`). */
  context: string;
  /** Whether `word` (lower case, straight apostrophes) is a word: a whole token of the vocabulary, or written in the document or the dictionary. */
  isKnown: (lowerWord: string) => boolean;
  /** Whether the document or the dictionary writes `lowerWord` as a name (`CachedWord.capitalisedInProse`); none when absent. */
  isDocumentName?: (lowerWord: string) => boolean;
  /** The words of the secrets, e-mail addresses and URLs in the text before the word (`spellsProtected`). */
  secrets: ProtectedPieces;
  /** Whether the corpus writes `lowerWord` capitalised (the n-gram's usual form: "Monday", "March"); none when absent. */
  isCorpusName?: (lowerWord: string) => boolean;
}

/**
 * The words that went on an address or path the text wrote before (lower case): `context` ends in
 * the token the cursor is in (`d/upstream/`), `typed` is the word's typed part. Each earlier
 * occurrence of token + typed offers the word that followed it there (`signing` of
 * `d/upstream/signing-key.asc`), as an address field offers its history and nothing else.
 */
export function addressHistory(context: string, typed: string): Set<string> {
  const stem = /[^\s("'<[{]*$/u.exec(context)?.[0] ?? '';
  const token = stem + typed;
  const words = new Set<string>();
  if (token.length < 2) return words;
  const earlier = context.slice(0, context.length - stem.length);
  for (let at = earlier.indexOf(token); at >= 0; at = earlier.indexOf(token, at + 1)) {
    const start = at + stem.length;
    const word = /^[\p{L}\p{N}\p{M}'\u2019]*/u.exec(earlier.slice(start, start + 80))?.[0] ?? '';
    if (word.length > typed.length) words.add(wordKey(word));
  }
  return words;
}

/**
 * Why a candidate is not word-shaped, or undefined when it is. Rules:
 * - a single letter only where it is a word (`a`, `A`, `I`) or is what the person typed;
 * - a word starting with a digit only as a number of one or two digits (`compat to 13`; longer runs
 *   can be PINs or amounts) or with an ordinal or plural ending (`2nd`, `1990s`);
 * - at most one apostrophe suffix (`You've`, never `You've've`), and a plural possessive takes
 *   only the apostrophe (`cousins'`, never `cousins's`), `'t` follows only an n (`don't`, never
 *   `I't`) and I takes only 'm, 've, 'll, 'd;
 * - no clitic on a function word (`and's`, `then's`, `of'll`: function_words.ts NO_CLITIC_WORDS; the English word list accepts them and the model offers them),
 *   on a pronoun or an auxiliary only a contraction the language has (`you're`, never `you's`:
 *   CONTRACTING_WORDS, contractions.ts), and on any other word only 's (`cousin's`, never
 *   `other're`, `law'm`), except a name's possessive (`Will's`, `US's`);
 * - nothing that looks like a secret.
 */
export function shapeFault(word: string, typed: string): string | undefined {
  const letters = Array.from(word);
  if (letters.length === 1 && typed === '' && /^[A-Za-z]$/u.test(word) && !ONE_LETTER_WORDS.has(word)) return 'lone letter';
  if (/^\p{N}/u.test(word) && !isShortNumber(word) && !/^\p{N}+(?:st|nd|rd|th|s)$/iu.test(word) && word !== typed) return 'digits with a fragment';
  if (word !== typed && wrongOrdinal(word)) return 'wrong ordinal suffix';
  const apostrophes = (word.match(/['\u2019]/gu) ?? []).length;
  if (apostrophes > Math.max(1, (typed.match(/['\u2019]/gu) ?? []).length)) return 'second apostrophe suffix';
  if (/^\p{Ll}.*[^s]s['\u2019]s$/u.test(word)) return 'plural possessive with s';
  if (/[^n]['\u2019]t$/iu.test(word) && word !== typed) return "'t after a letter other than n";
  if (/^i['\u2019](?!(?:m|ve|ll|d)$)\p{L}/iu.test(word)) return 'not a contraction of I';
  const clitic = /^(\p{L}+)['\u2019](s|ll|ve|re|d|m)$/iu.exec(word);
  if (clitic && word !== typed) {
    const stem = clitic[1].toLowerCase();
    const possessive = clitic[2].toLowerCase() === 's';
    // A name's possessive is a word whatever its lower case is ("Will's", "US's"); its "Will've" is not.
    const namePossessive = possessive && possessiveOfName(clitic[1]);
    if (NO_CLITIC_WORDS.has(stem) && !namePossessive) return 'clitic on a function word';
    // Only 's goes on any word (a possessive); 'll 've 're 'd 'm, and 's on a pronoun or an auxiliary,
    // make the listed contractions alone ("other're", "law'm", "you's").
    if ((!possessive || CONTRACTING_WORDS.has(stem)) && !isContraction(word) && !namePossessive) return 'no such contraction';
  }
  if (word !== typed && mixesScripts(word)) return 'letters of two scripts';
  if (looksSecret(word)) return 'secret';
  return undefined;
}

/**
 * A word for an item of a lower-case list (`- eggs⏎- `): an English word the model capitalised as a
 * sentence's first ("The", "Milk") in lower case; names, I, weekdays and months, acronyms keep theirs.
 */
function asListWord(word: string): string {
  const lower = word.toLowerCase();
  if (!/^\p{Lu}\p{Ll}*$/u.test(word) || !isOrdinaryEnglish(lower, word) || isCalendarName(lower)) return word;
  return lower;
}

/** An English word of two or more letters with digits glued on (`like11`); lower case. */
export function gluedDigits(key: string): boolean {
  const parts = /^(\p{L}{2,})\p{N}+$/u.exec(key);
  return parts !== null && isEnglishWord(parts[1]);
}

/**
 * Whether offering `word` after `typed` would give away a protected word of the text
 * (`ProtectedPieces`): a secret or a beginning of one ("Kp4x" after "Kp" of "Kp4xVt9w"), a word of
 * an e-mail address or URL or a beginning of one ("qxzvbn" of "qxzvbn@gmail.com"). GPT-2 copies
 * from its context and the caches from the document, so a password's first letters come back one
 * keystroke at a time unless every source is judged against the text. An ordinary English word
 * stays ("a" of "a8Kd…", "expired" after "my password", "docs" of a URL path): refusing one
 * everywhere in the document would cost far more than it hides. The whole word of an announced
 * value is the exception ("sunshine" after `pass: sunshine`): a password that is an English word
 * is still a password.
 */
export function spellsProtected(word: string, typed: string, secrets: ProtectedPieces): boolean {
  return !secrets.empty && secrets.spells(word, typed) && (!isEnglishWord(word) || secrets.isValue(word, typed));
}

/**
 * Whether `word` may be offered after `typed` where the text announces a secret (`secretCueAt`
 * gave `cue`): never after a value's cue; after a credential's name and "is", a function word; after
 * a name alone, an ordinary word (`isOrdinaryAfterCue`); and never a word written after such a cue
 * before (`ProtectedPieces.wasCued`: `Password marmalade` … `Password `), unless it is what was typed.
 */
export function mayFollowCue(word: string, typed: string, cue: 'value' | 'maybe' | 'name', secrets: ProtectedPieces): boolean {
  if (cue === 'value' || (secrets.wasCued(word) && wordKey(word) !== wordKey(typed))) return false;
  return cue === 'maybe' ? isFunctionWord(word.toLowerCase()) : isOrdinaryAfterCue(word);
}

/**
 * The longest prefix of a ghost-text phrase (which replaces `typed` after `context`, the text before
 * the word) that gives away no protected word (`spellsProtected`; its first word judged against
 * `typed`, the later ones against nothing) and no word where the phrase itself writes a secret's cue
 * (`my password` + ` is marmalade`: `mayFollowCue`). '' when even the first word gives one away.
 */
export function phraseWithoutProtected(phrase: string, typed: string, secrets: ProtectedPieces, context = ''): string {
  // A cue reads only the last CUE_CHARS characters, so the context's tail stands for all of it.
  const tail = context.slice(-CUE_CHARS) + (phrase.startsWith(' ') ? '' : ' ');
  return phraseWhile(phrase, typed, (word, before, at) => {
    if (!secrets.empty && spellsProtected(word, before, secrets)) return false;
    if (at === 0) return true;
    const cue = secretCueAt(tail + phrase.slice(0, at));
    return cue === undefined || mayFollowCue(word, '', cue, secrets);
  });
}

/**
 * A number with an English ordinal suffix that is not its own ("15st", "2th", "11st", "23th"): 1st,
 * 2nd, 3rd after a last digit 1, 2, 3 except in 11, 12, 13; th otherwise. The model spells the
 * suffix as a token of its own after any number.
 */
function wrongOrdinal(word: string): boolean {
  const ordinal = /([0-9]?)([0-9])(st|nd|rd|th)$/iu.exec(word);
  if (!ordinal || !/^[0-9]+(?:st|nd|rd|th)$/iu.test(word)) return false;
  const right = ordinal[1] === '1' ? 'th' : ({ '1': 'st', '2': 'nd', '3': 'rd' } as Record<string, string>)[ordinal[2]] ?? 'th';
  return ordinal[3].toLowerCase() !== right;
}

/** An hour and its colon after a word that introduces a time ("at 10:", "from 9:", "until 17:"). */
const TIME_COLON = /(?:^|[^\p{L}])(?:at|by|until|till|from|to|before|after|around|about|since)[ \t]+(?:[01]?[0-9]|2[0-3]):$/iu;

/**
 * Whether `context` ends in TIME_COLON. Asked for every candidate of a keystroke: the pattern is
 * tried on the context's last characters only, and only when it ends in a colon.
 */
function endsWithTimeColon(context: string): boolean {
  return context.endsWith(':') && TIME_COLON.test(context.slice(-TIME_COLON_CHARS));
}
/** Enough characters for TIME_COLON's longest match ("before 23:") and the character before it. */
const TIME_COLON_CHARS = 16;

/**
 * Why a word starting with a digit does not fit where it would go, or undefined. A number opening
 * a line is a list or heading number ("2. ", "2nd" after "1. milk⏎2"), which goes with its marker;
 * typed digits are never extended with more ("5" → "55", "19" → "1960s": a guess at a fact), only
 * with letters ("5" → "5th"); and a number comes next only after a word ("compat to 13", "Python 3"),
 * never after punctuation ("Wait... 7", "(1") nor after a number ("2024 1", "May 5 1"); after a
 * time's colon only as two digits ("10:30", not "10:5"). `context` is the model's text before the word.
 */
export function numberFault(word: string, typed: string, context: string): string | undefined {
  // "at 6:" takes its minutes: a word there ("at 6: the") is the model reading the colon as a label's.
  if (typed === '' && !/^\p{N}/u.test(word) && endsWithTimeColon(context)) return 'word after a time\'s colon';
  if (!/^\p{N}/u.test(word) || wordKey(word) === wordKey(typed)) return undefined;
  if (context === '' || /\n[ \t]*$/u.test(context)) return 'number opening a line';
  if (/^\p{N}+$/u.test(typed) && /^\p{N}/u.test(word.slice(typed.length))) return 'digits added to typed digits';
  // After a label, a currency sign or an issue's #, a number is what comes (`Version: 2`, `$5`, `#12`).
  if (typed === '' && !/(?:[\p{L}\p{N}]|[:$#€£])$/u.test(context)) return 'number after punctuation';
  // "at 10:" takes minutes, two digits ("10:30"), never "10:5"; a ratio ("16:9"), a verse ("Genesis
  // 1:1") or a label ("Week 3: 5 km", read here without its space) takes any number.
  if (typed === '' && endsWithTimeColon(context) && !/^[0-9]{2}(?![0-9])/u.test(word)) return 'minutes need two digits';
  // "Copyright (c) 2024 1", "May 5 1": a number after a number is a second one made up.
  if (typed === '' && /(?:^|[^\p{L}\p{N}])\p{N}+$/u.test(context)) return 'number after a number';
  return undefined;
}

/** Latin letters glued to Cyrillic or Greek ones in one word ("миo"): a piece of another script, never a word. */
function mixesScripts(word: string): boolean {
  return /\p{Script=Latin}/u.test(word) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(word);
}

/**
 * Whether `word` may be offered right after a credential's name (`secretCueAt` 'name': `You can
 * pass `, `the token `, `The code is `): a lower-case word of English (or the pronoun I), which is how prose goes
 * on. A value typed there (`my password Kp4x`, `PIN 4821`, `token ghp_…`) is never one.
 */
export function isOrdinaryAfterCue(word: string): boolean {
  if (word === 'I') return true;
  const lower = word.replace(/\u2019/gu, "'");
  return /^\p{Ll}+(?:'\p{Ll}+)?$/u.test(lower) && (isFunctionWord(lower) || isEnglishWord(lower));
}

/** A word as these rules read it: letters, digits and marks, with inner apostrophes ("don't", "x11"). */
const WORD = String.raw`[\p{L}\p{N}\p{M}]+(?:['\u2019][\p{L}\p{N}\p{M}]+)*`;
/** The last word, an optional dot, then only spaces and punctuation up to the end (no line break, no sentence end). */
const LAST_WORD_ON_LINE = new RegExp(`(${WORD})(\\.?)[^\\p{L}\\p{N}\\p{M}\\n.!?…]*$`, 'u');
const WORD_RUN = new RegExp(WORD, 'gu');

/**
 * The last word of `context` (lower case, straight apostrophes) where only spaces and punctuation on
 * its line follow it (`To: ` → "to", `Alice, Bob, ` → "bob", `Dear Dr.` → "dr": an abbreviation's dot
 * ends no sentence); undefined after a line break or a sentence's end (`…like it. ` may go on with "It").
 */
export function previousWordKey(context: string): string | undefined {
  const match = LAST_WORD_ON_LINE.exec(context.slice(-80));
  if (!match || (match[2] === '.' && !isAbbreviation(match[1]))) return undefined;
  return wordKey(match[1]);
}

/**
 * Right after a title before a name (`Dear Ms.`, `I spoke with Mr.`): only a name fits, so a
 * lower-case word, a function word or pronoun (`He`, `My`) and an acronym (`DOS` of MS-DOS) are not
 * offered. `context` is the model's text before the word.
 */
export function afterTitle(context: string): boolean {
  const match = /(?:^|[^\p{L}\p{N}\p{M}.])(\p{L}+)\.$/u.exec(context.slice(-16));
  return match !== null && TITLES.has(match[1].toLowerCase());
}

/**
 * `afterTitle`, or a title without its dot once a space is typed after it, as British English
 * writes it (`Dear Mrs `, `Please call Dr `): the name slot's title (`nameSlot`, capitalised, so not
 * `MS` or `dr`). Without the dot the model expects one, so its words were the dregs of its
 * distribution ("Mrs " offered module, "Dear Dr " character). `St` without its dot is a street's
 * ("Baker St " goes on with "and", "in").
 */
export function titleBefore(context: string, spaced: boolean, slot: NameSlot | undefined = nameSlot(context)): boolean {
  if (afterTitle(context)) return true;
  return spaced && slot !== undefined && TITLES.has(slot.previousKey) && slot.previousKey !== 'st';
}

/** Whether `word` can be a name after a title: a capital, then lower case (`Smith`, `O'Brien`, `McKay`), no function word, no second title. */
function isNameAfterTitle(word: string, key: string): boolean {
  return /^\p{Lu}/u.test(word) && /\p{Ll}/u.test(word) && !isFunctionWord(key) && !TITLES.has(key);
}

/**
 * Whether `key` repeats the word just written (`previousWordKey`), whole or clipped: the word again
 * ("To: to", "Alice, Bob, Bob"; the document cache counts it, so it would be offered right after
 * itself), or its first letters (`Agenda: Ag`, `Decision: Dec`: the model learned a dictionary's
 * abbreviated labels; `afterLabel`: nothing typed yet, right after the word and its colon). A
 * keyboard suggests neither stutter. A clipped function word may follow (`Items: I`, `Attention: At noon`).
 */
export function echoesPrevious(key: string, previous: string, afterLabel: boolean): boolean {
  if (key === previous) return true;
  // Clipped only before a letter and after a label: typed letters, a possessive ("my father's f" →
  // "father") or a heading ("Installation: Inst" → "Install") ask for the shorter word.
  return afterLabel && key.length >= 2 && key.length < previous.length && previous.startsWith(key) && !isFunctionWord(key);
}

/** Words that link a word to itself ("step by step", "again and again", "face to face"). */
const LINKING_WORDS = new Set(['by', 'to', 'and', 'after', 'for', 'upon', 'in', 'or', 'over', 'on']);
/**
 * How far back a next word may not repeat one of the text's words (`repeatsRecent`). Three cost the
 * tuning changelog 0.9 points of top-1: technical text repeats a word three back ("Update
 * libxi6.symbols with new symbols").
 */
const RECENT_WORDS = 2;

/** Words of the current sentence read back, for the no-repeat rules (RECENT_WORDS, SENTENCE_REPEAT). */
const SENTENCE_WORDS = 40;

/**
 * The keys of the last `count` words of `context`'s sentence and line: list items and sentences
 * start with the same word ("- Buy milk⏎- Buy"). Read once per keystroke, not per candidate.
 */
function recentWordKeys(context: string, count = RECENT_WORDS): string[] {
  const tail = context.slice(-(count > RECENT_WORDS ? 400 : 120));
  // A title's or abbreviation's dot ends no sentence ("Dear Dr. " goes on with the name, not "dear").
  const ends = Array.from(tail.matchAll(/([\p{L}.]*)[.!?…](?=\s|$)/gu)).filter((m) => !(m[0].endsWith('.') && isAbbreviation(m[1])));
  const start = Math.max(tail.lastIndexOf('\n'), ...ends.map((m) => (m.index ?? -1) + m[0].length - 1));
  return (tail.slice(start + 1).match(WORD_RUN) ?? []).slice(-count).map(wordKey);
}

/**
 * A content word of the current sentence, further back than RECENT_WORDS, is offered again at this
 * share: a small GPT-2 copies the sentence it is in ("She opened the door and " offered "opened"
 * at p 0.27, "I talked to Tom " talked), while a writer seldom repeats one (a changelog does:
 * "Update libxi6.symbols with new symbols", so a share, not a ban).
 */
const SENTENCE_REPEAT = 0.3;

/** Whether a repeat of `key` says nothing: function words repeat in any prose ("as long as"), numbers in versions ("3.9.3"). */
function repeatsFreely(key: string): boolean {
  return isFunctionWord(key) || /\p{N}/u.test(key);
}

/**
 * Whether `key`, offered as a separate word before a letter is typed, repeats one of the last
 * RECENT_WORDS words of its sentence and line in `context` ("Book a book", "Overall, the overall",
 * "Assigned to: assigned"): a small GPT-2 copies what it just read, and so do the caches. Function
 * words repeat in any prose ("as long as"), numbers in versions ("3.9.3"), and a word linked to
 * itself right before the cursor ("step by ", "again and ") goes on with itself. The caller asks
 * only for a word that starts after a space or a line break: a compound or an identifier repeats its
 * parts ("x11proto-input-dev and libx11-dev").
 */
export function repeatsRecent(key: string, context: string, recent = recentWordKeys(context)): boolean {
  if (repeatsFreely(key)) return false;
  // A possessive is its noun again ("the children's children", "Anna's anna's").
  const at = recent.map(withoutPossessive).lastIndexOf(withoutPossessive(key));
  if (at < 0) return false;
  const linked = at === recent.length - 2 && LINKING_WORDS.has(recent[recent.length - 1]) && /[\p{L}\p{N}] +\p{L}+ *$/u.test(context);
  return !linked;
}

/** A key without its possessive ending (`children's` → `children`, `james'` → `james`; keys write ’ as '). */
function withoutPossessive(key: string): string {
  return key.replace(/'s?$/u, '');
}

/**
 * Whether a capital typed here asks for a name: one capital, then lower case, right after a
 * lower-case word of the same line ("See you on Mon", "ask Ann", "ready by Fri", "thanks, D").
 * Mid-sentence a person capitalises names; a sentence start, a line start, a label's value
 * (`Status: Done`), a heading and a title ("Getting Started") capitalise ordinary words too, so
 * there the capital says nothing. LatinIME likewise ranks a dictionary word whose case matches the
 * typed capital above one that only matches it case-insensitively.
 */
export function asksForName(typed: string, context: string, cursor: Pick<CursorContext, 'tail' | 'required'>): boolean {
  if (!/^\p{Lu}\p{Ll}*$/u.test(typed) || cursor.tail !== '' || !cursor.required.startsWith(' ')) return false;
  if (!/(?:^|[^\p{L}\p{N}\p{M}'\u2019-])\p{Ll}[\p{L}\p{M}'\u2019-]*[,;]?$/u.test(context)) return false;
  return !/^[ \t]*#/u.test(context.slice(context.lastIndexOf('\n') + 1));
}

/**
 * Filters, cases, merges and re-ranks candidates (best first). Case variants are one word: their
 * probabilities add up and one spelling is shown (the pronoun I capitalised, the first word of a
 * heading or list item capitalised, the person's caps lock kept). Apostrophes follow the person's style (' or ’).
 */
export function shapeCandidates(candidates: readonly WordHypothesis[], input: ShapeInput): WordHypothesis[] {
  const { cursor, context } = input;
  const before = context + (cursor.required.startsWith(' ') ? ' ' : '');
  // After "Best regards,⏎" the writer signs: GPT-2 and the caches offered the letter's own words
  // ("Thanks again", "Best"), never the name, which no source can know before its first letter.
  if (!cursor.wordMayStart || endsInCredentialCell(before) || (cursor.afterSignOff && cursor.typed === '')) return [];
  const cue = secretCueAt(before);
  if (cue === 'value' || insideAnnouncedValue(before)) return [];
  const style = apostropheStyle(cursor.typed, context);
  // Headings and list items start with a capital; elsewhere the model's own case at a line's start
  // is kept (a changelog line may start with a lower-case package name), one spelling per word.
  const capitalAtStart = cursor.typed === '' && cursor.lineStart;
  // A sentence inside a line starts with a capital too, as a phone keyboard's auto-capitals do
  // (LatinIME): an English word the model offered in lower case is offered capitalised there
  // (`smiled. "` offered "he", `It was late. ` "the"), one spelling per word.
  const capitalInLine = cursor.typed === '' && !cursor.lineStart && !cursor.shouting && isSentenceStart(context);
  const merged = new Map<string, WordHypothesis>();
  // "can" is a word here, so "canly" (can + ly) is a suffix glued to it, unless some source knows it.
  const typedKey = cursor.typed.toLowerCase().replace(/\u2019/gu, "'");
  const invertedCaps = /^\p{Ll}\p{Lu}+$/u.test(cursor.typed);
  const typedIsWord = typedKey !== '' && candidates.some((c) => c.word.toLowerCase().replace(/\u2019/gu, "'") === typedKey);
  const echo = previousWordKey(context);
  const afterSpace = cursor.required.startsWith(' ') || cursor.tail !== '';
  const afterLabel = typedKey === '' && /:$/u.test(context);
  // The sentence's words before the cursor, read once: the last RECENT_WORDS are not offered again,
  // those before them at SENTENCE_REPEAT.
  const sentence = typedKey === '' ? recentWordKeys(context, SENTENCE_WORDS) : [];
  const recent = sentence.slice(-RECENT_WORDS);
  const earlier = sentence.slice(0, -RECENT_WORDS);
  // Right after a given name or a title only a name the writer has used fits (name_slot.ts).
  const slot = typedKey === '' && !cursor.shouting ? nameSlot(context) : undefined;
  const title = typedKey === '' && titleBefore(context, afterSpace, slot);
  const history = cursor.inAddress && typedKey === '' ? addressHistory(context, '') : undefined;
  // A name typed with its apostrophe owns its possessive even where no list knows it ("Chloë'",
  // "Kowalczyk'": the writer's own word); lower-case letters no source knows stay out ("xqzt'").
  const typedNamePossessive = /^\p{Lu}\p{Ll}+['\u2019]$/u.test(cursor.typed) ? `${typedKey}s` : undefined;
  for (const candidate of candidates) {
    // A confident guess may come too (`/usr/` → share, `signing-` → key), as sure as a phrase's words.
    if (history !== undefined && !history.has(wordKey(candidate.word)) && candidate.probability < PHRASE_MIN_WORD_PROBABILITY) continue;
    if (shapeFault(candidate.word, cursor.typed) !== undefined || spellsProtected(candidate.word, cursor.typed, input.secrets)) continue;
    if (cue !== undefined && !mayFollowCue(candidate.word, cursor.typed, cue, input.secrets)) continue;
    if (numberFault(candidate.word, cursor.typed, context) !== undefined) continue;
    const key = candidate.word.toLowerCase().replace(/\u2019/gu, "'");
    if (echo !== undefined && key !== typedKey && echoesPrevious(key, echo, afterLabel)) continue;
    if (title && !isNameAfterTitle(candidate.word, key)) continue;
    if (slot && isStrangersSurname(candidate.word, key, slot, input.isDocumentName)) continue;
    // A separate word: after a space, a line break, or with a space of its own ("settings.json settings." goes on glued).
    const separate = typedKey === '' && (afterSpace || candidate.text.startsWith(' '));
    if (separate && repeatsRecent(key, context, recent)) continue;
    let probability = candidate.probability;
    if (separate && earlier.includes(key) && !repeatsFreely(key)) probability *= SENTENCE_REPEAT;
    if (key !== typedKey && key !== typedNamePossessive && !input.isKnown(key)) {
      // A word no source knows: where the English word list can judge it, letters glued on
      // ("runningo", "tomore", "iPhost", and "Sepimate" before a letter is typed) are not a word;
      // elsewhere (other scripts, digits) it only counts less when the typed part is itself a word.
      if (lexiconCovers(key)) continue;
      // Digits glued onto an English word ("like11", "more4", "were16" from " like" + "11"): a term
      // spelled so ("python3", "win32") is one the n-gram or the document knows.
      if (gluedDigits(key)) continue;
      if (typedIsWord && candidate.tokens.length > 1) probability *= UNKNOWN_WORD_WEIGHT;
    }
    const existing = merged.get(key);
    if (existing) {
      existing.probability += probability;
      continue;
    }
    let word = withApostrophes(pronounI(candidate.word), style);
    if (invertedCaps) {
      // "tHE": caps lock on with Shift for the first letter; the word is offered as meant ("they").
      word = pronounI(word.toLowerCase());
    } else if (cursor.shouting) {
      word = word.toUpperCase();
      // An acronym's possessive keeps its ending in lower case, as in print ("NASA's", "US's"), unless
      // caps lock is on or it is a contraction shouted ("IT'S", "DON'T").
      if (!cursor.capsLock && !isContraction(word)) word = word.replace(/(['\u2019])S$/u, '$1s');
    } else {
      // Without caps lock a contraction's ending is lower case ("I'd", never "I'D").
      word = word.replace(/(['\u2019])(\p{Lu}+)$/u, (_match, apostrophe: string, ending: string) => apostrophe + ending.toLowerCase());
      if (capitalAtStart) word = cursor.lowerCaseList ? asListWord(word) : capitalise(word);
      else if (capitalInLine && /^\p{Ll}+$/u.test(word) && isEnglishWord(key)) word = capitalise(word);
    }
    const spaced = candidate.text.startsWith(' ');
    merged.set(key, { ...candidate, word, text: (spaced ? ' ' : '') + word, probability });
  }
  const shaped = [...merged.values()];
  // A name the model or the n-gram capitalised ("Lolium" for "lol", even when shown in the typed
  // lower case) never outranks the lower-case word the person typed: they wrote it so on purpose.
  // A name this document uses is exempt ("pre" → "Presage"): the person has written it here already.
  const typedWord = /^\p{Ll}/u.test(cursor.typed) ? merged.get(typedKey) : undefined;
  if (typedWord) {
    for (const [key, candidate] of merged) {
      if (candidate === typedWord || !(/^\p{Lu}/u.test(candidate.word) || candidate.lowerCasedName) || candidate.probability < typedWord.probability) continue;
      // The pronoun I is written so however it is typed ("im" → "I'm"); it is no name.
      if (/^I(?:['\u2019]\p{L}+)?$/u.test(candidate.word)) continue;
      if (!input.isDocumentName?.(key)) candidate.probability = typedWord.probability * NAME_BELOW_TYPED;
    }
  }
  // "See you on Mon": Monday, not Months. The typed word itself and the pronoun I keep their share.
  if (asksForName(cursor.typed, context, cursor)) {
    for (const [key, candidate] of merged) {
      if (key === typedKey || !isOrdinaryEnglish(key, candidate.word) || input.isCorpusName?.(key) || input.isDocumentName?.(key)) continue;
      candidate.probability *= ORDINARY_FOR_CAPITAL;
    }
  }
  // After a title the text's own names come before a form of address ("I spoke with Tom Baxter
  // yesterday. Mr. " offered Speaker, with Baxter fourth).
  if (slot?.afterTitle && input.isDocumentName) {
    const isName = input.isDocumentName;
    const names = [...merged].filter(([key]) => isName(key)).map(([, candidate]) => candidate.probability);
    if (names.length > 0) {
      const below = Math.min(...names) * NAME_BELOW_TYPED;
      for (const [key, candidate] of merged) if (!isName(key)) candidate.probability = Math.min(candidate.probability, below);
    }
  }
  shaped.sort((a, b) => b.probability - a.probability);
  // A typed "i" is most often the pronoun: I is always on the list, right after the best word at
  // the lowest (the model spells it " i" rarely and " I" after a capital, both below "is", "in", "it").
  const pronoun = typedKey === 'i' ? merged.get('i') : undefined;
  if (pronoun && shaped[0] !== pronoun && pronoun.probability < shaped[0].probability * PRONOUN_SHARE) {
    pronoun.probability = shaped[0].probability * PRONOUN_SHARE;
    shaped.sort((a, b) => b.probability - a.probability);
  }
  return shaped;
}
