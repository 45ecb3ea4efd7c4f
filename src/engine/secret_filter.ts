/**
 * The one secret filter for every source of suggestions: the model, the document word cache, the
 * personal dictionary (which also uses it to decide what to store) and the ghost-text phrase.
 * A false refusal costs one suggestion; a false acceptance offers or keeps a password, so the
 * rules lean towards refusing. Pure (no I/O), unit-tested both ways.
 */
import { isFunctionWord } from './function_words';
import { wordKey } from './word_chars';

import { LABEL_NAMES, ORDINARY_CODE_WORDS, ORDINARY_KEY_WORDS, STRONG_KEY_NAMES, SECRET_NAMES } from './secret_names';
import { tableSecretCells } from './secret_tables';

/** A key that is one word of a compound (`db_password`, `MYSQL-PASSWORD`) names what its last word names. */
const keyPattern = (names: string): RegExp => new RegExp(String.raw`^(?:[\p{L}\p{N}]+[-_])*(?:${names})$`, 'iu');
/** Key names whose value (the next token after `key:` / `key =`) is never learned. */
const SECRET_KEYS = keyPattern(`${STRONG_KEY_NAMES}|key|auth|credentials?|code`);

/** The verbs that announce a value after a key's name (`The PIN is `, `The recovery words are `); one list for every cue below. */
const COPULA_WORDS = ['is', 'was', 'are', 'were'];
const COPULA = `(?:${COPULA_WORDS.join('|')})`;
const COPULAS = new Set(COPULA_WORDS);

/** Before a key: a boundary, or the first words of a compound key (`db_`, `MYSQL_`). */
const KEY_START = String.raw`(?:^|[^\p{L}\p{N}_])(?:[\p{L}\p{N}]+[-_])*`;
/** After a key: its closing quote (`"password": `), "is"/"was", and a separator (`:`, `=`, `=>`, `->`, a dash, `?`). */
const ANNOUNCE = String.raw`["'\u0060]?\s*(?:${COPULA}\s*)?(?:(?:[=:?]|=>|->|[-–—])\s*)?["'\u0060]?$`;
/** `head` where none of the words `ordinary` stands right before it (a compound's first word). */
const notAfter = (ordinary: string, head: string): string => String.raw`(?<!(?:^|[^\p{L}\p{N}_])(?:${ordinary})[-_\s]*)${head}`;
/** "code" and "key" as credentials' names: not the head of an ordinary compound (ORDINARY_CODE_WORDS: `Dress code: `). */
const CODE_OR_KEY = `(?:${notAfter(ORDINARY_CODE_WORDS, 'code')}|${notAfter(ORDINARY_KEY_WORDS, 'key')})`;
const STRONG_CUE = new RegExp(String.raw`${KEY_START}(?:${SECRET_NAMES})s?${ANNOUNCE}`, 'iu');
/**
 * A key named for what it opens, then an explicit "is", "was", `:` or `=` (`The code for the door is `,
 * `Password for the wifi: `, `the PIN for my card was `): the qualifier alone would be prose.
 */
const QUALIFIED_CUE = new RegExp(String.raw`${KEY_START}(?:${SECRET_NAMES}|${CODE_OR_KEY}|combination)s?\s+for\s+(?:[\p{L}\p{N}'-]+\s+){0,3}?[\p{L}\p{N}'-]+(?:\s+${COPULA}\s*[=:]?|\s*[=:])\s*["'\u0060]?$`, 'iu');
/** Credentials whose names are ordinary words too: a cue only with "is", "was", `:` or `=` (`Lock combination: `, not `a combination `). */
const MARKED_CUE = new RegExp(String.raw`(?:^|[^\p{L}\p{N}_])(?:combination|safe\s*word|security\s+(?:answer|code))s?\s*(?:${COPULA}\s*[=:]?|[=:])\s*["'\u0060]?$`, 'iu');
const WEAK_CUE = new RegExp(String.raw`(?:^|[^\p{L}\p{N}_])(?:${CODE_OR_KEY}|login|credentials?|user[-_\s]?(?:name|id)|account[-_\s]?(?:name|number|id))s?\s*(?:${COPULA}\s*[=:]?|[=:])\s*["'\u0060]?$`, 'iu');
const WEAK_CUE_WORD = new RegExp(String.raw`(?:^|[^\p{L}\p{N}_])${CODE_OR_KEY}\s+["'\u0060]?$`, 'iu');

/** Punctuation that may wrap a word in prose; stripped before a token is judged ("Note:" is prose, "a:b" is not). */
const WRAPPING = /^[\s"'`‘’“”«»()[\]{}<>*_~,.;!?…]+|[\s"'`‘’“”«»()[\]{}<>*_~,.;:!?…]+$/gu;

/** Words with digits that are ordinary writing: 2nd, 1990s, 4K, 10px, mp3, utf8, ipv6, and short formulas (CO2, H2O, H2SO4). */
function isOrdinaryWithDigits(word: string): boolean {
  if (/^\p{N}{1,4}(?:st|nd|rd|th|s|d|k|m|px|pm|am|x)$/iu.test(word) || /^\p{L}{1,10}\p{N}{1,2}$/u.test(word)) return true;
  return word.length <= 6 && /^(?:[A-Z][a-z]?\d{0,2}){2,4}$/u.test(word) && (word.match(/[a-z]/gu) ?? []).length <= 1;
}

/** Bits per character of the word's own character distribution (Shannon entropy). */
export function entropyBits(text: string): number {
  const counts = new Map<string, number>();
  const chars = Array.from(text);
  for (const ch of chars) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Whether a whitespace-delimited token as written (`user@example.com`, `key=abc`, `https://…`,
 * `ghp_…`) is something whose words must not be learned at all.
 */
export function isSensitiveToken(rawToken: string): boolean {
  const token = rawToken.replace(WRAPPING, '');
  if (token === '') return false;
  if (token.includes('@')) return true; // e-mail addresses, handles
  if (/:\/\/|^www\.|[/\\]/i.test(token)) return true; // URLs and paths
  if (/[=:]/.test(token)) return true; // key=value, key:value, base64 padding, times, IPv6
  if (/\.[\p{L}\p{N}]/u.test(token)) return true; // domains, file names, version numbers, dotted ids
  if (/^[A-Za-z0-9+/_-]{20,}$/.test(token) && /\d/.test(token) && /[A-Za-z]/.test(token)) return true; // base64/base64url, prefixed API keys
  return false;
}

/** Whether the token before a value names a secret (`password:`, `token =`, `API_KEY=`). */
export function isSecretKey(rawToken: string): boolean {
  const m = /^["'`]?([\p{L}\p{N}_-]+)["'`]?\s*[:=]$/u.exec(rawToken.trim());
  return m !== null && SECRET_KEYS.test(m[1]);
}

/**
 * Whether the text right before a word announces a secret, so that the word (and a prediction at
 * a cursor there) is the secret: `pass: `, `the pin is `, `code: `. `word` is the value when known.
 */
export function followsSecretCue(before: string, word?: string): boolean {
  return lineEndsInCue(cueLine(before), word);
}

/** `followsSecretCue` on the line `cueLine` found. */
function lineEndsInCue(line: string, word?: string): boolean {
  if (STRONG_CUE.test(line) || WEAK_CUE.test(line) || QUALIFIED_CUE.test(line) || MARKED_CUE.test(line)) return true;
  return WEAK_CUE_WORD.test(line) && (word === undefined || word !== word.toLowerCase() || /\p{N}/u.test(word));
}

/** The characters before a value that a cue is read from. */
export const CUE_CHARS = 60;

/** The line whose end may be a cue: the cursor's line, or the label line above an empty one. */
function cueLine(before: string): string {
  const lines = before.slice(-CUE_CHARS).split(/[\n\r]/u);
  const line = lines.pop() ?? '';
  // A label line announces the line after it ("Password:" then the value on its own line; the
  // model's context may read that single line break as a paragraph break).
  if (line.trim() === '') {
    const label = lines.slice(-2).reverse().find((l) => l.trim() !== '');
    if (label !== undefined && /:\s*$/u.test(label)) return label;
  }
  return line;
}

/** A cue's end that announces the value: `ANNOUNCING`, or a question mark or an opening quote alone. */
function announcedEnd(line: string): boolean {
  return ANNOUNCING.test(line) || /[?"'`]\s*$/u.test(line);
}
/**
 * A credential's unambiguous name opening its line, then a space: a label (`Password marmalade`,
 * `- PIN 4821`) as in notes. Not `Pass `, `Pin `, `Token `, `Secret `, which open sentences too.
 */
const LABEL_NAME = new RegExp(String.raw`^[ \t]*(?:(?:[-*+>]|\d{1,9}[.)])[ \t]+)?(?:[\p{L}\p{N}]+[-_ ])?(?:${LABEL_NAMES})s?[ \t]+$`, 'iu');
/** A cue's end that is only "is" or "was" ("are", "were" after a plural): prose goes on there as often as a value comes. */
const IS_OR_WAS_END = new RegExp(String.raw`(?:^|[^\p{L}\p{N}_])${COPULA}\s*$`, 'iu');

/**
 * How the text before the cursor announces a secret (`followsSecretCue`), for what may be offered there:
 * - 'value': the value comes next (`pass: `, `"token": "`, `Wifi password? `, `DB_PASSWORD=`,
 *   `The code for the door is `, a label line): nothing;
 * - 'maybe': a credential's name, then "is" or "was" (`my password is `, `The secret is `): a value
 *   or prose (`the password is the one on the note`, `The secret is to…`): function words only;
 * - 'name': a credential's name alone (`You can pass `, `Each token `, `my password `), or an
 *   ordinary key's name and "is"/"was" (`The code is `, `The key is `): the next word is nearly
 *   always prose, so lower-case English words (`isOrdinaryAfterCue`), nothing secret-shaped;
 * - undefined: no cue.
 * `before` ends where the word at the cursor starts (its leading space included).
 */
export function secretCueAt(before: string): 'value' | 'maybe' | 'name' | undefined {
  const line = cueLine(before);
  if (!lineEndsInCue(line)) return undefined;
  if (LABEL_NAME.test(line)) return 'value';
  if (!announcedEnd(line)) return 'name';
  if (!IS_OR_WAS_END.test(line) || QUALIFIED_CUE.test(line) || MARKED_CUE.test(line)) return 'value';
  return STRONG_CUE.test(line) ? 'maybe' : 'name';
}

/**
 * Whether the cursor is inside a value a cue announced, after its first characters: `export
 * OPENAI_API_KEY=sk-`, `Token: ghp_`, `"password": "Kx-`. `secretCueAt` judges the text before the
 * word at the cursor, and a key's punctuation (`sk-`, `ghp_`) starts a new word inside the value,
 * so the whitespace-delimited token at the cursor is judged from its start and from each `:` or `=`
 * in it. Pure; reads only the token and the line before it.
 */
export function insideAnnouncedValue(before: string): boolean {
  const token = /\S*$/u.exec(before)?.[0] ?? '';
  if (token === '') return false;
  const start = before.length - token.length;
  if (secretCueAt(before.slice(0, start)) === 'value') return true;
  for (const separator of token.matchAll(/[:=]/gu)) {
    if (secretCueAt(before.slice(0, start + separator.index + 1)) === 'value') return true;
  }
  return false;
}

/** Words one of which is among the last three before a value that `followsSecretCue` can flag. */
const CUE_WORDS = new Set(
  (
    'pass passes password passwords passwd passphrase passphrases passcode passcodes pwd pw pin pins secret secrets ' +
    'token tokens otp otps cvv ssn iban key keys apikey api code codes login logins credential credentials number ' +
    'combination combinations safe safeword security user username usernames userid account ' +
    'seed seedphrase recovery mnemonic backup wallet'
  ).split(' '),
);
/** How many lower-cased words before a value the caller keeps for `mayFollowSecretCue` (`code for the front garden door is X`: seven). */
export const CUE_LOOKBACK = 7;

/**
 * Cheap pre-test for `followsSecretCue` while scanning a long text: `recentLowerWords` are the last
 * CUE_LOOKBACK lower-cased words before the value, `beforeTail` the few characters right before it.
 * A key among the last three words, or a key named for what it opens (`code for the front door is`)
 * when "is", "was", `:` or `=` comes last.
 */
export function mayFollowSecretCue(recentLowerWords: readonly string[], beforeTail = ''): boolean {
  const n = recentLowerWords.length;
  for (let i = Math.max(0, n - 3); i < n; i++) if (CUE_WORDS.has(recentLowerWords[i])) return true;
  const announced = COPULAS.has(recentLowerWords[n - 1]) || /[:=]["'`]?\s*$/u.test(beforeTail);
  return announced && recentLowerWords.includes('for') && recentLowerWords.some((word) => CUE_WORDS.has(word));
}

const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 20_000;

/** Whether a single word looks like a credential or an identifier rather than a word. */
export function looksSecret(word: string): boolean {
  let verdict = verdicts.get(word);
  if (verdict === undefined) {
    verdict = judgeWord(word);
    // The same few thousand words recur in a document; their verdicts are kept.
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(word, verdict);
  }
  return verdict;
}

function judgeWord(word: string): boolean {
  const digits = (word.match(/\p{N}/gu) ?? []).length;
  const letters = (word.match(/\p{L}/gu) ?? []).length;
  const length = Array.from(word).length;
  if (/^[0-9a-f]{16,}$/i.test(word)) return true; // hex digests, keys
  if (length >= 16 && digits > 0 && letters > 0) return true; // long mixed digits + letters
  if (/^\p{N}{1,4}(?:st|nd|rd|th|s)$/iu.test(word)) return false; // 21st, 1990s
  if (digits >= 3) return true; // PINs, codes, numbers inside words
  // Random letter-digit mixes ("Wq7Lp2Nv", "a9x2", "Zq9K"): letters and digits alternate three times,
  // or twice with mixed case; names of things alternate less (x11proto, libxi6, ipv6, H2SO4).
  if (digits > 0 && letters > 0 && length >= 4 && !isOrdinaryWithDigits(word)) {
    const alternations = (word.match(/\p{L}(?=\p{N})|\p{N}(?=\p{L})/gu) ?? []).length;
    const rest = word.slice(1);
    if (alternations >= 3 || (alternations >= 2 && /\p{Lu}/u.test(rest) && /\p{Ll}/u.test(rest))) return true;
  }
  // Random letters: a real word of 16+ letters repeats letters; a random string of the same
  // length over a 52-letter alphabet almost never does.
  if (length >= 16 && entropyBits(word) >= 3.9) return true;
  // cAsE-mIxEd strings: inner capitals in most positions are not how words are written.
  const innerCapitals = (word.slice(1).match(/\p{Lu}/gu) ?? []).length;
  const lower = (word.match(/\p{Ll}/gu) ?? []).length;
  if (length >= 10 && innerCapitals >= 3 && lower > 0 && innerCapitals / length > 0.25) return true;
  // Short case-mixed letters with capitals after lower case in two places ("WqLpNv", "xKqZ"): not a word's shape.
  if (length >= 6 && (word.match(/\p{Ll}\p{Lu}/gu) ?? []).length >= 2 && !/^(?:\p{Lu}\p{Ll}{2,}){2,}$/u.test(word)) return true;
  return false;
}

/**
 * A part of the text whose words are never offered back nor counted as words: a secret-looking
 * token, the value after a secret cue, an e-mail address or a URL.
 */
export interface ProtectedSpan {
  /** UTF-16 offsets of the protected part in the scanned text (end exclusive). */
  start: number;
  end: number;
  /**
   * 'secret': a credential, by its shape (`Kp4xVt9w`, `ghp_a8Kd…`: every word of the token) or
   * as the value after a cue (`pass: hunter2`, `pin=4821`, `my password expired`: the cue is prose
   * too, so ordinary words stay offerable); 'address': an e-mail address or URL.
   */
  kind: 'secret' | 'address';
  /**
   * A value the text announces (`pass: sunshine`, `The wifi password is sunshine.`,
   * `password=sunshine`, `The passphrase is correct horse battery staple`): its words stay
   * protected even when they are English words (`announcesValue`). A cued word after no separator
   * (`my password expired yesterday`) or a function word (`the pin is the same`) is not one.
   */
  value?: true;
  /** A token written where a cue announces a value (`Password marmalade`, `pass: X`): never offered where a cue comes again (`ProtectedPieces.wasCued`). */
  cued?: true;
}

/** A word inside a token: what a candidate can be (letters, digits, marks, inner apostrophes). */
const WORD_RUN = /[\p{L}\p{N}\p{M}]+(?:['\u2019][\p{L}\p{N}\p{M}]+)*/gu;
/** An e-mail address or handle inside a token (`qxzvbn@gmail.com`, `<ben@example.org>`, `@ben`). */
const EMAIL = /[\p{L}\p{N}\p{M}._%+-]*@[\p{L}\p{N}\p{M}._-]*/u;
/** A URL inside a token, from its scheme or `www.` to the token's end (`[docs](https://…/q3-draft)`). */
const URL_START = /[a-z][a-z\d+.-]*:\/\/|\bwww\.|\bmailto:/iu;
/** A URL without its scheme: a dotted domain with a path (`github.com/qxzvbn/notes`), to the token's end. */
const BARE_URL = /(?<![\p{L}\p{N}.])[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}\/[^\s]*/iu;
/** A base64/base64url run or a prefixed API key (`sk-…`, `ghp_…`), as `isSensitiveToken` judges it. */
const KEY_LIKE = /^[A-Za-z0-9+/_-]{20,}$/u;

/** A token that is one short plain word (`the`, `Walked,`, `(see`): no secret by its shape. Group 1 is the word. */
const PLAIN_WORD = /^[("'“‘]?([A-Za-z]?[a-z]{0,14})[)"'”’,.;:!?]*$/u;
/** Prose punctuation before a token, as WRAPPING strips it. */
const LEADING_WRAPPING = /^[\s"'`‘’“”«»()[\]{}<>*_~,.;!?…]+/u;
/** A value glued to its key in one token (`password=hunter2`, `pin:4821`); group 2 is the value. */
const KEY_VALUE = /^([\p{L}\p{N}_-]+)\s*[:=](.+)$/u;

/**
 * The protected spans of `text`, in order: one pass over its whitespace-delimited tokens, each
 * judged by `protectedPart`, with the cue before it (`followsSecretCue`: `pass: X`, `the pin is X`),
 * and the credential cells of its tables (`tableSecretCells`: `| Password |` columns).
 * The last token may be unfinished; it is judged as it stands. Pure; cost linear in the text.
 */
export function protectedSpans(text: string): ProtectedSpan[] {
  const spans: ProtectedSpan[] = [];
  const recent: string[] = [];
  // Words still to be taken as part of an announced value (`The passphrase is correct horse battery staple.`).
  let valueWordsLeft = 0;
  for (const match of text.matchAll(/\S+/gu)) {
    const raw = match[0];
    const end = match.index + raw.length;
    if (valueWordsLeft > 0) {
      const run = valueRunPart(text, match.index, end);
      if (run) {
        spans.push(run);
        valueWordsLeft = CLAUSE_END.test(raw) ? 0 : valueWordsLeft - 1;
        pushRecent(recent, raw);
        continue;
      }
      valueWordsLeft = 0;
    }
    const cueBefore = mayFollowSecretCue(recent, text.slice(Math.max(0, match.index - 4), match.index));
    // Most tokens of prose are a short plain word with its punctuation: nothing secret by shape.
    const plain = PLAIN_WORD.exec(raw);
    if (plain && !cueBefore) {
      pushRecent(recent, plain[1]);
      continue;
    }
    const token = raw.replace(WRAPPING, '');
    const cued = cueBefore && token !== '' && followsSecretCue(text.slice(Math.max(0, match.index - 60), match.index), token);
    pushRecent(recent, token);
    const span = protectedPart(text, match.index, end, cued);
    if (span && cued) span.cued = true;
    if (span && cued && announcesValue(text, match.index, end)) {
      span.value = true;
      if (!CLAUSE_END.test(raw)) valueWordsLeft = MAX_VALUE_WORDS - 1;
    } else if (span?.value && !CLAUSE_END.test(raw)) {
      // A credential's value glued to its key may go on too (`SEED_PHRASE="marmot quiver lantern"`).
      valueWordsLeft = MAX_VALUE_WORDS - 1;
    }
    if (span) spans.push(span);
  }
  return withTableCells(spans, text);
}

/** `spans` with the credential cells of the text's tables (`tableSecretCells`) as announced values, in order, without overlaps. */
function withTableCells(spans: ProtectedSpan[], text: string): ProtectedSpan[] {
  const cells = tableSecretCells(text);
  if (cells.length === 0) return spans;
  // Both lists are in text order, so one walk finds the spans that overlap no cell.
  let next = 0;
  const outside = spans.filter((span) => {
    while (next < cells.length && cells[next].end <= span.start) next++;
    return !(next < cells.length && cells[next].start < span.end);
  });
  const values: ProtectedSpan[] = cells.map((cell) => ({ start: cell.start, end: cell.end, kind: 'secret', value: true }));
  return [...outside, ...values].sort((a, b) => a.start - b.start);
}

/** The lower-cased words of `token` join the last CUE_LOOKBACK words before the next token. */
function pushRecent(recent: string[], token: string): void {
  for (const word of token.match(WORD_RUN) ?? []) recent.push(word.toLowerCase());
  if (recent.length > CUE_LOOKBACK) recent.splice(0, recent.length - CUE_LOOKBACK);
}

/** The most words an announced value runs to (a passphrase: `correct horse battery staple`). */
const MAX_VALUE_WORDS = 6;

/**
 * The token `text.slice(start, end)` as a further word of an announced value, or undefined where
 * the value has ended: at a line break, or at a function word (`marigold and my PIN…`).
 */
function valueRunPart(text: string, start: number, end: number): ProtectedSpan | undefined {
  const gap = /\s*$/u.exec(text.slice(Math.max(0, start - 16), start))?.[0] ?? '';
  if (/[\r\n]/u.test(gap)) return undefined;
  const raw = text.slice(start, end);
  const from = start + (LEADING_WRAPPING.exec(raw)?.[0].length ?? 0);
  const token = raw.replace(WRAPPING, '');
  const words = token.match(WORD_RUN);
  if (words === null || words.some((word) => isFunctionWord(word.toLowerCase()))) return undefined;
  return { start: from, end: from + token.length, kind: 'secret', value: true };
}

/**
 * The protected part of the one whitespace-delimited token `text.slice(start, end)`, or undefined:
 * all of it when `cued` (the text before announces a secret) or when one of its words looks secret
 * (`looksSecret`) or it is key-like (base64, `sk-…`, `ghp_…`); a key's value (`password=…`); an
 * e-mail address or a URL. The digits of `1.2.3` or `10:30` are not counted across the dots (they
 * give no word to offer anyway). Offsets are in `text`.
 */
export function protectedPart(text: string, start: number, end: number, cued: boolean): ProtectedSpan | undefined {
  const raw = text.slice(start, end);
  const from = start + (LEADING_WRAPPING.exec(raw)?.[0].length ?? 0);
  const token = raw.replace(WRAPPING, '');
  const words = token.match(WORD_RUN);
  if (words === null) return undefined;
  const to = from + token.length;
  if (cued) return { start: from, end: to, kind: 'secret' };
  if (/[:=]/u.test(token)) {
    // Pairs joined in one token (`Server=db;User=sa;Password=zebra77;`, `?user=ben&token=…`): from
    // the first pair whose key is a secret's to the token's end.
    let offset = 0;
    for (const pair of token.split(/([;&])/u)) {
      const keyValue = KEY_VALUE.exec(pair);
      if (keyValue && SECRET_KEYS.test(keyValue[1])) {
        // `key=lambda`, `country_code=US`: only a credential's name makes an English value a secret.
        const value = STRONG_KEYS.test(keyValue[1]) ? { value: true as const } : {};
        return { start: from + offset + pair.length - keyValue[2].length, end: to, kind: 'secret', ...value };
      }
      offset += pair.length;
    }
  }
  // An address before the shape rules: a URL's digits ("q3-2024") must not make its ordinary words secret.
  const address = token.includes('@') ? EMAIL.exec(token) : /:\/\/|www\.|mailto:/iu.test(token) ? URL_START.exec(token) : BARE_URL.exec(token);
  if (address) {
    // An e-mail address is its own characters; a URL runs to the token's end.
    return { start: from + address.index, end: address[0].includes('@') ? from + address.index + address[0].length : to, kind: 'address' };
  }
  if ((KEY_LIKE.test(token) && /\d/u.test(token) && /[A-Za-z]/u.test(token)) || words.some(looksSecret)) return { start: from, end: to, kind: 'secret' };
  return undefined;
}

/** A cue that announces its value outright: it ends in `:`, `=`, `=>`, a dash, `is` or `was` (`pass: `, `the pin is `, a label line). */
const ANNOUNCING = new RegExp(String.raw`(?:(?:^|[^\p{L}\p{N}_])${COPULA}|[:=>\-–—])\s*["'\u0060]?\s*$`, 'iu');
/** A key whose value is a credential even when it is an English word (not `key`, `code`, `auth`: `sort_key=name`). */
const STRONG_KEYS = keyPattern(STRONG_KEY_NAMES);
/** A token that ends its clause: punctuation after the word. */
const CLAUSE_END = /[.,;!?"'`”’)\]]$/u;

/**
 * Whether the cued token `text.slice(start, end)` is a value the text announces
 * (`ProtectedSpan.value`): a strong cue (`STRONG_CUE`, `QUALIFIED_CUE`, `MARKED_CUE`; after the weak `the code
 * is`, "ready" stays a word) that ends in `:`, `=`, `is`, `was` or another separator, or in `?` when
 * the value ends its line, and the token is no function word. "The password is the one on the note" goes on as prose, so "the"
 * is no value; "My password is marigold and…" announces "marigold".
 */
function announcesValue(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 60), start);
  const line = before.slice(before.lastIndexOf('\n') + 1);
  const cue = line.trim() === '' ? before.replace(/\s+$/u, '') : line;
  if (!(STRONG_CUE.test(cue) || QUALIFIED_CUE.test(cue) || MARKED_CUE.test(cue))) return false;
  // "Forgot your password? Reset it": a question announces a value only when the value ends its line.
  const question = /\?\s*["'`]?\s*$/u.test(before) && /^[ \t]*(?:[\r\n]|$)/u.test(text.slice(end, end + 80));
  if (!ANNOUNCING.test(before) && !question) return false;
  const words = text.slice(start, end).replace(WRAPPING, '').match(WORD_RUN);
  return words !== null && !isFunctionWord(words[0].toLowerCase());
}

/**
 * Characters before the cursor whose secrets a candidate is judged against: more than GPT-2's
 * 1,024 tokens of prose (about 4,500 characters), the only text the model copies from. The caches
 * judge the words they count themselves (`WordCache.add`), at any distance.
 */
export const PROTECTED_WINDOW = 8_000;
/** The longest beginning of a protected word kept: no candidate word is longer (ngram_store's MAX_WORD_LENGTH). */
const MAX_PIECE = 40;
/** Digits in a word, a capital after its first letter, or a secret's look (`Zk8mQ2v`, `xKqZ`); not `marigold`, `Priya`. */
function isSecretShaped(word: string): boolean {
  return /\p{N}/u.test(word) || /\p{L}\p{Lu}/u.test(word) || looksSecret(word);
}

/** The fewest first letters a near-copy shares with a protected word to give it away (`spells`). */
const MIN_REVEALED = 3;
/** Parts of every address that give nothing away. */
const ADDRESS_WORDS = new Set(['http', 'https', 'www', 'mailto', 'ftp', 'com', 'org', 'net', 'io', 'html']);

/**
 * Every beginning (up to MAX_PIECE characters) of every protected word of one text, so that one
 * candidate is judged with one lookup: a keystroke judges up to thousands of candidates (the
 * document cache's) against the last PROTECTED_WINDOW characters, scanned once when this is built.
 * A word of an e-mail address or URL that the text also writes outside any protected span
 * ("Priya" beside priya.raman@acme.io, "GitHub" beside https://github.com/…) is the writer's own
 * prose and stays offered; a secret's words never are.
 */
export class ProtectedPieces {
  /** Each beginning of each protected word, lower case with ' for ’ ("k", "kp", …, "kp4xvt9w"). */
  private readonly prefixes = new Set<string>();
  /** Each beginning of each secret-shaped protected word (no address word, no English word): for near-copies. */
  private readonly secretPrefixes = new Set<string>();
  /** Whole words of announced values (`ProtectedSpan.value`), English words included ("sunshine"). */
  private readonly values = new Set<string>();
  /**
   * Words written where a cue announced a value (`ProtectedSpan.cued`, values included), and their
   * beginnings of MIN_REVEALED letters or more: "marmalade", "marm", "mar" of `Password marmalade`.
   */
  private readonly cued = new Set<string>();

  /**
   * Scans the last PROTECTED_WINDOW characters of `text` (the text before the word at the cursor)
   * once; see `protectedSpans`.
   */
  constructor(fullText: string) {
    const text = fullText.slice(-PROTECTED_WINDOW);
    const spans = protectedSpans(text);
    if (spans.length === 0) return;
    const prose = new Set<string>();
    let from = 0;
    for (const span of [...spans, { start: text.length, end: text.length }]) {
      for (const word of text.slice(from, span.start).match(WORD_RUN) ?? []) prose.add(wordKey(word));
      from = span.end;
    }
    for (const span of spans) {
      for (const word of text.slice(span.start, span.end).match(WORD_RUN) ?? []) {
        const key = wordKey(word);
        if (span.kind === 'address' && (prose.has(key) || ADDRESS_WORDS.has(key))) continue;
        if (span.value) this.values.add(key);
        const cued = span.value === true || span.cued === true;
        const secretShaped = span.kind === 'secret' && isSecretShaped(word);
        let prefix = '';
        for (const ch of Array.from(key).slice(0, MAX_PIECE)) {
          this.prefixes.add((prefix += ch));
          if (secretShaped) this.secretPrefixes.add(prefix);
          if (cued && prefix.length >= MIN_REVEALED) this.cued.add(prefix);
        }
      }
    }
  }

  /** Whether the text holds no protected word at all (then nothing needs judging). */
  get empty(): boolean {
    return this.prefixes.size === 0;
  }

  /**
   * Whether `word` (any case) was written where a cue announced a value, or begins such a word with
   * MIN_REVEALED letters or more: where a cue comes again (`secretCueAt`), it is the likeliest word
   * there and a password, English word or not (`Password marmalade` … `Password ` never offers
   * "marmalade" nor "mar"). Elsewhere it stays a word.
   */
  wasCued(word: string): boolean {
    return this.cued.has(wordKey(word));
  }

  /**
   * Whether offering `word` after `typed` spells a protected word or a beginning of one (any case),
   * or goes on from one: its first letters past the typed ones (at least MIN_REVEALED in all)
   * begin a secret-shaped protected word (not an address's word: "Michelle" beside
   * github.com/microsoft stays). False for `word` that is just what was typed: offering it tells nothing new. Whether an
   * ordinary word may still be offered is the caller's judgement (word_shape.ts spellsProtected).
   */
  spells(word: string, typed: string): boolean {
    const key = wordKey(word);
    const typedKey = wordKey(typed);
    if (key === typedKey) return false;
    if (this.prefixes.has(key)) return true;
    // A near-copy gives letters away too: "Zk8k" after "Zk" of "Zk8mQ2v" tells the 8.
    const reach = Math.max(MIN_REVEALED, Array.from(typedKey).length + 1);
    const chars = Array.from(key);
    return chars.length > reach && this.secretPrefixes.has(chars.slice(0, reach).join(''));
  }

  /**
   * Whether `word` (any case) is the whole word of an announced value (`pass: sunshine`), which
   * is never offered again even though it is an English word; `typed` as in `spells`.
   */
  isValue(word: string, typed: string): boolean {
    const key = wordKey(word);
    return this.values.has(key) && key !== wordKey(typed);
  }
}
