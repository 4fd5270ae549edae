/**
 * Which columns of a data file the model sees. `--columns` names them (header names, numbers from 1,
 * ranges of either); a model that remembers its columns picks them by name; otherwise every numeric
 * column is taken and the rest (a label, R's row names) is left out with a one-line notice.
 */
import { shorten } from './delimiter';
import { CliError } from './errors';

/** The file's shape as column choice needs it. */
export interface Table {
  /** How messages name the file (`-` reads as `stdin`). */
  readonly file: string;
  /** The header's cells, or undefined when the file has none. */
  readonly names: readonly string[] | undefined;
  /** Columns in the file's first record (the header, or the first data row). */
  readonly width: number;
  /** The first data row's cells and line, to tell numeric columns from text ones. */
  readonly firstRow: readonly string[];
  /** The first data row's line number (1-based), for messages. */
  readonly firstLine: number;
}

/** The chosen 0-based columns, in order, and the notice to print (none when nothing was left out). */
export interface Choice {
  /** The chosen 0-based columns, in order. */
  readonly columns: readonly number[];
  /** What to tell the user about columns left out (text columns), or undefined. */
  readonly notice: string | undefined;
}

/**
 * The columns `spec` (`--columns`) chooses; else those named by `modelColumns` (when the file has a
 * header); else every numeric column.
 * @throws CliError for an unknown name, a number out of range, an empty or reversed range, a column
 *   chosen twice, a model column the file lacks, or a file with no numeric column.
 */
export function chooseColumns(
  table: Table,
  spec: string | undefined,
  modelColumns: readonly string[] | undefined,
  isNumber: (cell: string) => boolean,
): Choice {
  if (spec !== undefined) return { columns: unique(table, fromSpec(table, spec)), notice: undefined };
  if (modelColumns && table.names) return { columns: byModel(table, modelColumns), notice: undefined };
  return numericColumns(table, isNumber);
}

function fromSpec(table: Table, spec: string): number[] {
  return spec.split(',').flatMap((item) => {
    const entry = item.trim();
    if (entry === '') throw new CliError(`--columns has an empty entry: '${shorten(spec)}'`);
    // `2..5`, `sepal_length..petal_width`, or `2-5` as `cut -f` writes it; a header name wins.
    const range = /^(.+?)\s*\.\.\s*(.+)$/.exec(entry) ?? /^(\d+)\s*-\s*(\d+)$/.exec(entry);
    if (range && !(table.names ?? []).includes(entry)) {
      const low = column(table, range[1] as string);
      const high = column(table, range[2] as string);
      if (low > high)
        throw new CliError(`--columns: the range '${entry}' is reversed; write the first column first`);
      return Array.from({ length: high - low + 1 }, (_, i) => low + i);
    }
    return [column(table, entry)];
  });
}

/** One column by number (from 1) or header name. */
function column(table: Table, entry: string): number {
  const { file, names, width } = table;
  if (/^\d+$/.test(entry)) {
    const index = Number(entry);
    if (index < 1 || index > width) {
      throw new CliError(`--columns: there is no column ${entry}; ${file} has ${width} (numbered from 1)`);
    }
    return index - 1;
  }
  if (!names) throw new CliError(`--columns: '${shorten(entry)}' is a name, but ${file} has no header row`);
  const index = names.indexOf(entry);
  if (index < 0) {
    throw new CliError(`--columns: ${file} has no column '${shorten(entry)}' (it has ${listed(names)})`);
  }
  return index;
}

function unique(table: Table, chosen: number[]): number[] {
  const repeated = chosen.find((c, i) => chosen.indexOf(c) !== i);
  if (repeated !== undefined) {
    const name = table.names ? `'${table.names[repeated]}'` : `${repeated + 1}`;
    throw new CliError(`--columns chooses column ${name} twice`);
  }
  return chosen;
}

function byModel(table: Table, modelColumns: readonly string[]): number[] {
  const names = table.names as readonly string[];
  return modelColumns.map((name) => {
    const index = names.indexOf(name);
    if (index < 0) {
      throw new CliError(
        `${table.file} has no column '${shorten(name)}', which the model was fitted on ` +
          `(it has ${listed(names)}); choose the columns with --columns`,
      );
    }
    return index;
  });
}

/**
 * Every column whose first data cell is a number (or empty, which is then reported as empty), except
 * a header column with no name: R's `write.csv` writes its row names there.
 */
function numericColumns(table: Table, isNumber: (cell: string) => boolean): Choice {
  const { names, firstRow, firstLine, width } = table;
  const columns: number[] = [];
  const left: string[] = [];
  for (let c = 0; c < width; c++) {
    const cell = firstRow[c] ?? '';
    const name = names ? `'${shorten(names[c] ?? '')}'` : `${c + 1}`;
    if (names && names[c] === '') left.push(`${c + 1} (no name: row names)`);
    else if (cell === '' || isNumber(cell)) columns.push(c);
    else left.push(`${name} ('${shorten(cell)}' on line ${firstLine})`);
  }
  if (columns.length === 0) {
    throw new CliError(
      `${table.file} has no numeric column (line ${firstLine}); choose columns with --columns`,
    );
  }
  const notice =
    left.length === 0
      ? undefined
      : `left out the non-numeric column${left.length === 1 ? '' : 's'} ${left.join(', ')}; ` +
        '--columns chooses the columns';
  return { columns, notice };
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, 20).map((name) => shorten(name));
  return names.length > 20 ? `${shown.join(', ')}, … ${names.length} in all` : shown.join(', ');
}
