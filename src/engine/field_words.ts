/**
 * Capitals that mark a field or a title rather than a name: a changelog's "control: Bump",
 * "Standards-Version" and "(Closes: #1)", or a header's "Reviewed-by: Mark". A word written this
 * way says nothing about whether it is a name, so neither the document cache (cache_lm.ts) nor the
 * personal dictionary (extension/learning/extract.ts) learns its capitals from there. No lexicon
 * import: the extension host bundles this without the English word list.
 */

/**
 * Whether a word stands as a field's value or part of a hyphenated title: right after a colon, a
 * slash or a hyphen; opening a bracket that a colon closes; or before a hyphen and a capital, or a
 * hyphen at the end of the text (a title still being typed, "Standards-" of "Standards-Version").
 * `before` is the text before the word (only its end is read), `after` the text after it.
 */
export function writtenAsField(before: string, after: string): boolean {
  return /[:/-]\s*$/u.test(before) || (/[([{]$/u.test(before) && after.startsWith(':')) || /^-(?:\p{Lu}|$)/u.test(after);
}
