/**
 * Whether a finished word is evidence enough to learn (issue 17 §6). A fragment typed once and left
 * by Enter (`wea`) is not a word the person meant; a personal dictionary that stores it offers it in
 * every document. No `vscode` import.
 *
 * Rule: a word is learned when it was
 * - accepted from a suggestion (ghost text, strip), or
 * - ended by a space or punctuation after more than {@link MIN_TYPED_LETTERS} letters, or
 * - finished that way twice (a short word such as `Sam` or `cat`).
 * A word that Enter ended directly (no punctuation) is never learned from that edit: the line may
 * have ended mid-thought. A two-word phrase is learned only with its last word.
 */
import type { Learned } from './extract';

/** "More than a few characters": typed words longer than this are learned at once. */
export const MIN_TYPED_LETTERS = 3;
/** Short words waiting for a second sighting; the oldest are forgotten first. */
const MAX_PENDING = 1000;

export type Evidence = 'strong' | 'weak' | 'none';

/**
 * How much the edit that inserted `inserted` after `before` (the line up to the edit) says about
 * `word`, one of the words `finishedByEdit` returned for it.
 */
export function evidenceFor(word: string, before: string, inserted: string, accepted?: string): Evidence {
  const enter = /^\r?\n/u.test(inserted);
  // Ghost text accepted without its space, then the space typed: the word came from a suggestion.
  if (accepted !== undefined && accepted.toLowerCase() === word.toLowerCase() && !enter) return 'strong';
  // Enter right after the word: the last token of the line ends in a letter or digit.
  if (enter && /[\p{L}\p{M}\p{N}]$/u.test(before)) return 'none';
  // More than one character at once, holding the word: an accepted suggestion or a strip pick.
  if (inserted.length > 1 && !enter && inserted.toLowerCase().includes(word.toLowerCase())) return 'strong';
  const letters = [...word].filter((ch) => /\p{L}/u.test(ch)).length;
  return letters > MIN_TYPED_LETTERS ? 'strong' : 'weak';
}

/** Short words seen once, waiting for a second sighting; bounded, in memory only (never on disk). */
export class Sightings {
  private readonly seen = new Map<string, number>();

  /** Counts a weak sighting of `word`; true on the second one (then it is learned and forgotten here). */
  sight(word: string): boolean {
    const count = (this.seen.get(word) ?? 0) + 1;
    this.seen.delete(word);
    if (count >= 2) return true;
    this.seen.set(word, count);
    if (this.seen.size > MAX_PENDING) this.seen.delete(this.seen.keys().next().value as string);
    return false;
  }

  clear(): void {
    this.seen.clear();
  }
}

/** What of `learned` (from `finishedByEdit(before, inserted)`) to record now, by the rule above. */
export function worthLearning(learned: Learned, before: string, inserted: string, sightings: Sightings, accepted?: string): Learned {
  const words = learned.words.filter((word) => {
    const evidence = evidenceFor(word, before, inserted, accepted);
    return evidence === 'strong' || (evidence === 'weak' && sightings.sight(word));
  });
  const phrases = learned.phrases.filter((phrase) => words.includes(phrase.slice(phrase.lastIndexOf(' ') + 1)));
  return { words, phrases };
}

/**
 * The word a suggestion completed: the last word of the line up to where the accepted text ended
 * (`We want to the ev` + `ening` gives `evening`), as `finishedByEdit` would spell it.
 */
export function acceptedWord(inserted: string): string | undefined {
  const words = inserted.match(/[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu);
  return words?.[words.length - 1];
}
