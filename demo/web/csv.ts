/**
 * Parsing pasted or uploaded CSV for the demo: delimiter and header detection, then the numeric columns.
 * Every problem is a thrown `CsvError` with a message fit to show under the text box.
 */

/** A CSV reduced to its numeric columns. */
export interface NumericTable {
  /** Column names (from the header, or `column 1`, `column 2`, … without one), numeric columns only. */
  readonly names: string[];
  /** One array of values per numeric column, all of the same length. */
  readonly columns: number[][];
  readonly hasHeader: boolean;
  /** Names of the columns left out because they are not numbers (species, ids as text, …). */
  readonly skipped: string[];
}

export class CsvError extends Error {}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Parses `text` and keeps the columns whose every cell is a finite number.
 * @throws CsvError when there is no data, rows disagree in length, a mostly numeric column has a cell that
 *   is not a number (the message names line and column), or fewer than two columns are numeric.
 */
export function parseNumericCsv(text: string): NumericTable {
  const lines = text
    .split(/\r\n|\n|\r/)
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const first = lines[0];
  if (!first) throw new CsvError('No data: paste CSV text or choose a file.');
  const delimiter = detectDelimiter(first.line);
  const rows = lines.map(({ line, number }) => ({ cells: splitLine(line, delimiter), number }));
  const width = rows[0]?.cells.length ?? 0;
  for (const { cells, number } of rows) {
    if (cells.length !== width)
      throw new CsvError(
        `Line ${number} has ${cells.length} fields, expected ${width} (as on line ${first.number}).`,
      );
  }
  const hasHeader = looksLikeHeader(rows[0]?.cells ?? [], rows[1]?.cells);
  const names = hasHeader ? (rows[0]?.cells ?? []).map((name, c) => name || `column ${c + 1}`) : [];
  const body = hasHeader ? rows.slice(1) : rows;
  if (body.length === 0) throw new CsvError('Only a header line: no rows of data.');

  const kept: { name: string; values: number[] }[] = [];
  const skipped: string[] = [];
  for (let c = 0; c < width; c++) {
    const name = names[c] ?? `column ${c + 1}`;
    const values = body.map(({ cells }) => toNumber(cells[c] ?? ''));
    const bad = values.findIndex((value) => !Number.isFinite(value));
    if (bad < 0) {
      kept.push({ name, values });
      continue;
    }
    const numeric = values.filter(Number.isFinite).length;
    if (numeric > body.length / 2) {
      const row = body[bad];
      throw new CsvError(`Line ${row?.number}, column '${name}': '${row?.cells[c] ?? ''}' is not a number.`);
    }
    skipped.push(name);
  }
  if (kept.length < 2)
    throw new CsvError(
      `Found ${kept.length} numeric column${kept.length === 1 ? '' : 's'}; need at least 2.`,
    );
  return { names: kept.map((k) => k.name), columns: kept.map((k) => k.values), hasHeader, skipped };
}

function detectDelimiter(line: string): string {
  let best: string = DELIMITERS[0];
  let most = 0;
  for (const delimiter of DELIMITERS) {
    const count = splitLine(line, delimiter).length;
    if (count > most) {
      best = delimiter;
      most = count;
    }
  }
  // No delimiter at all: values separated by spaces, as many tools print them.
  if (most <= 1 && /\S\s+\S/.test(line.trim())) return ' ';
  return best;
}

/** Splits one line, honouring double quotes ("a, b" stays one field; "" is a literal quote). */
function splitLine(line: string, delimiter: string): string[] {
  if (delimiter === ' ') return line.trim().split(/\s+/);
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += char;
  }
  cells.push(cell.trim());
  return cells;
}

/** A header is a first row with a cell that is not a number where the second row has one. */
function looksLikeHeader(first: string[], second: string[] | undefined): boolean {
  if (!second) return first.some((cell) => !Number.isFinite(toNumber(cell)));
  return first.some(
    (cell, c) => !Number.isFinite(toNumber(cell)) && Number.isFinite(toNumber(second[c] ?? '')),
  );
}

function toNumber(cell: string): number {
  return cell.trim() === '' ? Number.NaN : Number(cell);
}
