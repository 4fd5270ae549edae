/**
 * How the records of a data file become rows of numbers, decided from its first two records: whether
 * the first is a header, which columns the model sees (and the notice for those left out), and the
 * rule for a cell. The file read whole (`csv.ts`) and the file read in passes (`stream-sources.ts`)
 * both go through here, so that they read every file the same way.
 */
import { type Choice, chooseColumns } from './columns';
import { shorten } from './delimiter';
import { CliError } from './errors';

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
export interface CsvRecord {
  /** The record's cells, unquoted. */
  readonly cells: readonly string[];
  /** The 1-based line of the file the record ends on (a quoted cell may span lines). */
  readonly line: number;
}

/** What the first records decide, and how every data record is then read. */
export interface CsvLayout {
  /** Whether the first record is a header (and not data). */
  readonly header: boolean;
  /** The chosen columns' header names; `column N` (1-based) when the file has no header. */
  readonly names: readonly string[];
  /** The number of chosen columns. */
  readonly cols: number;
  /** One line for stderr (`<file>: left out …`) when columns were left out; undefined when none was. */
  readonly notice: string | undefined;
  /**
   * Writes the chosen cells of a data record, as numbers, to `out` from `offset`. `index` is the
   * record's place among the data records (0 for the first).
   * @throws CliError for a record of the wrong length or a cell that is not a finite number.
   */
  read(record: CsvRecord, index: number, out: Float64Array, offset: number): void;
}

/** A decimal number as people write them: `3`, `-0.5`, `.5`, `1e-3`; not `0x10`, `Infinity` or `''`. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** With `;` between fields, R's `write.csv2` writes decimal commas: `3,6`. */
const DECIMAL_COMMA = /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/;
/** Cells that usually mean a missing value: an error about one says that `--missing` exists. */
const LOOKS_MISSING = /^(?:|NA|N\/A|NaN|nan|null|NULL|\?|-)$/;

/**
 * The layout of the file `label` (as messages name it) from its first records: `head` holds the
 * first two (one when the file has one). The header is the first record when it has text in every
 * column where the second has a number.
 * @throws CliError for a file with no data rows, or a column choice that does not fit the file.
 */
export function csvLayout(
  label: string,
  head: readonly CsvRecord[],
  delimiter: string,
  options: CsvOptions,
): CsvLayout {
  const isNumber = (cell: string) => NUMBER.test(cell) || (delimiter === ';' && DECIMAL_COMMA.test(cell));
  // For telling numeric columns from text ones, a missing cell is a number that is not there.
  const numericCell = (cell: string) => isNumber(cell) || options.missing?.has(cell) === true;
  const first = head[0];
  if (!first) throw new CliError(`${label} has no data rows`);
  const header = isHeader(head, isNumber);
  const firstBody = header ? head[1] : first;
  if (!firstBody) throw new CliError(`${label} has a header but no data rows`);
  const width = first.cells.length;
  const headerNames = header ? first.cells : undefined;
  const choice: Choice = chooseColumns(
    { file: label, names: headerNames, width, firstRow: firstBody.cells, firstLine: firstBody.line },
    options.columns,
    options.modelColumns,
    numericCell,
  );
  const chosen = choice.columns;
  const names = chosen.map((c) => (headerNames ? (headerNames[c] as string) : `column ${c + 1}`));
  const readingMissing = options.missing !== undefined;
  const read = ({ cells, line }: CsvRecord, index: number, out: Float64Array, offset: number) => {
    if (cells.length !== width) {
      const fields = `${cells.length} field${cells.length === 1 ? '' : 's'}`;
      throw new CliError(`${label}:${line}: ${fields}, expected ${width} as on line ${first.line}`);
    }
    // A text column that --columns chose is text from its first row on: say what to change.
    const textColumn = index === 0 && options.columns !== undefined;
    for (let j = 0; j < chosen.length; j++) {
      const c = chosen[j] as number;
      const cell = cells[c] as string;
      const where = () =>
        `${label}:${line}: column ${headerNames ? `'${shorten(names[j] as string)}'` : c + 1}`;
      out[offset + j] = options.missing?.has(cell)
        ? Number.NaN
        : cellToNumber(cell, isNumber, where, textColumn, readingMissing);
    }
  };
  const notice = choice.notice && `${label}: ${choice.notice}`;
  return { header, names, cols: chosen.length, notice, read };
}

/**
 * The first record is a header when it has text in every column where the second has a number (with
 * one record: text in every column). So a data row with a label column, or with a typo, is data.
 */
function isHeader(head: readonly CsvRecord[], isNumber: (cell: string) => boolean): boolean {
  const [first, second] = head;
  if (!first) return false;
  const numericBelow = first.cells.map((_, c) => (second ? isNumber(second.cells[c] ?? '') : true));
  const texts = first.cells.map((cell) => !isNumber(cell));
  return texts.some(Boolean) && texts.every((text, c) => text || !numericBelow[c]);
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
