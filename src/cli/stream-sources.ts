/**
 * Data files read in passes with bounded memory, for `--stream`: a CSV parsed incrementally (the
 * same header detection, column choice and cell checks as the in-memory reader), or a raw row-major
 * binary file of float64 or float32 values (`--binary D`). Each call of a source opens the file
 * again, so `fitStream` can read it once per pass.
 */
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { FlatMatrix } from '../index';
import { PARSE_OPTIONS, parseFailure } from './csv';
import { type CsvLayout, type CsvOptions, type CsvRecord, csvLayout } from './csv-layout';
import { delimiterOption, detectDelimiter } from './delimiter';
import { CliError } from './errors';
import { reason, STDIN } from './files';

/** Rows per chunk handed to the library: a few MB at most. */
export const STREAM_CHUNK_ROWS = 16_384;

/** A re-readable source of flat chunks, and what it knows about the file before reading it. */
export interface FileSource {
  /** Starts one pass over the file: its rows in order, in chunks of at most `STREAM_CHUNK_ROWS`. */
  (): AsyncGenerator<FlatMatrix>;
  /** Rows, when the file's size tells (binary input); otherwise counted by the first pass. */
  readonly rows: number | undefined;
}

/** The element type of a binary input file (`--dtype`, with `--binary D`). */
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

/** A CSV file's layout as the first pass found it: what `fit --stream` stores with the model. */
export interface CsvSourceLayout {
  /** Whether the first record was read as a header of column names. */
  readonly header: boolean;
  /** The chosen columns' names: the header's, or `column N` (1-based) without one. */
  readonly names: readonly string[];
}

/** A re-readable CSV source; `layout()` is known once the first pass has read the first records. */
export interface CsvFileSource extends FileSource {
  /** The layout once the first pass has read enough to decide it; undefined before. */
  layout(): CsvSourceLayout | undefined;
}

/**
 * A CSV read record by record, `-` meaning standard input (which can be read only once). The
 * delimiter, the header, the columns and every cell are decided by the rules of the file read whole
 * (`csv-layout.ts`); the notice about columns left out goes to `notice` once, on the first pass.
 * Errors name the file, the line and the column.
 */
export function csvSource(
  file: string,
  options: CsvOptions,
  notice: (line: string) => void = () => {},
): CsvFileSource {
  const label = file === STDIN ? 'stdin' : file;
  let passes = 0;
  let found: CsvLayout | undefined;
  const source = async function* (): AsyncGenerator<FlatMatrix> {
    passes++;
    if (file === STDIN && passes > 1) {
      throw new CliError('stdin can be read only once; give --stream a file to read in passes');
    }
    const input = file === STDIN ? process.stdin : createReadStream(file);
    const failed = (error: Error) => new CliError(`cannot read ${label}: ${reason(error)}`);
    const pieces = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    // The delimiter comes from the first non-blank line, as for a file read whole.
    const start: Buffer[] = [];
    let delimiter = options.delimiter === undefined ? undefined : delimiterOption(options.delimiter);
    try {
      while (delimiter === undefined) {
        const next = await pieces.next();
        if (!next.done) start.push(next.value);
        const text = Buffer.concat(start).toString('utf8');
        if (next.done || /\S[^\n]*\n/.test(text)) delimiter = detectDelimiter(text);
      }
    } catch (error) {
      throw failed(error as Error);
    }
    const rest = Readable.from(
      (async function* () {
        yield* start;
        for (;;) {
          const next = await pieces.next();
          if (next.done) return;
          yield next.value;
        }
      })(),
    );
    const parser = rest.pipe(parse({ ...PARSE_OPTIONS, delimiter }));
    rest.on('error', (error) => parser.destroy(failed(error)));
    let head: CsvRecord[] = [];
    let layout: CsvLayout | undefined;
    let data = new Float64Array(0);
    let rows = 0;
    let index = 0;
    const flush = () => {
      const cols = layout?.cols ?? 0;
      const chunk = { data: data.slice(0, rows * cols), rows, cols };
      rows = 0;
      return chunk;
    };
    const add = (record: CsvRecord) => {
      const current = layout as CsvLayout;
      current.read(record, index++, data, rows * current.cols);
      rows++;
    };
    const settle = () => {
      layout = csvLayout(label, head, delimiter, options);
      if (!found) {
        found = layout;
        if (layout.notice) notice(layout.notice);
      }
      data = new Float64Array(STREAM_CHUNK_ROWS * layout.cols);
      for (const record of layout.header ? head.slice(1) : head) add(record);
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
        add({ cells: record, line: info.lines });
        if (rows === STREAM_CHUNK_ROWS) yield flush();
      }
      if (!layout) settle();
      if (rows > 0) yield flush();
    } catch (error) {
      throw parseFailure(label, error, delimiter);
    } finally {
      parser.destroy();
      if (input !== process.stdin) (input as ReturnType<typeof createReadStream>).destroy();
    }
  };
  return Object.assign(source, {
    rows: undefined,
    layout: () => (found ? { header: found.header, names: found.names } : undefined),
  });
}
