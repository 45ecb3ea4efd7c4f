import { isEnglishWord, isPlaceOrTimeName } from './lexicon';
import { readWhitespace } from './whitespace';
import { isApostrophe, isShouting, trailingWord } from './word_chars';

/** Longer "words" are pasted data (hashes, base64), not something a keyboard should complete. */
export const MAX_TYPED_WORD_LENGTH = 40;

/**
 * How the text before the cursor is split for the model. GPT-2 tokens carry their leading space
 * (" robot"), so the space before the current word belongs to the word, not to the context, and the
 * typed part is matched against tokens instead of being tokenized as if it were finished.
 */
export interface CursorContext {
  /** Length of the prefix of the text the model conditions on, before any whitespace that precedes the word. */
  contextEnd: number;
  /** Whitespace the model reads after `text.slice(0, contextEnd)`, before the word (see `readWhitespace`). */
  tail: '' | '\n' | '\n\n';
  /** The part of the current word already typed, exactly as in the document. */
  typed: string;
  /** What the model's continuation must start with: the typed part (curly apostrophes as '), with its leading space if any. */
  required: string;
  /** After closing punctuation ("Hello,|") a candidate may bring its own leading space. */
  allowLeadingSpace: boolean;
  /** Whether a next word may come without a space: always unless after closing punctuation (`Hello,|` → ` world`, never `ly`). */
  allowUnspaced: boolean;
  /** False where no word can start: glued to an address or a path (`ben@|`, `src/|`). */
  wordMayStart: boolean;
  /**
   * Capitals for this word: the typed part has two or more letters, all capitals, or is one capital
   * after shouted words (`THE QUICK F`), or nothing is typed yet and the text ends in caps lock (`capsLock`).
   */
  shouting: boolean;
  /** Caps lock: the last three words are in capitals, two of them English words (`PLEASE DO NOT`), so a ghost phrase is too. */
  capsLock: boolean;
  /** The word is the first of a Markdown heading or list item (`## |`, `- |`), which starts with a capital. */
  lineStart: boolean;
  /**
   * Inside an address or a path (`insideAddress`). Before a letter only the words that went on the
   * same address earlier in the text are offered there (`d/upstream/` → `signing`, word_shape.ts
   * `addressHistory`) and a guess as sure as a phrase's words (`/usr/` → `share` at 64 %), never a
   * weak one (`https://github.com/` → systemd at 3 %); once letters are typed, words that start
   * with them are (`/usr/s` → `share`, `d/upstream/s` → `signing`). Never a phrase.
   */
  inAddress?: boolean;
  /**
   * The word starts a list item in a list whose previous item starts in lower case (`- eggs⏎- |`): a
   * shopping list or a list of fragments, whose items are not capitalised as sentences are.
   */
  lowerCaseList?: boolean;
  /**
   * The word starts the line right after a sign-off (`Best regards,⏎|`): the writer's name comes
   * there, which no model can guess, so nothing is offered before its first letter (word_shape.ts).
   */
  afterSignOff?: boolean;
}

/** Characters after which no prose word starts: addresses, Windows paths, key=value, operators. */
const GLUE = /[@\\=$%^&|~+]$/u;
/**
 * Text right before the cursor, without a space, after which no prose word is glued on: a heading
 * marker missing its space (`#`), a number going on (`2026-`, `v1.2.`, `3.`: a date, a version, a
 * list number). Once a space is typed the next word is predicted as usual.
 */
const NOT_BEFORE_A_WORD = /(?:^[ \t]*#{1,6}|\p{N}[-.])$/u;

/** A fence line (CommonMark 4.5: three or more backticks or tildes, indented up to three spaces). */
const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/gmu;
/** FENCE_LINE for one line, without the global flag's state. */
const FENCE_START = new RegExp(FENCE_LINE.source, 'u');

/**
 * Whether the cursor is inside a fenced code block, or on a fence line (its info string): code, not
 * prose, so nothing is offered. `linesBefore` is the text before the cursor's line, `line` that line
 * up to the cursor. A block closes at a fence of its own character at least as long as its opener
 * (CommonMark 4.5); one left open runs to the end, as in CommonMark. Cost linear in `linesBefore`.
 */
export function insideFence(linesBefore: string, line: string): boolean {
  if (FENCE_START.test(line)) return true;
  let open: string | undefined;
  for (const [, fence] of linesBefore.matchAll(FENCE_LINE)) {
    if (open === undefined) open = fence;
    else if (fence[0] === open[0] && fence.length >= open.length) open = undefined;
  }
  return open !== undefined;
}

/**
 * An initialism being written, letters each with its dot and at most one letter after the last
 * (`U.|`, `U.S|`, `e.g|`, `a.m|`): its letters are not words, so nothing is offered until a space
 * ("U.So", "e.go" were). A dot after a longer word (`it.|`, `README.|`) is not one.
 */
const INITIALISM = /(?:^|[^\p{L}\p{N}\p{M}.'\u2019-])(?:\p{L}\.)+\p{L}?$/u;

/**
 * Whether the cursor is inside an open code span (an odd number of backticks before it on the
 * line: `` Run `npm | ``) or a link target (`[docs](|`, up to its closing parenthesis): code, not
 * prose, so nothing is offered there. (An address, `insideAddress`, is read like an address field: `CursorContext.inAddress`.)
 */
export function insideMarkup(line: string): boolean {
  if (((line.match(/`/gu) ?? []).length & 1) === 1) return true;
  return /\]\([^)\s]*$/u.test(line);
}

/**
 * The start of a whitespace-delimited token (after any opening brackets or quotes) that makes it an
 * address or a path: a URL's scheme or `www.`, an e-mail address's `@`, `~/`, `./`, `../`, a root
 * (`/usr`), two slashes (`src/engine/`) or a domain and a slash (`acme.io/`).
 */
const ADDRESS_TOKEN = /(?:^|\s)[("'<[{]*(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:|[^\s@]+@|~\/|\.{1,2}\/|\/[^\s/]|[^\s/]+\/[^\s/]*\/|[^\s/]*\.[a-z]{2,}\/)\S*$/iu;

/**
 * Whether the cursor is inside an address or a path: the token before it is a URL
 * (`https://github.com/`), an e-mail address (`bob@gmail.com.`) or a path (`~/.config/`,
 * `src/engine/`, `acme.io/`). A phone keyboard offers no guesses in an address field, only what was
 * typed there before: the words of prose glued into one (`gmail.com.com`, `https://github.com/visit`)
 * are never what comes, but a path the document wrote before is (`CursorContext.inAddress`);
 * `and/or`, `he/she` and `1/2` stay prose. `line` is the text before the cursor on its line.
 */
export function insideAddress(line: string): boolean {
  return ADDRESS_TOKEN.test(line);
}

/**
 * A Markdown heading or list marker (`## `, `- `, `1. `, a task `- [ ] `, a lettered item `a) `) or a
 * blockquote's `> ` at the start of a line, right before the word.
 */
/** A list item's marker and the space after it (`- `, `* [ ] `, `2. `, `b) `), quoted or not. */
const LIST_ITEM = /^[ \t]*(?:>[ \t]*)*(?:[-*+](?:[ \t]+\[[ xX]\])?|\d{1,9}[.)]|[a-zA-Z][.)])[ \t]+/u;
/** How far back (characters) the previous item of a list is looked for. */
const LIST_LOOKBACK = 2000;

/**
 * Whether the item begun by `marker` (the line so far: `- `) goes on a list whose previous item starts
 * with a lower-case letter (`- eggs`). `before` is the text up to the item's line. Indented lines
 * (a wrapped item) and blank lines between items are passed over; any other line ends the list.
 */
export function listGoesOnInLowerCase(before: string, marker: string): boolean {
  if (!LIST_ITEM.test(marker)) return false;
  const lines = before.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    const item = LIST_ITEM.exec(line);
    if (item) return /^\p{Ll}/u.test(line.slice(item[0].length));
    if (line.trim() !== '' && !/^[ \t]/u.test(line)) return false;
  }
  return false;
}

const LINE_MARKER = /^[ \t]*(?:(?:>[ \t]*)+|(?:>[ \t]*)*(?:#{1,6}|[-*+](?:[ \t]+\[[ xX]\])?|\d{1,9}[.)]|[a-zA-Z][.)])[ \t]+)$/u;
/** Punctuation after which a word opens without a space: brackets, opening quotes, dashes, `and/or`, `#tag`, emphasis. */
const OPENING = /[([{<“‘«¿¡–—\-/#*_`]$/u;

/**
 * Whether `line` (the text before the cursor on its line) ends in a closing emphasis, strikethrough
 * or code-span delimiter run: `**bold**|`, `_very_|`, `~~old~~|`, `` `npm install`| ``. The run
 * follows a non-space character (CommonMark's right-flanking run) and pairs with an opener before it
 * on the line (a backtick: an even count of them there), so the next word takes a space.
 * `This is **|`, `snake_|` and `MAX_RETRY_|` open or go on instead, and the word is glued on.
 */
export function closesMarkup(line: string): boolean {
  const run = /([*_~`])\1*$/u.exec(line);
  if (!run) return false;
  const before = line.slice(0, run.index);
  if (before === '' || /\s$/u.test(before)) return false;
  if (run[1] === '`') return (line.split('`').length - 1) % 2 === 0;
  // Its opener: the same mark after a space, punctuation or the line start, before a non-space
  // (`**bold`, `_very`); inside a word it opens nothing (`MAX_RETRY_`, `2*3*`).
  return OPENERS[run[1]].test(before);
}

/** An opening emphasis or strikethrough run (CommonMark's left-flanking run, not inside a word). */
const OPENERS: Record<string, RegExp> = {
  '*': /(?:^|[\s\p{P}])\*+(?=[^\s*])/u,
  _: /(?:^|[\s\p{P}])_+(?=[^\s_])/u,
  '~': /(?:^|[\s\p{P}])~+(?=[^\s~])/u,
};

export function splitAtCursor(text: string): CursorContext {
  const cursor = splitOutsideAddress(text);
  if (!cursor.wordMayStart) return cursor;
  const wordStart = text.length - cursor.typed.length;
  const lineStart = text.lastIndexOf('\n', wordStart - 1) + 1;
  // The letter's closing is written; the line break and the name come next, which no word predicts.
  if (cursor.typed === '' && endsClosingLine(text.slice(lineStart, wordStart))) return { ...cursor, wordMayStart: false };
  if (insideAddress(text.slice(lineStart, wordStart))) return { ...cursor, inAddress: true };
  return lineStart === wordStart && followsSignOff(text.slice(Math.max(0, lineStart - 80), lineStart)) ? { ...cursor, afterSignOff: true } : cursor;
}

/**
 * The closing words of a letter or an e-mail, as a line of its own ending in a comma (`Best
 * regards,`, `Thanks,`, `Yours sincerely,`), lower case without the comma. A closed class, so a list.
 */
const SIGN_OFFS: ReadonlySet<string> = new Set(
  (
    'best|best regards|kind regards|warm regards|warmest regards|regards|best wishes|warm wishes|all the best|' +
    'thanks|many thanks|thanks again|thanks so much|thank you|cheers|sincerely|yours sincerely|sincerely yours|' +
    'yours faithfully|yours truly|yours|love|with love|lots of love|take care|warmly|respectfully|cordially|' +
    'talk soon|speak soon|with thanks|with best wishes|kind wishes|best wishes to all'
  ).split('|'),
);

/**
 * Whether `before` (the text up to a line's start) ends with a sign-off (`SIGN_OFFS`) and its line
 * break: a line of its own, or the last sentence of a line (`…send me the file. Thanks,`).
 */
export function followsSignOff(before: string): boolean {
  const line = /(?:^|\n|[.!?][ \t]+)[ \t]*([^\n.!?]*?)[ \t]*,[ \t]*\n$/u.exec(before);
  return line !== null && SIGN_OFFS.has(line[1].toLowerCase().replace(/[ \t]+/gu, ' '));
}

/** Sign-offs a line may go on after (`Thanks, see you`, `Cheers, mate`, `Take care, and`, `Best wishes to all, and`). */
const GOES_ON_AFTER = new Set(
  'best|all the best|best wishes to all|thanks|many thanks|thanks again|thanks so much|thank you|cheers|yours|love|take care|talk soon|speak soon|with thanks'.split('|'),
);

/**
 * A letter's closing that a line break always follows (`Best regards,`, `Yours sincerely,`), lower
 * case without the comma: SIGN_OFFS less GOES_ON_AFTER.
 */
const CLOSINGS: ReadonlySet<string> = new Set([...SIGN_OFFS].filter((signOff) => !GOES_ON_AFTER.has(signOff)));

/**
 * Whether `line` (the cursor's line up to the cursor) is a letter's closing (CLOSINGS) and its comma,
 * spaces after it or not: "Best regards," offered " and", "Sincerely," " the".
 */
export function endsClosingLine(line: string): boolean {
  const closing = /^[ \t]*([^,\n]*?)[ \t]*,[ \t]*$/u.exec(line);
  return closing !== null && CLOSINGS.has(closing[1].toLowerCase().replace(/[ \t]+/gu, ' '));
}

function splitOutsideAddress(text: string): CursorContext {
  const typed = trailingWord(text);
  const wordStart = text.length - typed.length;
  let whitespaceStart = wordStart;
  while (whitespaceStart > 0 && /\s/u.test(text[whitespaceStart - 1])) whitespaceStart--;
  const before = text.slice(0, whitespaceStart);
  const required = typed.replace(/\u2019/gu, "'");
  const capsLock = (typed === '' || isShouting(typed) || /^\p{Lu}$/u.test(typed)) && shoutedRun(text.slice(0, wordStart));
  const shouting = isShouting(typed) || (/^\p{Lu}$/u.test(typed) && isShouting(lastWords(before))) || capsLock;
  const lineStart = text.lastIndexOf('\n', wordStart - 1) + 1;
  // The cursor's line up to the word: read by every rule below.
  const lineBefore = text.slice(lineStart, wordStart);
  if (insideMarkup(lineBefore) || INITIALISM.test(lineBefore + typed) || insideFence(text.slice(0, lineStart), lineBefore)) {
    return { contextEnd: wordStart, tail: '', typed, required, allowLeadingSpace: false, allowUnspaced: false, wordMayStart: false, shouting, capsLock, lineStart: false };
  }
  if (wordStart - lineStart <= 16 && LINE_MARKER.test(lineBefore)) {
    // A heading or list item starts like a paragraph; a model trained on prose has seen few of their markers.
    const lowerCaseList = listGoesOnInLowerCase(text.slice(Math.max(0, lineStart - LIST_LOOKBACK), lineStart), lineBefore);
    return { contextEnd: lineStart, tail: lineStart === 0 ? '' : '\n\n', typed, required, allowLeadingSpace: false, allowUnspaced: true, wordMayStart: true, shouting, capsLock, lineStart: true, ...(lowerCaseList ? { lowerCaseList } : {}) };
  }
  const reading = readWhitespace(before, text.slice(whitespaceStart, wordStart));
  if (reading === ' ') {
    return { contextEnd: whitespaceStart, tail: '', typed, required: ' ' + required, allowLeadingSpace: false, allowUnspaced: true, wordMayStart: true, shouting, capsLock, lineStart: false };
  }
  if (reading !== '') return { contextEnd: whitespaceStart, tail: reading, typed, required, allowLeadingSpace: false, allowUnspaced: true, wordMayStart: true, shouting, capsLock, lineStart: false };
  const previous = before.slice(-1);
  const closing = closesMarkup(lineBefore);
  const wordMayStart = typed !== '' || closing || (!GLUE.test(previous) && !NOT_BEFORE_A_WORD.test(lineBefore));
  const allowLeadingSpace = typed === '' && previous !== '' && wordMayStart && (closing || (!OPENING.test(previous) && !isOpeningQuote(before)));
  // "README.|source", "d/control:|": a dot or colon glued to a word may go on without a space.
  const allowUnspaced = !allowLeadingSpace || /[\p{L}\p{N}][.:]$/u.test(before);
  return { contextEnd: wordStart, tail: '', typed, required, allowLeadingSpace, allowUnspaced, wordMayStart, shouting, capsLock, lineStart: false };
}

/** The text the model reads for `cursor`: the context with its trailing whitespace normalised. */
export function modelContext(text: string, cursor: CursorContext): string {
  return text.slice(0, cursor.contextEnd) + cursor.tail;
}

/** The last two words before the cursor's word, for telling caps lock from a capital letter. */
function lastWords(before: string): string {
  return before.slice(-40).split(/\s+/u).slice(-2).join('');
}

/**
 * Whether the text ends in caps lock: the last three words of its last line are in capitals (A and I
 * count) and at least two of them are English words ("PLEASE DO NOT", "WARNING: DO NOT REMOVE THE",
 * "THIS IS A"), or its line so far is two English words or place or date names in capitals ("HAPPY
 * NEW ", "DO NOT ", "MERRY CHRISTMAS ", "# SPECIAL OFFER "), so the next word is too. Runs of acronyms ("the AWS EC2 API", "USB HID") and
 * constants ("MAX_BUFFER_SIZE") are not shouting, nor are two capitalised words after others in lower
 * case ("call the IT DEPT"), and a shouted heading does not shout the paragraph below it.
 */
function shoutedRun(before: string): boolean {
  const line = before.slice(before.lastIndexOf('\n') + 1).slice(-80);
  const lineWords = line.split(/[^\p{L}\p{N}_'\u2019]+/u).filter((w) => /\p{L}/u.test(w));
  if (lineWords.length === 2 && lineWords.every((w) => isShouting(w) && (isEnglishWord(w) || isPlaceOrTimeName(w.toLowerCase())))) return true;
  const words = lineWords.slice(-3);
  const shouted = (w: string): boolean => isShouting(w) || w === 'A' || w === 'I';
  return words.length === 3 && words.every(shouted) && words.filter((w) => isEnglishWord(w)).length >= 2;
}

/** A straight quote opens when it starts the text or follows whitespace or an opening bracket. */
function isOpeningQuote(before: string): boolean {
  const last = before.slice(-1);
  if (last !== '"' && !isApostrophe(last)) return false;
  const previous = before.slice(-2, -1);
  return previous === '' || /\s/u.test(previous) || OPENING.test(previous);
}

