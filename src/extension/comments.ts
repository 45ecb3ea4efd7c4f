/**
 * Cheap detection of "the cursor is inside a comment" for code files, so prose predictions can be
 * offered in comments without a parser. Heuristic by design: it runs on every keystroke and must
 * never be slower than the prediction itself. It tracks string literals on the current line so that
 * `"http://x"` is not taken for a line comment, and finds block comments by their last opener.
 */

export interface CommentSyntax {
  line: string[];
  block: [string, string][];
}

const C_LIKE: CommentSyntax = { line: ['//'], block: [['/*', '*/']] };
const HASH: CommentSyntax = { line: ['#'], block: [] };
const DASH: CommentSyntax = { line: ['--'], block: [] };
const XML: CommentSyntax = { line: [], block: [['<!--', '-->']] };

const BY_LANGUAGE: Record<string, CommentSyntax> = {
  c: C_LIKE, cpp: C_LIKE, csharp: C_LIKE, java: C_LIKE, javascript: C_LIKE, javascriptreact: C_LIKE,
  typescript: C_LIKE, typescriptreact: C_LIKE, go: C_LIKE, rust: C_LIKE, swift: C_LIKE, kotlin: C_LIKE,
  scala: C_LIKE, dart: C_LIKE, 'objective-c': C_LIKE, 'objective-cpp': C_LIKE, groovy: C_LIKE, jsonc: C_LIKE,
  less: C_LIKE, scss: C_LIKE, zig: { line: ['//'], block: [] },
  css: { line: [], block: [['/*', '*/']] },
  php: { line: ['//', '#'], block: [['/*', '*/']] },
  python: HASH, shellscript: HASH, ruby: { line: ['#'], block: [['=begin', '=end']] }, perl: HASH, r: HASH,
  yaml: HASH, toml: HASH, makefile: HASH, dockerfile: HASH, powershell: { line: ['#'], block: [['<#', '#>']] },
  julia: { line: ['#'], block: [['#=', '=#']] }, elixir: HASH, coffeescript: HASH, nim: HASH, properties: HASH,
  sql: { line: ['--'], block: [['/*', '*/']] }, lua: { line: ['--'], block: [['--[[', ']]']] },
  haskell: { line: ['--'], block: [['{-', '-}']] }, elm: DASH, ada: DASH,
  html: XML, xml: XML, svg: XML, vue: { line: ['//'], block: [['<!--', '-->'], ['/*', '*/']] },
  clojure: { line: [';'], block: [] }, lisp: { line: [';'], block: [] }, scheme: { line: [';'], block: [] }, ini: { line: [';', '#'], block: [] },
  bat: { line: ['REM ', '::'], block: [] }, vb: { line: ["'"], block: [] }, fsharp: { line: ['//'], block: [['(*', '*)']] },
  ocaml: { line: [], block: [['(*', '*)']] }, erlang: { line: ['%'], block: [] }, matlab: { line: ['%'], block: [['%{', '%}']] },
};

export function commentSyntax(languageId: string): CommentSyntax | undefined {
  return BY_LANGUAGE[languageId];
}

export interface CommentContext {
  /**
   * Offset, within the text given, where the comment's own text starts: after the opener, its
   * repeats (`///`, `/**`, `##`, `//!`) and the spaces after it, so `// |` is the start of a text.
   */
  start: number;
}

/** The opener's repeated last character, `!`, and the spaces or tabs after it. */
function textStart(text: string, afterOpener: number, opener: string): number {
  const repeat = opener.trim().slice(-1);
  let i = afterOpener;
  while (i < text.length && (text[i] === repeat || text[i] === '!') && repeat !== '') i++;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/**
 * Whether the end of `textBeforeCursor` is inside a comment, and where that comment's text starts.
 * `lineStart` is the offset of the current line's first character within `textBeforeCursor`.
 */
export function commentAtEnd(languageId: string, textBeforeCursor: string, lineStart: number): CommentContext | undefined {
  const syntax = BY_LANGUAGE[languageId];
  if (!syntax) return undefined;

  // Block comments first: the last opener before the cursor with no closer after it.
  for (const [open, close] of syntax.block) {
    const o = textBeforeCursor.lastIndexOf(open);
    if (o < 0) continue;
    const afterOpen = o + open.length;
    if (textBeforeCursor.indexOf(close, afterOpen) >= 0) continue;
    // An opener inside a string or a line comment on its own line does not count.
    const ls = textBeforeCursor.lastIndexOf('\n', o - 1) + 1;
    if (lineCommentOrStringAt(textBeforeCursor.slice(ls, o), syntax) !== 'code') continue;
    return { start: textStart(textBeforeCursor, afterOpen, open) };
  }

  const line = textBeforeCursor.slice(lineStart);
  const found = findLineComment(line, syntax);
  if (found === undefined) return undefined;
  return { start: textStart(textBeforeCursor, lineStart + found.end, found.prefix) };
}

/** The line-comment prefix on `line` that is outside any string and the offset just after it, or undefined. */
function findLineComment(line: string, syntax: CommentSyntax): { prefix: string; end: number } | undefined {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === '`' || (ch === "'" && !syntax.line.includes("'"))) {
      quote = ch;
      continue;
    }
    for (const prefix of syntax.line) {
      if (line.startsWith(prefix, i)) {
        // `#` in shells and Python only starts a comment at a word boundary (`$#`, `a#b` are code).
        if (prefix === '#' && i > 0 && !/\s/.test(line[i - 1]) && line[i - 1] !== ';') continue;
        return { prefix, end: i + prefix.length };
      }
    }
  }
  return undefined;
}

function lineCommentOrStringAt(lineBefore: string, syntax: CommentSyntax): 'code' | 'other' {
  if (findLineComment(lineBefore, syntax) !== undefined) return 'other';
  let quotes = 0;
  for (const ch of lineBefore) if (ch === '"') quotes++;
  return quotes % 2 === 0 ? 'code' : 'other';
}

/**
 * A block comment's text with its `*` gutter blanked (`/**⏎ * Returns the⏎ * value`): the gutter
 * stars become spaces, so the lines read as wrapped prose, not as a list of `* ` bullets. Same
 * length as `text`, so offsets into it still hold.
 */
export function withoutGutter(text: string): string {
  return text.includes('\n') ? text.replace(/(\n[ \t]*)\*(?!\/)/gu, '$1 ') : text;
}
