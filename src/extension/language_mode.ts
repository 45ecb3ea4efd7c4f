/**
 * Which documents get predictions: prose languages everywhere, code files only inside comments.
 * No `vscode` import (it needs only the language id), so the rule is unit-tested in plain Node.
 */
import { commentSyntax } from './comments';
import type { Settings } from './settings';

export type LanguageMode = 'prose' | 'comments';

/** How `doc` is predicted in by its language alone, whether or not predictions are switched on. */
export function languageMode(doc: { readonly languageId: string }, s: Settings): LanguageMode | undefined {
  if (s.languages.includes(doc.languageId)) return 'prose';
  if (s.commentsEnabled && commentSyntax(doc.languageId)) return 'comments';
  return undefined;
}

/**
 * Like `languageMode`, and undefined while predictions are off or turned off for the document's
 * language (`disabledLanguages`): the one place `enabled` is checked.
 */
export function predictedIn(doc: { readonly languageId: string }, s: Settings): LanguageMode | undefined {
  return s.enabled && !s.disabledLanguages.includes(doc.languageId) ? languageMode(doc, s) : undefined;
}
