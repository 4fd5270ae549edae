/**
 * Data files read in passes with bounded memory, for `--stream`: a CSV parsed incrementally (the
 * same header detection, column choice and cell checks as the in-memory reader), or a raw row-major
 * binary file of float64 or float32 values (`--binary D`). Each call of a source opens the file
 * again, so `fitStream` can read it once per pass.
 */
import { createReadStream, statSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import type { FlatMatrix } from '../index';
import { chooseColumns, isHeader, plainNumber, toNumber } from './csv';
import { CliError } from './errors';

/** Rows per chunk handed to the library: a few MB at most. */
export const STREAM_CHUNK_ROWS = 16_384;

/** A re-readable source of flat chunks, and what it knows about the file before reading it. */
export interface FileSource {
  (): AsyncGenerator<FlatMatrix>;
  /** Rows, when the file's size tells (binary input); otherwise counted by the first pass. */
  readonly rows: number | undefined;
}

export type BinaryType = 'float64' | 'float32';

/**
 * A binary file of rows × d values, row-major, little-endian.
 * @throws CliError when the file cannot be read or its size is not a whole number of rows.
 */
export function binarySource(file: string, d: number, type: BinaryType): FileSource {
  if (!Number.isInteger(d) || d < 1)
    throw new CliError(`--binary must be the number of columns, an integer ≥ 1, got ${d}`);
  const bytesPerValue = type === 'float64' ? 8 : 4;
  const rowBytes = d * bytesPerValue;
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (size === 0 || size % rowBytes !== 0) {
    throw new CliError(
      `${file} has ${size} bytes, not a whole number of rows of ${d} ${type} values (${rowBytes} bytes each)`,
    );
  }
  const source = async function* (): AsyncGenerator<FlatMatrix> {
    const stream = createReadStream(file, { highWaterMark: STREAM_CHUNK_ROWS * rowBytes });
    let carry = Buffer.alloc(0);
    try {
      for await (const piece of stream as AsyncIterable<Buffer>) {
        const bytes = carry.length > 0 ? Buffer.concat([carry, piece]) : piece;
        const rows = Math.floor(bytes.length / rowBytes);
        carry = Buffer.from(bytes.subarray(rows * rowBytes));
        if (rows > 0) yield { data: decode(bytes, rows * d, type), rows, cols: d };
      }
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
    } finally {
      stream.destroy();
    }
  };
  return Object.assign(source, { rows: size / rowBytes });
}

/** `count` values from the start of `bytes`, copied (the buffer's offset need not be aligned). */
function decode(bytes: Buffer, count: number, type: BinaryType): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(count);
  if (type === 'float64') for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, true);
  else for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/**
 * A CSV read record by record. The header is decided from the first two records, as for files read
 * whole; errors name the file, the line and the column. A cell in `missing` (`--missing`,
 * `--na-values`) is read as NaN, a missing value.
 */
export function csvSource(
  file: string,
  columns: string | undefined,
  missing?: ReadonlySet<string>,
): FileSource {
  const number = (cell: string) => plainNumber(cell) || missing?.has(cell) === true;
  const source = async function* (): AsyncGenerator<FlatMatrix> {
    const stream = createReadStream(file);
    const parser = stream.pipe(
      parse({
        bom: true,
        info: true,
        relax_column_count: true,
        skip_empty_lines: true,
        skip_records_with_empty_values: true,
        trim: true,
      }),
    );
    stream.on('error', (error) => parser.destroy(new CliError(`cannot read ${file}: ${error.message}`)));
    let head: { cells: string[]; line: number }[] = [];
    let layout:
      | { chosen: number[]; names: string[]; header: boolean; width: number; firstLine: number }
      | undefined;
    let data = new Float64Array(0);
    let rows = 0;
    const flush = () => {
      const chunk = {
        data: data.slice(0, rows * (layout?.chosen.length ?? 0)),
        rows,
        cols: layout?.chosen.length ?? 0,
      };
      rows = 0;
      return chunk;
    };
    const add = (cells: readonly string[], line: number) => {
      const { chosen, names, header, width, firstLine } = layout as NonNullable<typeof layout>;
      if (cells.length !== width) {
        const fields = `${cells.length} field${cells.length === 1 ? '' : 's'}`;
        throw new CliError(`${file}:${line}: ${fields}, expected ${width} as on line ${firstLine}`);
      }
      const cols = chosen.length;
      chosen.forEach((c, j) => {
        const label = header ? `'${names[j]}'` : `${c + 1}`;
        const cell = cells[c] as string;
        data[rows * cols + j] = missing?.has(cell)
          ? Number.NaN
          : toNumber(cell, () => `${file}:${line}: column ${label}`, missing !== undefined);
      });
      rows++;
    };
    const settle = () => {
      const first = head[0] as { cells: string[]; line: number };
      const header = isHeader(head, number);
      const width = first.cells.length;
      const chosen = chooseColumns(columns, header ? first.cells : undefined, width, file);
      const names = chosen.map((c) => (header ? (first.cells[c] as string) : `column ${c + 1}`));
      layout = { chosen, names, header, width, firstLine: first.line };
      data = new Float64Array(STREAM_CHUNK_ROWS * chosen.length);
      for (const row of header ? head.slice(1) : head) add(row.cells, row.line);
      head = [];
    };
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[];
        info: { lines: number };
      }>) {
        if (!layout) {
          head.push({ cells: record, line: info.lines });
          if (head.length === 2) settle();
          continue;
        }
        add(record, info.lines);
        if (rows === STREAM_CHUNK_ROWS) yield flush();
      }
      if (!layout && head.length > 0) settle();
      if (!layout) throw new CliError(`${file} has no data rows`);
      if (rows > 0) yield flush();
    } catch (error) {
      if (error instanceof CsvError) throw new CliError(`${file}: ${error.message}`);
      throw error;
    } finally {
      stream.destroy();
    }
  };
  return Object.assign(source, { rows: undefined });
}
