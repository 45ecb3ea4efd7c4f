/**
 * What may enter the personal dictionary. The dictionary is a plain file that outlives the
 * document, so anything that looks like a credential, an address or a number is refused even in
 * prose: a false refusal costs one suggestion, a false acceptance keeps a secret on disk.
 * No `vscode` import (unit-tested in plain Node).
 */
// The rules themselves are the engine's one secret filter, shared with the document cache and the phrase.
import { looksSecret } from '../../engine/secret_filter';
export { entropyBits, followsSecretCue, isSecretKey, isSensitiveToken, looksSecret } from '../../engine/secret_filter';
export { inCredentialTable } from '../../engine/secret_tables';

export const MIN_WORD_LENGTH = 2;
export const MAX_WORD_LENGTH = 40;

/** A learnable word: letters (with marks), digits and inner apostrophes or hyphens only. */
const WORD_SHAPE = /^[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*$/u;

/** Whether `word` may be stored: 2–40 characters, a letter, a word's shape, nothing secret-looking. */
export function isLearnableWord(word: string): boolean {
  const length = Array.from(word).length;
  if (length < MIN_WORD_LENGTH || length > MAX_WORD_LENGTH) return false;
  if (!/\p{L}/u.test(word) || !WORD_SHAPE.test(word)) return false;
  return !looksSecret(word);
}
