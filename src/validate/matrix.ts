import type { DenseMatrix, MatrixValues } from '../internal-types';

type Row = readonly unknown[] | Float64Array | Float32Array;

/**
 * The word an error message uses for what was passed: `typeof`, except `null`, `array`, and the
 * constructor name of a typed array (`Int32Array`), which `typeof` would call `object`.
 *
 * @param value - anything a caller passed.
 * @returns `'string'`, `'number'`, `'boolean'`, `'undefined'`, `'object'`, `'function'`, `'bigint'`,
 *   `'symbol'`, `'null'`, `'array'` or a typed array's constructor name.
 * @throws never.
 */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  return typeof value;
}

/**
 * The error for an entry that is not a finite number: a `TypeError` for a non-number, a
 * `RangeError` naming `NaN`, `Infinity` or `-Infinity` otherwise.
 *
 * @param value - the offending entry.
 * @param at - where it is, as the message names it: `X[3][1]`, `init.means[0][2]`.
 * @returns the error, for the caller to throw.
 * @throws never.
 */
export function entryError(value: unknown, at: string): TypeError | RangeError {
  if (typeof value === 'number') return new RangeError(`${at} is ${value}`);
  return new TypeError(`${at} is ${withArticle(describeKind(value))}, expected a number`);
}

/** `a string`, `an object`, and the bare words `null` and `undefined`. */
function withArticle(kind: string): string {
  if (kind === 'null' || kind === 'undefined') return kind;
  return /^[aeiouAEIOU]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

/**
 * Checks a `Matrix` (API.md) and returns it row-major with its shape. A flat `{ data, rows, cols }`
 * whose `data` is a Float64Array or a Float32Array is returned without a copy, in its own type: f32
 * values are not widened into a copy twice their size (a consumer reads the same doubles from
 * either). Rows that are all Float32Arrays are copied into one Float32Array; every other form is
 * copied into a Float64Array. The input is never mutated.
 *
 * @param X - `number[][]`, an array of Float64Array/Float32Array rows, or `{ data, rows, cols }`.
 * @param name - what messages call the matrix; default `'X'`.
 * @param allowNaN - accept NaN entries (missing values); ±Infinity is refused all the same.
 * @returns a frozen `{ data, rows, cols }`, `data` a Float64Array or a Float32Array; `data` may
 *   alias the caller's array: never write to it.
 * @throws TypeError when `X`, a row, `data`, `rows` or `cols` is of the wrong kind, or an entry is
 *   not a number.
 * @throws RangeError when `X` has no rows or no columns, rows differ in length, `rows`/`cols` are
 *   not integers ≥ 1, `data` has the wrong length, or an entry is NaN or ±Infinity.
 */
export function readMatrix(X: unknown, name = 'X', allowNaN = false): DenseMatrix {
  if (Array.isArray(X)) return readRows(X, name, allowNaN);
  if (typeof X === 'object' && X !== null && 'data' in X && 'rows' in X && 'cols' in X) {
    return readFlat(X, name, allowNaN);
  }
  throw new TypeError(`${name} must be an array of rows or { data, rows, cols }, got ${describeKind(X)}`);
}

/**
 * Checks that `X` has the number of columns a model was fitted on.
 *
 * @param X - a matrix from {@link readMatrix}.
 * @param features - the model's D.
 * @param name - what the message calls the matrix; default `'X'`.
 * @throws RangeError when `X.cols !== features`.
 */
export function checkColumns(X: DenseMatrix, features: number, name = 'X'): void {
  if (X.cols !== features) {
    throw new RangeError(`${name} has ${X.cols} columns, but the model was fitted on ${features}`);
  }
}

function readRows(X: readonly unknown[], name: string, allowNaN: boolean): DenseMatrix {
  const rows = X.length;
  if (rows === 0) throw new RangeError(`${name} is empty: it needs at least one row`);
  const cols = rowAt(X, 0, name).length;
  if (cols === 0) throw new RangeError(`${name} has no columns: rows need at least one value`);
  // f32 rows stay f32 (half the bytes); one row of any other kind makes the copy f64, as the
  // widening of a float to a double is exact and a double's rounding to a float is not.
  const data: MatrixValues = X.every((row) => row instanceof Float32Array)
    ? new Float32Array(rows * cols)
    : new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = rowAt(X, r, name);
    if (row.length !== cols) throw new RangeError(`row ${r} has ${row.length} columns, expected ${cols}`);
    if (row instanceof Float64Array || row instanceof Float32Array) {
      data.set(row, r * cols);
      checkFinite(data, r * cols, (r + 1) * cols, cols, name, allowNaN);
    } else {
      // Not all rows are Float32Arrays here, so `data` is the Float64Array.
      copyNumbers(row, data as Float64Array, r * cols, cols, name, allowNaN);
    }
  }
  return Object.freeze({ data, rows, cols });
}

function rowAt(X: readonly unknown[], r: number, name: string): Row {
  const row = X[r];
  if (Array.isArray(row) || row instanceof Float64Array || row instanceof Float32Array) return row;
  throw new TypeError(`row ${r} of ${name} must be an array of numbers, got ${describeKind(row)}`);
}

function readFlat(
  X: { data: unknown; rows: unknown; cols: unknown },
  name: string,
  allowNaN: boolean,
): DenseMatrix {
  const rows = readDimension(X.rows, `${name}.rows`);
  const cols = readDimension(X.cols, `${name}.cols`);
  const source = X.data;
  if (!(source instanceof Float64Array || source instanceof Float32Array || Array.isArray(source))) {
    throw new TypeError(
      `${name}.data must be a Float64Array, Float32Array or number[], got ${describeKind(source)}`,
    );
  }
  const length = rows * cols;
  if (source.length !== length) {
    throw new RangeError(
      `${name}.data has length ${source.length}, expected rows × cols = ${rows}×${cols} = ${length}`,
    );
  }
  let data: MatrixValues;
  if (Array.isArray(source)) {
    data = new Float64Array(length);
    copyNumbers(source, data, 0, cols, name, allowNaN);
  } else {
    // Checked in place, f64 or f32 alike: each f32 entry reads as the double a widened copy holds.
    data = source;
    checkFinite(data, 0, length, cols, name, allowNaN);
  }
  return Object.freeze({ data, rows, cols });
}

function readDimension(value: unknown, name: string): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describeKind(value)}`);
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be an integer ≥ 1, got ${value}`);
  }
  return value;
}

/** Copies `source` into `target` from `offset`, checking each entry; `cols` locates a failure. */
function copyNumbers(
  source: readonly unknown[],
  target: Float64Array,
  offset: number,
  cols: number,
  name: string,
  allowNaN: boolean,
): void {
  for (let i = 0; i < source.length; i++) {
    const value = source[i];
    if (typeof value !== 'number' || !(Number.isFinite(value) || (allowNaN && Number.isNaN(value)))) {
      throw entryError(value, at(name, offset + i, cols));
    }
    target[offset + i] = value;
  }
}

/**
 * Throws for the first non-finite entry of `data[from..to)`. The scan is branch-free — `v * 0` is
 * NaN exactly when `v` is NaN or ±Infinity — so large inputs cost one pass; only a failure pays
 * for a second pass to find where.
 */
function checkFinite(
  data: MatrixValues,
  from: number,
  to: number,
  cols: number,
  name: string,
  allowNaN: boolean,
): void {
  if (allowNaN) {
    for (let i = from; i < to; i++) {
      const value = data[i] as number;
      if (value === Infinity || value === -Infinity) throw entryError(value, at(name, i, cols));
    }
    return;
  }
  let probe = 0;
  for (let i = from; i < to; i++) probe += (data[i] as number) * 0;
  if (probe === 0) return;
  let i = from;
  while (Number.isFinite(data[i])) i++;
  throw entryError(data[i], at(name, i, cols));
}

function at(name: string, index: number, cols: number): string {
  return `${name}[${Math.floor(index / cols)}][${index % cols}]`;
}
