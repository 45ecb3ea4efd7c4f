/**
 * Credentials written as a table: the cells under a `Password` (`PIN`, `API key`, `token`, …)
 * column of a Markdown pipe table or a CSV/TSV block (quoted fields too, as browsers and password
 * managers export them), and the cell after such a name in a key-value row (`| Password | hunter2 |`,
 * `password | zebra77`). Prose cues (secret_filter.ts) read the words right before a value; a table
 * names the value's column lines above it, so it needs its own pass over the lines. Pure; cost
 * linear in the text.
 */
import { TABLE_CREDENTIAL_NAMES } from './secret_names';

/**
 * A cell that names a credential: the name, maybe after up to two qualifying words (`Wifi password`,
 * `db_password`, `login_totp`) and before a number or a parenthesis (`Password 2`, `Password (plain)`).
 */
const CREDENTIAL_CELL = new RegExp(String.raw`^(?:[\p{L}\p{N}]+[-_\s]){0,2}(?:${TABLE_CREDENTIAL_NAMES})s?(?:\s*\([^)]*\)|[-_\s]*\d{1,2})?$`, 'iu');
/** "Pass" alone heads a test's results (`| Test | Pass | Fail |`, `Pass 2`), not a credential. */
const TEST_PASS = /^pass(?:es|ed)?(?:[-_\s]*\d{1,2})?$/iu;
/** Markup around a header cell's words (`**Password**`, `` `token` ``). */
const CELL_MARKUP = /^[*_`~\s]+|[*_`~\s:]+$/gu;
/** A GitHub-flavoured Markdown delimiter row: `|---|:---:|`, `--- | ---`. */
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/u;
/** A CSV/TSV header field: one token (`user`, `db_password`)… */
const HEADER_FIELD = /^[^\s,\t|"]{1,40}$/u;
/** …or, in a header of three or more fields, up to four words (`User name,Password,Access key ID`). */
const HEADER_PHRASE = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,30}(?: [\p{L}\p{N}][\p{L}\p{N}_-]{0,30}){0,3}$/u;

/** UTF-16 offsets [start, end) of a cell's text (trimmed) in the scanned text. */
export interface Cell {
  start: number;
  end: number;
}

type Delimiter = '|' | ',' | '\t';

/**
 * The cells of `line` (which starts at `offset`), split at `delimiter`, trimmed; a pipe row's outer
 * pipes open no cell. A CSV/TSV field in double quotes (RFC 4180) may hold the delimiter, and its
 * cell is the text inside the quotes.
 */
function cellsOf(line: string, offset: number, delimiter: Delimiter): Cell[] {
  const cells: Cell[] = [];
  let from = 0;
  let quoted = false;
  for (let i = 0; i <= line.length; i++) {
    if (i < line.length && delimiter !== '|' && line[i] === '"') quoted = !quoted;
    // `\|` is an escaped pipe inside a Markdown cell.
    if (i < line.length && (quoted || line[i] !== delimiter || (delimiter === '|' && line[i - 1] === '\\'))) continue;
    cells.push(trimmedCell(line.slice(from, i), offset + from, delimiter));
    from = i + 1;
  }
  if (delimiter === '|') {
    if (line.trimStart().startsWith('|')) cells.shift();
    if (line.trimEnd().endsWith('|') && cells.length > 0) cells.pop();
  }
  return cells;
}

/** The cell of `raw` (which starts at `offset`) without the spaces around it, or a CSV/TSV field's quotes. */
function trimmedCell(raw: string, offset: number, delimiter: Delimiter): Cell {
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  const inQuotes = delimiter !== '|' && text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? 1 : 0;
  return { start: offset + lead + inQuotes, end: offset + lead + text.length - inQuotes };
}

/** The texts of a line's cells. */
function cellTexts(line: string, delimiter: Delimiter): string[] {
  return cellsOf(line, 0, delimiter).map((cell) => line.slice(cell.start, cell.end));
}

function namesCredential(text: string): boolean {
  const name = text.replace(CELL_MARKUP, '');
  return CREDENTIAL_CELL.test(name) && !TEST_PASS.test(name);
}

/** The delimiter of a table row, or undefined for a line of prose. */
function rowDelimiter(line: string): Delimiter | undefined {
  if (line.includes('|')) return '|';
  if (line.includes('\t')) return '\t';
  if (line.includes(',')) return ',';
  return undefined;
}

/** The columns of `row` (cells of `text`) whose text names a credential. */
function credentialColumns(row: readonly Cell[], text: string): number[] {
  return row.flatMap((cell, column) => (namesCredential(text.slice(cell.start, cell.end)) ? [column] : []));
}

/**
 * Whether `line` heads a table: a pipe row before a delimiter row, or a CSV/TSV header before a row
 * of as many fields (or fewer: the first row may be the one being typed).
 */
function isHeader(line: string, next: string, delimiter: Delimiter): boolean {
  if (delimiter === '|') return DELIMITER_ROW.test(next);
  const fields = cellTexts(line, delimiter);
  if (!isFieldHeader(fields) || rowDelimiter(next) !== delimiter) return false;
  const below = cellsOf(next, 0, delimiter).length;
  return below >= 2 && below <= fields.length;
}

/**
 * Whether a pipe row may pair names with values: a Markdown row (`| Password | x |`) or two cells
 * (`password | zebra77`), not a shell pipeline (`cat notes | grep token | sort`).
 */
function isKeyValueRow(line: string, row: readonly Cell[], delimiter: Delimiter): boolean {
  return delimiter === '|' && (line.trimStart().startsWith('|') || row.length === 2);
}

/** A CSV/TSV header: two or more one-token fields, or three or more short phrases. */
function isFieldHeader(fields: readonly string[]): boolean {
  if (fields.length < 2) return false;
  return fields.every((field) => HEADER_FIELD.test(field)) || (fields.length >= 3 && fields.every((field) => HEADER_PHRASE.test(field)));
}

/**
 * The cells of `text` that hold a credential, in order: under a credential's column (from the row
 * after the header, and after a Markdown delimiter row, to the table's last row: while lines are
 * pipe rows, or CSV/TSV rows with as many fields as the header) and, in a pipe row that is no
 * header, the cell after a cell naming a credential. A CSV/TSV header is two or more one-token
 * fields (`user,password`) or three or more short phrases, so prose with a comma ("Change your
 * password, then log in") is none.
 */
export function tableSecretCells(text: string): Cell[] {
  if (!text.includes('|') && !text.includes(',') && !text.includes('\t')) return [];
  const cells: Cell[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let table: { delimiter: Delimiter; columns: number[]; fields: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const start = offset;
    offset += line.length + 1;
    const delimiter = rowDelimiter(line);
    if (table) {
      const row = delimiter === table.delimiter ? cellsOf(line, start, delimiter) : [];
      // The last line may be a row still being typed, short of its last fields.
      const fits = i === lines.length - 1 ? row.length >= 2 && row.length <= table.fields : row.length === table.fields;
      if (table.delimiter === '|' ? row.length > 0 : fits) {
        if (!DELIMITER_ROW.test(line)) for (const column of table.columns) if (row[column] && row[column].end > row[column].start) cells.push(row[column]);
        continue;
      }
      table = undefined;
    }
    if (delimiter === undefined) continue;
    const row = cellsOf(line, start, delimiter);
    const named = credentialColumns(row, text);
    if (named.length === 0) continue;
    if (isHeader(line, lines[i + 1] ?? '', delimiter)) {
      table = { delimiter, columns: named, fields: row.length };
    } else if (isKeyValueRow(line, row, delimiter)) {
      // A key-value row: the value is the cell after the name.
      for (const column of named) if (row[column + 1] && row[column + 1].end > row[column + 1].start) cells.push(row[column + 1]);
    }
  }
  return cells;
}

/**
 * Whether line `line` of a document (`lineAt(i)` gives line i's text) is a row of a table that has
 * a credential's column (any of its cells, the user name's too, while the row is being typed), or a
 * pipe row naming one: the learner keeps nothing from such a row. Reads the table's rows above it,
 * up to its header, at most 200 lines.
 */
export function inCredentialTable(lineAt: (line: number) => string, line: number): boolean {
  const last = lineAt(line);
  const delimiter = rowDelimiter(last);
  if (delimiter === undefined) return false;
  const cells = cellsOf(last, 0, delimiter);
  if (isKeyValueRow(last, cells, delimiter) && credentialColumns(cells, last).length > 0) return true;
  let next = last;
  for (let i = line - 1; i >= 0 && line - i < 200; i--) {
    const above = lineAt(i);
    if (rowDelimiter(above) !== delimiter) return false;
    if (isHeader(above, next, delimiter)) return credentialColumns(cellsOf(above, 0, delimiter), above).length > 0;
    next = above;
  }
  return false;
}

/**
 * Where the table around offset `at` of `text` starts: the first line of the run of rows (lines
 * with the same delimiter, at most 200) that holds `at`, or `at` itself outside a table. A caller
 * that counts the text from `at` on reads from there, so that the header names the columns.
 */
export function tableStartBefore(text: string, at: number): number {
  let lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const delimiter = rowDelimiter(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd));
  if (delimiter === undefined) return at;
  for (let rows = 0; lineStart > 0 && rows < 200; rows++) {
    const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    if (rowDelimiter(text.slice(previousStart, lineStart - 1)) !== delimiter) break;
    lineStart = previousStart;
  }
  return Math.min(at, lineStart);
}

/**
 * Whether a word at the end of `before` (the text before it) goes into a credential's cell: under
 * a `Password` column, or after `| Password |`. Nothing is offered there, as after `password: `.
 */
export function endsInCredentialCell(before: string): boolean {
  const lineStart = before.lastIndexOf('\n') + 1;
  if (rowDelimiter(before.slice(lineStart)) === undefined) return false;
  const from = tableStartBefore(before, lineStart);
  // A stand-in letter gives the cell being typed its place among the cells.
  const probe = before.slice(from) + 'x';
  return tableSecretCells(probe).some((cell) => cell.end === probe.length);
}

