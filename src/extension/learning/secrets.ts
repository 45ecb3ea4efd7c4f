/**
 * What may enter the personal dictionary. The dictionary is a plain file that outlives the
 * document, so anything that looks like a credential, an address or a number is refused even in
 * prose: a false refusal costs one suggestion, a false acceptance keeps a secret on disk.
 * No `vscode` import (unit-tested in plain Node).
 */

export const MIN_WORD_LENGTH = 2;
export const MAX_WORD_LENGTH = 40;

/** Key names whose value (the next token after `key:` / `key =`) is never learned. */
const SECRET_KEYS = /^(?:pass(?:word|wd|phrase)?|pwd|pin|secret|token|api[-_]?key|apikey|key|auth|credentials?|private[-_]?key|access[-_]?key|client[-_]?secret|otp|ssn|iban|cvv)$/i;

/** Punctuation that may wrap a word in prose; stripped before a token is judged ("Note:" is prose, "a:b" is not). */
const WRAPPING = /^[\s"'`‘’“”«»()[\]{}<>*_~,.;!?…]+|[\s"'`‘’“”«»()[\]{}<>*_~,.;:!?…]+$/gu;

/** A learnable word: letters (with marks), digits and inner apostrophes or hyphens only. */
const WORD_SHAPE = /^[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*$/u;

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

/** Whether a single word looks like a credential or an identifier rather than a word. */
export function looksSecret(word: string): boolean {
  const digits = (word.match(/\p{N}/gu) ?? []).length;
  const letters = (word.match(/\p{L}/gu) ?? []).length;
  const length = Array.from(word).length;
  if (/^[0-9a-f]{16,}$/i.test(word)) return true; // hex digests, keys
  if (length >= 16 && digits > 0 && letters > 0) return true; // long mixed digits + letters
  if (digits >= 3) return true; // PINs, codes, numbers inside words
  // Random letters: a real word of 16+ letters repeats letters; a random string of the same
  // length over a 52-letter alphabet almost never does.
  if (length >= 16 && entropyBits(word) >= 3.9) return true;
  // cAsE-mIxEd strings: inner capitals in most positions are not how words are written.
  const innerCapitals = (word.slice(1).match(/\p{Lu}/gu) ?? []).length;
  const lower = (word.match(/\p{Ll}/gu) ?? []).length;
  if (length >= 10 && innerCapitals >= 3 && lower > 0 && innerCapitals / length > 0.25) return true;
  return false;
}

/** Whether `word` may be stored: 2–40 characters, a letter, a word's shape, nothing secret-looking. */
export function isLearnableWord(word: string): boolean {
  const length = Array.from(word).length;
  if (length < MIN_WORD_LENGTH || length > MAX_WORD_LENGTH) return false;
  if (!/\p{L}/u.test(word) || !WORD_SHAPE.test(word)) return false;
  return !looksSecret(word);
}
