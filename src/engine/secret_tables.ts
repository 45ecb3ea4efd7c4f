/**
 * Credentials written as a table: the cells under a `Password` (`PIN`, `API key`, `token`, …)
 * column of a Markdown pipe table (in a blockquote or a list item too) or a CSV/TSV/semicolon block
 * (quoted fields and quoted line breaks too, as browsers and password managers export them), and
 * the cell after such a name in a key-value row (`| Password | hunter2 |`, `password | zebra77`).
 * Prose cues (secret_filter.ts) read the words right before a value; a table names the value's
 * column lines above it, so it needs its own pass over the lines. Pure; cost linear in the text.
 */
import { TABLE_CREDENTIAL_NAMES } from './secret_names';

/**
 * A cell that names a credential: the name, maybe after up to three qualifying words (`Wifi password`,
 * `db_password`, `login_totp`, `Home wifi network password`), not a determiner (`my password` is prose), and before a number or a
 * parenthesis (`Password 2`, `Password (plain)`).
 */
const CREDENTIAL_CELL = new RegExp(
  String.raw`^(?:(?!(?:my|your|our|their|his|her|its|the|a|an|this|that|enter|reset|change)[-_\s])[\p{L}\p{N}]+[-_\s]){0,3}(?:${TABLE_CREDENTIAL_NAMES})s?(?:\s*\([^)]*\)|[-_\s]*\p{N}{1,2})?$`,
  'iu',
);
/** "Pass" alone heads a test's results (`| Test | Pass | Fail |`, `Pass 2`), not a credential. */
const TEST_PASS = /^pass(?:es|ed)?(?:[-_\s]*\p{N}{1,2})?$/iu;
/** A letter run every credential name holds: a cheap first test for the cells of a very wide row. */
const NAME_HINT = /p|tok|sec|otp|cv|ssn|iban|key|cred|code/iu;
/** A header cell longer than this names no credential (and no regular expression reads it). */
const MAX_NAME_CHARS = 80;
/** A CSV/TSV header field: one token (`user`, `db_password`)… */
const HEADER_FIELD = /^[^\s,;\t|"]{1,40}$/u;
/** …or, in a header of three or more fields (or one written without spaces), up to four words (`User name,Password`). */
const HEADER_PHRASE = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,30}(?: [\p{L}\p{N}][\p{L}\p{N}_-]{0,30}){0,3}$/u;
/** Blockquote markers (`> `, `>> `) and a list item's marker before a pipe row (`- | a | b |`), which are no cells. */
const ROW_PREFIX = /^(?:[ \t]{0,3}>[ \t]?)*(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?=\|))?/u;
/** How many rows above a cell are read to find its table's header. */
const MAX_TABLE_ROWS = 10_000;
/** How many lines one quoted CSV field may span before its opening quote is taken for a stray one. */
const MAX_QUOTED_LINES = 20;
/** In a table with a header, a key-value row's value is a value, not a description: at most this many words. */
const MAX_VALUE_WORDS = 3;

/** UTF-16 offsets [start, end) of a cell's text (trimmed) in the scanned text. */
export interface Cell {
  start: number;
  end: number;
}

type Delimiter = '|' | ',' | ';' | '\t';

/** One row of a table: its cells, and where it ends (a quoted CSV field may run over lines). */
interface Row {
  cells: Cell[];
  end: number;
}

/** Whether `name` (a header cell's text) names a credential; `Password/PIN` and `User / Password` name one. */
function namesCredential(name: string): boolean {
  if (name.length === 0 || name.length > MAX_NAME_CHARS || !NAME_HINT.test(name)) return false;
  const words = name
    .replace(/<[^>]{0,12}>/gu, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');
  return words.split('/').some((part) => {
    // Markup and symbols around the words: `**Password**`, `` `token` ``, `🔑 Password`, `Pwd.`.
    const bare = part.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N})]+$/gu, '');
    return CREDENTIAL_CELL.test(bare) && !TEST_PASS.test(bare);
  });
}

/** Where a line's row starts: after blockquote markers and a list item's marker. */
function bodyStart(line: string): number {
  return ROW_PREFIX.exec(line)?.[0].length ?? 0;
}

/** The delimiter of a table row (`expected` when the line holds it), or undefined for a line of prose. */
function rowDelimiter(line: string, expected?: Delimiter): Delimiter | undefined {
  if (expected !== undefined && line.includes(expected)) return expected;
  if (line.includes('|')) return '|';
  if (line.includes('\t')) return '\t';
  const commas = line.split(',').length - 1;
  const semicolons = line.split(';').length - 1;
  if (semicolons > commas) return ';';
  return commas > 0 ? ',' : undefined;
}

/** A GitHub-flavoured Markdown delimiter row: `|---|:---:|`, `--- | ---`. Linear: no regular expression backtracks over a long line. */
function isDelimiterRow(line: string): boolean {
  let body = line.trim();
  if (!body.includes('-') || !/^[\s|:-]*$/u.test(body)) return false;
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|')) body = body.slice(0, -1);
  return body.split('|').every((cell) => /^:?-+:?$/u.test(cell.trim()));
}

/** The cell `text[start, end)` without the spaces around it, or a CSV/TSV field's quotes. */
function trimmedCell(text: string, start: number, end: number, delimiter: Delimiter): Cell {
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  if (delimiter !== '|' && end - start >= 2 && text[start] === '"' && text[end - 1] === '"') return { start: start + 1, end: end - 1 };
  return { start, end };
}

/**
 * The row of `text` that starts at `start`: cells split at `delimiter`, trimmed; a pipe row's outer
 * pipes open no cell and `\|` is a pipe inside a cell. A CSV/TSV field that opens with a double
 * quote (RFC 4180) runs to its closing quote, over the delimiter and line breaks (at most
 * MAX_QUOTED_LINES lines; past them the quote was a stray one), and its cell is the text inside.
 */
function rowAt(text: string, start: number, delimiter: Delimiter, quotes = delimiter !== '|'): Row {
  const cells: Cell[] = [];
  let from = start;
  let fieldStart = true;
  let quoted = false;
  let lines = 0;
  for (let i = start; ; i++) {
    const c = i < text.length ? text[i] : '\n';
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      } else if (c === '\n' && (i >= text.length || ++lines > MAX_QUOTED_LINES)) {
        if (i < text.length) return rowAt(text, start, delimiter, false);
        cells.push(trimmedCell(text, from, i, delimiter));
        return { cells, end: text.length };
      }
      continue;
    }
    if (fieldStart && (c === ' ' || (c === '\t' && delimiter !== '\t'))) continue;
    if (fieldStart && quotes && c === '"') {
      quoted = true;
      fieldStart = false;
      continue;
    }
    fieldStart = false;
    if (c === '\n') {
      const end = Math.min(i, text.length);
      cells.push(trimmedCell(text, from, end, delimiter));
      return { cells: delimiter === '|' ? outerPipesDropped(cells, text.slice(start, end)) : cells, end };
    }
    if (c === delimiter && !(delimiter === '|' && text[i - 1] === '\\')) {
      cells.push(trimmedCell(text, from, i, delimiter));
      from = i + 1;
      fieldStart = true;
    }
  }
}

/** A pipe row's cells (the row's text is `row`) without the empty ones its outer pipes make (`| a | b |`). */
function outerPipesDropped(cells: Cell[], row: string): Cell[] {
  const from = row.trimStart().startsWith('|') ? 1 : 0;
  const to = row.trimEnd().endsWith('|') && cells.length > from ? cells.length - 1 : cells.length;
  return cells.slice(from, to);
}

/** The columns of `row` (cells of `text`) whose text names a credential. */
function credentialColumns(row: readonly Cell[], text: string): number[] {
  return row.flatMap((cell, column) => (namesCredential(text.slice(cell.start, cell.end)) ? [column] : []));
}

/** The end of the line that starts at `start`. */
function lineEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end < 0 ? text.length : end;
}

/**
 * Whether the row `row` (delimited by `delimiter`) heads a table, given the line after it: a pipe
 * row before a delimiter row, or before a row of as many cells when both open with a pipe (a table
 * typed without its delimiter row); a CSV/TSV header before a row of two or more fields, maybe with
 * one blank line between them (typed by hand: the rows below still fill its columns).
 */
function isHeader(text: string, row: Row, delimiter: Delimiter): boolean {
  let next = nextLineBody(text, row.end);
  if (next && delimiter !== '|' && next.body.trim() === '') next = nextLineBody(text, lineEnd(text, next.start));
  if (!next || rowDelimiter(next.body, delimiter) !== delimiter) return false;
  const line = text.slice(lineStart(text, row.end), row.end);
  const body = line.slice(bodyStart(line));
  if (delimiter === '|') {
    if (isDelimiterRow(next.body)) return true;
    return body.trimStart().startsWith('|') && next.body.trimStart().startsWith('|') && rowAt(text, next.start, '|').cells.length === row.cells.length;
  }
  const fields = row.cells.map((cell) => text.slice(cell.start, cell.end));
  return isFieldHeader(fields, !body.includes(`${delimiter} `)) && rowAt(text, next.start, delimiter).cells.length >= 2;
}

/** The row text of the line after offset `end` (a row's end), past its blockquote or list markers, and where it starts; undefined at the text's end. */
function nextLineBody(text: string, end: number): { start: number; body: string } | undefined {
  if (end + 1 > text.length) return undefined;
  const line = text.slice(end + 1, lineEnd(text, end + 1));
  const skip = bodyStart(line);
  return { start: end + 1 + skip, body: line.slice(skip) };
}

/** The start of the line that holds offset `at` of `text`. */
function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/**
 * A CSV/TSV header: two or more one-token fields (empty ones aside: a spreadsheet's index column),
 * or short phrases where there are three or more fields or no space follows a delimiter (machine
 * written: `Login Name,Password`), so "Change your password, then log in" is none.
 */
function isFieldHeader(fields: readonly string[], tight: boolean): boolean {
  const named = fields.filter((field) => field !== '');
  if (named.length < 2) return false;
  return named.every((field) => HEADER_FIELD.test(field)) || ((named.length >= 3 || tight) && named.every((field) => HEADER_PHRASE.test(field)));
}

/** The value cells of a key-value row: the cell after each cell naming a credential. */
function keyValueCells(row: readonly Cell[], text: string, headed: boolean): Cell[] {
  return credentialColumns(row, text).flatMap((column) => {
    const value = row[column + 1];
    if (!value || value.end === value.start) return [];
    // In a table with a header, `| password | The user's password |` describes a field.
    if (headed && text.slice(value.start, value.end).split(/\s+/u).length > MAX_VALUE_WORDS) return [];
    return [value];
  });
}

/** A row of a table, as scanned: its credential cells, and whether the whole row belongs to a credential. */
interface ScannedRow {
  start: number;
  end: number;
  secrets: Cell[];
  /** A row under a credential's column (its user name too), or a key-value row naming one. */
  credential: boolean;
}

/**
 * The rows of the tables in `text`, in order. A table runs from its header (see isHeader) while
 * lines are rows with its delimiter; the header row itself holds no value (a pipe row without a
 * delimiter row below it that pairs a name with a value, `| Password | hunter2 |` above
 * `| Port | 8080 |`, is a key-value row, not a header). Outside a headed table, a Markdown row or a two-cell pipe row
 * (`password | zebra77`) naming a credential is a key-value row; a shell pipeline
 * (`cat notes | grep token | sort`) is none.
 */
function scanRows(text: string): ScannedRow[] {
  const rows: ScannedRow[] = [];
  let table: { delimiter: Delimiter; columns: number[]; underHeader: boolean } | undefined;
  for (let start = 0; start <= text.length; ) {
    const end = lineEnd(text, start);
    const line = text.slice(start, end);
    const body = start + bodyStart(line);
    const bodyText = text.slice(body, end);
    if (table?.underHeader && table.delimiter !== '|' && line.trim() === '') {
      // One blank line under a CSV header (isHeader): the rows after it are the table's.
      table.underHeader = false;
      start = end + 1;
      continue;
    }
    if (table && rowDelimiter(bodyText, table.delimiter) === table.delimiter) {
      const row = rowAt(text, body, table.delimiter);
      table.underHeader = false;
      if (!isDelimiterRow(bodyText)) {
        const under = table.columns.flatMap((column) => (row.cells[column] && row.cells[column].end > row.cells[column].start ? [row.cells[column]] : []));
        const secrets = [...under, ...(table.delimiter === '|' ? keyValueCells(row.cells, text, true) : [])].sort((a, b) => a.start - b.start);
        rows.push({ start, end: row.end, secrets, credential: table.columns.length > 0 || secrets.length > 0 });
      }
      start = row.end + 1;
      continue;
    }
    table = undefined;
    const delimiter = rowDelimiter(bodyText);
    if (delimiter === undefined) {
      start = end + 1;
      continue;
    }
    const row = rowAt(text, body, delimiter);
    const columns = credentialColumns(row.cells, text);
    // A pipe "header" typed without its delimiter row that pairs a name with a value is a key-value row.
    const next = nextLineBody(text, row.end);
    const pairs = delimiter === '|' ? keyValueCells(row.cells, text, false) : [];
    const typedHeader = !(next && isDelimiterRow(next.body));
    if (!(typedHeader && pairs.length > 0) && isHeader(text, row, delimiter)) {
      table = { delimiter, columns, underHeader: true };
      rows.push({ start, end: row.end, secrets: [], credential: columns.length > 0 });
    } else if (delimiter === '|' && (bodyText.trimStart().startsWith('|') || row.cells.length === 2)) {
      rows.push({ start, end: row.end, secrets: pairs, credential: columns.length > 0 });
    }
    start = row.end + 1;
  }
  return rows;
}

/** The cells of `text` that hold a credential, in order (see scanRows). */
export function tableSecretCells(text: string): Cell[] {
  if (!text.includes('|') && !text.includes(',') && !text.includes(';') && !text.includes('\t')) return [];
  return scanRows(text).flatMap((row) => row.secrets);
}

/** Whether line `line` (its text) continues a table run of `delimiter` rows: a row, or a line of a quoted CSV field. */
function continuesRun(line: string, delimiter: Delimiter): boolean {
  const body = line.slice(bodyStart(line));
  return rowDelimiter(body, delimiter) === delimiter || (delimiter !== '|' && line.split('"').length % 2 === 0);
}

/**
 * How many lines above line `line` (`lineAt(i)` gives line i's text, undefined where no line may be
 * read) still belong to the run of `delimiter` rows that holds it: 1 for a row or a line of a quoted
 * CSV field, 2 for one blank line under a CSV header that names a credential (isHeader; the run
 * starts there, see `runStart`), 0 where the run ends. Prose paragraphs with commas are rows too,
 * so a blank line is crossed only under such a header, once.
 */
function runStepUp(lineAt: (line: number) => string | undefined, line: number, delimiter: Delimiter): number {
  const above = lineAt(line - 1);
  if (above === undefined) return 0;
  if (continuesRun(above, delimiter)) return 1;
  if (delimiter === '|' || above.trim() !== '') return 0;
  const header = lineAt(line - 2);
  if (header === undefined || rowDelimiter(header.slice(bodyStart(header)), delimiter) !== delimiter) return 0;
  const body = header.slice(bodyStart(header));
  return credentialColumns(rowAt(body, 0, delimiter).cells, body).length > 0 ? 2 : 0;
}

/** The first line of the run of `delimiter` rows that holds line `line` (see runStepUp). */
function runStart(lineAt: (line: number) => string | undefined, line: number, delimiter: Delimiter): number {
  let first = line;
  for (;;) {
    const step = runStepUp(lineAt, first, delimiter);
    first -= step;
    if (step !== 1) return first;
  }
}

/**
 * Whether line `line` of a document (`lineAt(i)` gives line i's text) is a row of a table that has
 * a credential's column (any of its cells, the user name's too, while the row is being typed), or a
 * key-value row naming one: the learner keeps nothing from such a row. Reads the table's rows above
 * it, up to its header, at most MAX_TABLE_ROWS lines.
 */
export function inCredentialTable(lineAt: (line: number) => string, line: number): boolean {
  const last = lineAt(line);
  const delimiter = rowDelimiter(last.slice(bodyStart(last)));
  if (delimiter === undefined) return false;
  const readable = (i: number): string | undefined => (i >= 0 && line - i < MAX_TABLE_ROWS ? lineAt(i) : undefined);
  const first = runStart(readable, line, delimiter);
  const lines: string[] = [];
  for (let i = first; i <= line; i++) lines.push(lineAt(i));
  const text = lines.join('\n');
  const lastStart = text.length - last.length;
  return scanRows(text).some((row) => row.credential && row.start <= lastStart && row.end >= lastStart);
}

/**
 * Where the table around offset `at` of `text` starts: the first line of the run of rows (lines
 * with the same delimiter, or of a quoted CSV field, or a blank line under a CSV header; at most MAX_TABLE_ROWS) that holds `at`, or
 * `at` itself outside a table. A caller that counts the text from `at` on reads from there, so that
 * the header names the columns.
 */
export function tableStartBefore(text: string, at: number): number {
  const start = lineStart(text, at);
  const current = text.slice(start, lineEnd(text, at));
  const delimiter = rowDelimiter(current.slice(bodyStart(current)));
  if (delimiter === undefined) return at;
  // The current line is line 0, the one above it -1, and so on; each is found by one backward search.
  const starts = [start];
  const lineAt = (i: number): string | undefined => {
    const k = -i;
    if (k >= MAX_TABLE_ROWS) return undefined;
    while (starts.length <= k) {
      const below = starts[starts.length - 1];
      if (below === 0) return undefined;
      starts.push(lineStart(text, below - 1));
    }
    return text.slice(starts[k], k === 0 ? lineEnd(text, start) : starts[k - 1] - 1);
  };
  return Math.min(at, starts[-runStart(lineAt, 0, delimiter)]);
}

/**
 * Whether a word at the end of `before` (the text before it) goes into a credential's cell: under
 * a `Password` column, or after `| Password |`. Nothing is offered there, as after `password: `.
 */
export function endsInCredentialCell(before: string): boolean {
  const start = lineStart(before, before.length);
  const current = before.slice(start);
  if (rowDelimiter(current.slice(bodyStart(current))) === undefined) return false;
  const from = tableStartBefore(before, start);
  // A stand-in letter gives the cell being typed its place among the cells.
  const probe = `${before.slice(from)}x`;
  return tableSecretCells(probe).some((cell) => cell.end === probe.length);
}
