/**
 * The one secret filter for every source of suggestions: the model, the document word cache, the
 * personal dictionary (which also uses it to decide what to store) and the ghost-text phrase.
 * A false refusal costs one suggestion; a false acceptance offers or keeps a password, so the
 * rules lean towards refusing. Pure (no I/O), unit-tested both ways.
 */

/** Key names whose value (the next token after `key:` / `key =`) is never learned. */
const SECRET_KEYS = /^(?:pass(?:word|wd|phrase|code)?|pwd|pin|secret|token|api[-_]?key|apikey|key|auth|credentials?|private[-_]?key|access[-_]?key|client[-_]?secret|otp|ssn|iban|cvv|code)$/i;

/**
 * Prose that announces a secret right before the cursor or a word: `pass: `, `password is `,
 * `the pin is `, `my PIN was `, `code `, `passcode = `, `API key: `. "code" and "key" are ordinary
 * words too, so after them only a colon, "is"/"was" or "=" announces a value, or a value that is
 * not a plain lower-case word (`code X7Q2`).
 */
const STRONG_CUE = /(?:^|[^\p{L}\p{N}_])(?:pass(?:word|wd|phrase|code)?|pwd|pin(?:\s+(?:code|number))?|secret|token|otp|one[-\s]time\s+(?:code|password)|cvv|ssn|iban|api[-_\s]?key|private[-_\s]?key|access[-_\s]?key|client[-_\s]?secret)s?\s*(?:(?:is|was|=|:)\s*)?["'`]?$/iu;
const WEAK_CUE = /(?:^|[^\p{L}\p{N}_])(?:code|key|login|credentials?)\s*(?:is|was|=|:)\s*["'`]?$/iu;
const WEAK_CUE_WORD = /(?:^|[^\p{L}\p{N}_])(?:code|key)\s+["'`]?$/iu;

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
  const line = before.slice(-60).split(/[\n\r]/u).pop() ?? '';
  if (STRONG_CUE.test(line) || WEAK_CUE.test(line)) return true;
  return WEAK_CUE_WORD.test(line) && (word === undefined || word !== word.toLowerCase() || /\p{N}/u.test(word));
}

/** Words one of which is among the last few before a value that `followsSecretCue` can flag. */
const CUE_WORDS = new Set(['pass', 'password', 'passwords', 'passwd', 'passphrase', 'passcode', 'pwd', 'pin', 'pins', 'secret', 'secrets', 'token', 'tokens', 'otp', 'cvv', 'ssn', 'iban', 'key', 'keys', 'apikey', 'api', 'code', 'codes', 'login', 'credential', 'credentials', 'number', 'password']);

/** Cheap pre-test for `followsSecretCue` while counting a long text: the lower-cased words just before the value. */
export function mayFollowSecretCue(recentLowerWords: readonly string[]): boolean {
  return recentLowerWords.some((word) => CUE_WORDS.has(word));
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
