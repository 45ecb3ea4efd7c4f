/**
 * Credentials written as a table: the cells under a `Password` (`PIN`, `API key`, `token`, …)
 * column of a Markdown pipe table or a CSV/TSV block, and the cell after such a name in a
 * key-value row (`| Password | hunter2 |`, `password | zebra77`). Prose cues (secret_filter.ts) read
 * the words right before a value; a table names the value's column lines above it, so it needs its
 * own pass over the lines. Pure; cost linear in the text.
 */
import { SECRET_NAMES } from './secret_names';

/** A cell that names a credential: the name, maybe after up to two qualifying words (`Wifi password`, `db_password`). */
const CREDENTIAL_CELL = new RegExp(String.raw`^(?:[\p{L}\p{N}]+[-_\s]){0,2}(?:${SECRET_NAMES})s?$`, 'iu');
/** Markup around a header cell's words (`**Password**`, `` `token` ``). */
const CELL_MARKUP = /^[*_`~\s]+|[*_`~\s:]+$/gu;
/** A GitHub-flavoured Markdown delimiter row: `|---|:---:|`, `--- | ---`. */
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/u;
/** A CSV/TSV field that can be a header: one token, no spaces inside (`user`, `password`, `db_password`). */
const HEADER_FIELD = /^[^\s,\t|]{1,40}$/u;

/** UTF-16 offsets [start, end) of a cell's text (trimmed) in the scanned text. */
export interface Cell {
  start: number;
  end: number;
}

type Delimiter = '|' | ',' | '\t';

/** The cells of `line` (which starts at `offset`), split at `delimiter`, trimmed; a pipe row's outer pipes open no cell. */
function cellsOf(line: string, offset: number, delimiter: Delimiter): Cell[] {
  const cells: Cell[] = [];
  let from = 0;
  for (let i = 0; i <= line.length; i++) {
    // `\|` is an escaped pipe inside a Markdown cell.
    if (i < line.length && (line[i] !== delimiter || (delimiter === '|' && line[i - 1] === '\\'))) continue;
    const raw = line.slice(from, i);
    const lead = raw.length - raw.trimStart().length;
    cells.push({ start: offset + from + lead, end: offset + from + lead + raw.trim().length });
    from = i + 1;
  }
  if (delimiter === '|') {
    if (line.trimStart().startsWith('|')) cells.shift();
    if (line.trimEnd().endsWith('|') && cells.length > 0) cells.pop();
  }
  return cells;
}

function namesCredential(text: string): boolean {
  return CREDENTIAL_CELL.test(text.replace(CELL_MARKUP, ''));
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

/** Whether `line` heads a table: a pipe row before a delimiter row, or a CSV/TSV header before a row of as many fields. */
function isHeader(line: string, next: string, delimiter: Delimiter): boolean {
  if (delimiter === '|') return DELIMITER_ROW.test(next);
  return isFieldHeader(line, delimiter) && rowDelimiter(next) === delimiter && next.split(delimiter).length === line.split(delimiter).length;
}

/** A CSV/TSV header: two or more one-token fields. */
function isFieldHeader(line: string, delimiter: Delimiter): boolean {
  const fields = line.split(delimiter).map((field) => field.trim());
  return fields.length >= 2 && fields.every((field) => HEADER_FIELD.test(field));
}

/**
 * The cells of `text` that hold a credential, in order: under a credential's column (from the row
 * after the header, and after a Markdown delimiter row, to the table's last row: while lines are
 * pipe rows, or CSV/TSV rows with as many fields as the header) and, in a pipe row that is no
 * header, the cell after a cell naming a credential. A CSV/TSV header is two or more one-token
 * fields (`user,password`), so prose with a comma ("Change your password, then log in") is none.
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
      if (table.delimiter === '|' ? row.length > 0 : row.length === table.fields) {
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
    } else if (delimiter === '|') {
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
  if (delimiter === '|' && credentialColumns(cellsOf(last, 0, '|'), last).length > 0) return true;
  let next = last;
  for (let i = line - 1; i >= 0 && line - i < 200; i--) {
    const above = lineAt(i);
    if (rowDelimiter(above) !== delimiter) return false;
    if (isHeader(above, next, delimiter)) return credentialColumns(cellsOf(above, 0, delimiter), above).length > 0;
    next = above;
  }
  return false;
}
