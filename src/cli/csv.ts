/**
 * A data file as the CLI reads it: CSV with `,`, `;` or tab (detected, or `--delimiter`), blank lines
 * skipped, a header row detected, `-` for stdin, the columns chosen as `columns.ts` says, and every
 * chosen cell a finite number. Errors name the file, the line and the column.
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { FlatMatrix } from '../index';
import { type Choice, chooseColumns as chooseTableColumns } from './columns';
import { delimiterName, delimiterOption, detectDelimiter, shorten } from './delimiter';
import { CliError } from './errors';
import { readInput } from './files';

/** The chosen columns of a data file, row-major, ready for the library. */
export interface CsvData extends FlatMatrix {
  readonly data: Float64Array;
  /** The chosen columns' header names; `column N` (1-based) when the file has no header. */
  readonly names: readonly string[];
  readonly header: boolean;
  /** One line for stderr when columns were left out; undefined when none was. */
  readonly notice: string | undefined;
}

/** How to read a data file: the flags that shape it and what the model remembers. */
export interface CsvOptions {
  /** `--columns`: header names, numbers from 1, ranges `a..b` or `2-5`; all numeric columns when absent. */
  readonly columns?: string | undefined;
  /** `--delimiter`: one character or `tab`; detected from the first line when absent. */
  readonly delimiter?: string | undefined;
  /** The columns a saved model was fitted on, chosen by name when the file has a header. */
  readonly modelColumns?: readonly string[] | undefined;
  /** The cell texts that mean a missing value (`--missing`, `--na-values`), read as NaN. */
  readonly missing?: ReadonlySet<string> | undefined;
}

/** One record and the line of the file it ends on. */
interface Row {
  readonly cells: readonly string[];
  readonly line: number;
}

/** A decimal number as people write them: `3`, `-0.5`, `.5`, `1e-3`; not `0x10`, `Infinity` or `''`. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** With `;` between fields, R's `write.csv2` writes decimal commas: `3,6`. */
const DECIMAL_COMMA = /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/;

/** What csv-parse's error codes mean, in the words of someone holding the file. */
const PARSE_ERRORS: Readonly<Record<string, string>> = {
  INVALID_OPENING_QUOTE: 'a quote inside a field that does not start with one',
  CSV_INVALID_CLOSING_QUOTE: 'a quote that closes a field is followed by more text',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text after the quote that closes a field',
  CSV_QUOTE_NOT_CLOSED: 'a quote that is never closed',
  CSV_MAX_RECORD_SIZE: 'a record too large to read',
};

/**
 * Reads the chosen columns of `file` (`-`: standard input) as numbers; a cell in `options.missing` is
 * read as NaN (a missing value).
 * @throws CliError for an unreadable or malformed file, a bad `--columns` or `--delimiter`, a row of
 *   the wrong length, or a chosen cell that is not a finite number.
 */
export function readCsv(file: string, options: CsvOptions = {}): CsvData {
  const { text, label } = readInput(file);
  const delimiter =
    options.delimiter === undefined ? detectDelimiter(text) : delimiterOption(options.delimiter);
  const isNumber = (cell: string) => NUMBER.test(cell) || (delimiter === ';' && DECIMAL_COMMA.test(cell));
  // For telling numeric columns from text ones, a missing cell is a number that is not there.
  const numericCell = (cell: string) => isNumber(cell) || options.missing?.has(cell) === true;
  const rows = parseRows(label, text, delimiter);
  const first = rows[0];
  if (!first) throw new CliError(`${label} has no data rows`);
  const header = isHeader(rows, isNumber);
  const body = header ? rows.slice(1) : rows;
  const firstBody = body[0];
  if (!firstBody) throw new CliError(`${label} has a header but no data rows`);
  const width = first.cells.length;
  const headerNames = header ? first.cells : undefined;
  const choice: Choice = chooseTableColumns(
    { file: label, names: headerNames, width, firstRow: firstBody.cells, firstLine: firstBody.line },
    options.columns,
    options.modelColumns,
    numericCell,
  );
  const chosen = choice.columns;
  const names = chosen.map((c) => (headerNames ? (headerNames[c] as string) : `column ${c + 1}`));
  const cols = chosen.length;
  const data = new Float64Array(body.length * cols);
  body.forEach(({ cells, line }, r) => {
    if (cells.length !== width) {
      const fields = `${cells.length} field${cells.length === 1 ? '' : 's'}`;
      throw new CliError(`${label}:${line}: ${fields}, expected ${width} as on line ${first.line}`);
    }
    chosen.forEach((c, j) => {
      const where = () =>
        `${label}:${line}: column ${headerNames ? `'${shorten(names[j] as string)}'` : c + 1}`;
      const cell = cells[c] as string;
      // A text column that --columns chose is text from its first row on: say what to change.
      const textColumn = r === 0 && options.columns !== undefined;
      data[r * cols + j] = options.missing?.has(cell)
        ? Number.NaN
        : cellToNumber(cell, isNumber, where, textColumn, options.missing !== undefined);
    });
  });
  const notice = choice.notice && `${label}: ${choice.notice}`;
  return { data, rows: body.length, cols, names, header, notice };
}

function parseRows(label: string, text: string, delimiter: string): Row[] {
  try {
    // With `info`, each record comes with where it is; the typings only know plain records.
    const records = parse(text, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ cells: record, line: info.lines }));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const where = (error as CsvError & { lines?: number }).lines;
    const reason = PARSE_ERRORS[error.code] ?? error.message;
    const hint = ` (fields separated by ${delimiterName(delimiter)}; --delimiter sets another)`;
    throw new CliError(`${label}${where === undefined ? '' : `:${where}`}: ${reason}${hint}`);
  }
}

/**
 * The first row is a header when it has text in every column where the second row has a number
 * (with one row: text in every column). So a data row with a label column, or with a typo, is data.
 */
export function isHeader(
  rows: readonly { readonly cells: readonly string[] }[],
  isNumber: (cell: string) => boolean = plainNumber,
): boolean {
  const [first, second] = rows;
  if (!first) return false;
  const numericBelow = first.cells.map((_, c) => (second ? isNumber(second.cells[c] ?? '') : true));
  const texts = first.cells.map((cell) => !isNumber(cell));
  return texts.some(Boolean) && texts.every((text, c) => text || !numericBelow[c]);
}

/** A plain decimal number (the streaming reader's rule). */
export function plainNumber(cell: string): boolean {
  return NUMBER.test(cell);
}

/**
 * The 0-based indices that `--columns` names, in its order; every column when it is absent (the
 * streaming reader's rule: names and numbers only).
 */
export function chooseColumns(
  spec: string | undefined,
  names: readonly string[] | undefined,
  width: number,
  file: string,
): number[] {
  if (spec === undefined) return Array.from({ length: width }, (_, c) => c);
  const chosen = spec.split(',').map((item) => {
    const name = item.trim();
    if (name === '') throw new CliError(`--columns has an empty entry: '${spec}'`);
    if (/^\d+$/.test(name)) {
      const index = Number(name);
      if (index < 1 || index > width) {
        throw new CliError(`--columns: there is no column ${name}; ${file} has ${width} (numbered from 1)`);
      }
      return index - 1;
    }
    if (!names) throw new CliError(`--columns: '${name}' is a name, but ${file} has no header row`);
    const index = names.indexOf(name);
    if (index < 0) {
      throw new CliError(`--columns: ${file} has no column '${name}' (it has ${names.join(', ')})`);
    }
    return index;
  });
  const repeated = chosen.find((c, i) => chosen.indexOf(c) !== i);
  if (repeated !== undefined) {
    throw new CliError(`--columns chooses column ${names ? `'${names[repeated]}'` : repeated + 1} twice`);
  }
  return chosen;
}

/** Cells that usually mean a missing value: an error about one says that `--missing` exists. */
const LOOKS_MISSING = /^(?:|NA|N\/A|NaN|nan|null|NULL|\?|-)$/;

/** A cell as a finite number; `where()` says which cell, for the error. */
/** A cell as a finite number (the streaming reader's form): plain decimals only. */
export function toNumber(cell: string, where: () => string, readingMissing = false): number {
  return cellToNumber(cell, plainNumber, where, false, readingMissing);
}

/** A cell as a finite number; `where()` says which cell, for the error. */
function cellToNumber(
  cell: string,
  isNumber: (cell: string) => boolean,
  where: () => string,
  textColumn: boolean,
  readingMissing: boolean,
): number {
  const hint =
    !readingMissing && LOOKS_MISSING.test(cell) ? ' (with --missing it is read as a missing value)' : '';
  if (cell === '') throw new CliError(`${where()} is empty${hint}`);
  if (!isNumber(cell)) {
    const leave = textColumn && hint === '' ? '; leave it out of --columns' : '';
    throw new CliError(`${where()} is '${shorten(cell)}', not a number${hint}${leave}`);
  }
  const value = Number(cell.replace(',', '.'));
  if (!Number.isFinite(value)) throw new CliError(`${where()} is '${shorten(cell)}', too large for a number`);
  return value;
}
