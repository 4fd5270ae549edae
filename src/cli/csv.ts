/**
 * A data CSV as the CLI reads it: comma-separated, blank lines skipped, a header row detected, the
 * columns chosen by `--columns`, and every chosen cell a finite number. Columns not chosen may hold
 * anything (a species name, an id). Errors name the file, the line and the column.
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { FlatMatrix } from '../index';
import { CliError } from './errors';
import { readText } from './files';

/** The chosen columns of a CSV, row-major, ready for the library. */
export interface CsvData extends FlatMatrix {
  readonly data: Float64Array;
  /** The chosen columns' header names; `column N` (1-based) when the file has no header. */
  readonly names: readonly string[];
  readonly header: boolean;
}

/** One record and the line of the file it ends on. */
interface Row {
  readonly cells: readonly string[];
  readonly line: number;
}

/** A decimal number as people write them: `3`, `-0.5`, `.5`, `1e-3`; not `0x10`, `Infinity` or `''`. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads the chosen columns of `file` as numbers.
 * @param columns - `--columns`: comma-separated header names or 1-based indices; all columns when absent.
 * @param missing - the cell texts that mean a missing value (read as NaN); none when absent.
 * @throws CliError for an unreadable or malformed file, a bad `--columns`, a row of the wrong length,
 *   or a chosen cell that is not a finite number.
 */
export function readCsv(file: string, columns: string | undefined, missing?: ReadonlySet<string>): CsvData {
  const rows = parseRows(file, readText(file));
  const first = rows[0];
  if (!first) throw new CliError(`${file} has no data rows`);
  const header = isHeader(rows);
  const width = first.cells.length;
  const chosen = chooseColumns(columns, header ? first.cells : undefined, width, file);
  const names = chosen.map((c) => (header ? (first.cells[c] as string) : `column ${c + 1}`));
  const body = header ? rows.slice(1) : rows;
  if (body.length === 0) throw new CliError(`${file} has a header but no data rows`);
  const cols = chosen.length;
  const data = new Float64Array(body.length * cols);
  body.forEach(({ cells, line }, r) => {
    if (cells.length !== width) {
      const fields = `${cells.length} field${cells.length === 1 ? '' : 's'}`;
      throw new CliError(`${file}:${line}: ${fields}, expected ${width} as on line ${first.line}`);
    }
    chosen.forEach((c, j) => {
      const label = header ? `'${names[j]}'` : `${c + 1}`;
      const cell = cells[c] as string;
      data[r * cols + j] = missing?.has(cell)
        ? Number.NaN
        : toNumber(cell, () => `${file}:${line}: column ${label}`, missing !== undefined);
    });
  });
  return { data, rows: body.length, cols, names, header };
}

function parseRows(file: string, text: string): Row[] {
  try {
    // With `info`, each record comes with where it is; the typings only know plain records.
    const records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ cells: record, line: info.lines }));
  } catch (error) {
    if (error instanceof CsvError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
}

/**
 * The first row is a header when it has text in every column where the second row has a number
 * (with one row: text in every column). So a data row with a label column, or with a typo, is data.
 */
export function isHeader(rows: readonly { readonly cells: readonly string[] }[]): boolean {
  const [first, second] = rows;
  if (!first) return false;
  const numericBelow = first.cells.map((_, c) => (second ? isNumber(second.cells[c] ?? '') : true));
  const texts = first.cells.map((cell) => !isNumber(cell));
  return texts.some(Boolean) && texts.every((text, c) => text || !numericBelow[c]);
}

function isNumber(cell: string): boolean {
  return NUMBER.test(cell);
}

/** The 0-based indices that `--columns` names, in its order; every column when it is absent. */
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
export function toNumber(cell: string, where: () => string, readingMissing = false): number {
  const hint =
    !readingMissing && LOOKS_MISSING.test(cell) ? ' (with --missing it is read as a missing value)' : '';
  if (cell === '') throw new CliError(`${where()} is empty${hint}`);
  const value = Number(cell);
  if (!isNumber(cell)) throw new CliError(`${where()} is '${cell}', not a number${hint}`);
  if (!Number.isFinite(value)) throw new CliError(`${where()} is '${cell}', too large for a number`);
  return value;
}
