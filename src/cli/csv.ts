/**
 * A data file as the CLI reads it: CSV with `,`, `;` or tab (detected, or `--delimiter`), blank lines
 * skipped, a header row detected, `-` for stdin, the columns chosen as `columns.ts` says, and every
 * chosen cell a finite number. Errors name the file, the line and the column.
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { FlatMatrix } from '../index';
import { type CsvOptions, type CsvRecord, csvLayout } from './csv-layout';
import { delimiterName, delimiterOption, detectDelimiter } from './delimiter';
import { CliError } from './errors';
import { readInput } from './files';

export type { CsvOptions } from './csv-layout';

/** The chosen columns of a data file, row-major, ready for the library. */
export interface CsvData extends FlatMatrix {
  /** rows×cols values of the chosen columns, NaN where a cell was missing. */
  readonly data: Float64Array;
  /** The chosen columns' header names; `column N` (1-based) when the file has no header. */
  readonly names: readonly string[];
  /** Whether the first record was read as a header. */
  readonly header: boolean;
  /** One line for stderr when columns were left out; undefined when none was. */
  readonly notice: string | undefined;
}

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
  const records = parseRecords(label, text, delimiter);
  const layout = csvLayout(label, records.slice(0, 2), delimiter, options);
  const body = layout.header ? records.slice(1) : records;
  const { cols } = layout;
  const data = new Float64Array(body.length * cols);
  body.forEach((record, r) => {
    layout.read(record, r, data, r * cols);
  });
  const { names, header, notice } = layout;
  return { data, rows: body.length, cols, names, header, notice };
}

/** How csv-parse reads every data file, whole or in passes (with `info`: where each record ends). */
export const PARSE_OPTIONS = {
  bom: true,
  info: true,
  relax_column_count: true,
  skip_empty_lines: true,
  skip_records_with_empty_values: true,
  trim: true,
} as const;

function parseRecords(label: string, text: string, delimiter: string): CsvRecord[] {
  try {
    // With `info`, each record comes with where it is; the typings only know plain records.
    const records = parse(text, { ...PARSE_OPTIONS, delimiter }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return records.map(({ record, info }) => ({ cells: record, line: info.lines }));
  } catch (error) {
    throw parseFailure(label, error, delimiter);
  }
}

/** csv-parse's error as a CliError that names the file, the line and the delimiter; others as they are. */
export function parseFailure(label: string, error: unknown, delimiter: string): unknown {
  if (!(error instanceof CsvError)) return error;
  const where = (error as CsvError & { lines?: number }).lines;
  const reason = PARSE_ERRORS[error.code] ?? error.message;
  const hint = ` (fields separated by ${delimiterName(delimiter)}; --delimiter sets another)`;
  return new CliError(`${label}${where === undefined ? '' : `:${where}`}: ${reason}${hint}`);
}
