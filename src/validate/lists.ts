/**
 * Nested lists of numbers as explicit starts give them: each level an array, a Float64Array or a
 * Float32Array, checked for kind, length and finite entries, and copied into a flat Float64Array.
 */
import { describeKind, entryError } from './matrix';

/** The list forms of `Matrix` rows: an array, a Float64Array or a Float32Array. */
export function isList(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || value instanceof Float64Array || value instanceof Float32Array;
}

/**
 * How many list levels `value` has, following first entries: 1 for `[1, 2]`, 2 for `[[1]]`,
 * 3 for `[[[1]]]`, 0 for a non-list. Counting stops after `limit` levels.
 */
export function nestingDepth(value: unknown, limit: number): number {
  let depth = 0;
  for (let level: unknown = value; depth < limit && isList(level); level = level[0]) depth++;
  return depth;
}

/**
 * A list of `count` sub-lists: rows of means, covariance matrices, rows of a covariance.
 *
 * @throws TypeError when `value` is not a list; RangeError when its length is not `count`.
 */
export function readCount(value: unknown, name: string, count: number, what: string): ArrayLike<unknown> {
  if (!isList(value)) throw new TypeError(`${name} must be an array, got ${describeKind(value)}`);
  if (value.length !== count) throw new RangeError(`${name} must have ${count} ${what}, got ${value.length}`);
  return value;
}

/**
 * Copies `length` finite numbers from `value` into `target` at `offset`.
 *
 * @param what - what the expected length counts, for the message: `'components'`, `'columns of X'`.
 * @throws TypeError when `value` is not a list or an entry is not a number.
 * @throws RangeError when the length is not `length` or an entry is NaN or ±Infinity.
 */
export function readNumbers(
  value: unknown,
  name: string,
  length: number,
  what: string,
  target: Float64Array,
  offset: number,
): void {
  if (!isList(value)) throw new TypeError(`${name} must be an array of numbers, got ${describeKind(value)}`);
  if (value.length !== length) {
    throw new RangeError(`${name} has ${value.length} values, expected ${length} (${what})`);
  }
  for (let j = 0; j < length; j++) {
    const entry = value[j];
    if (typeof entry !== 'number' || !Number.isFinite(entry)) throw entryError(entry, `${name}[${j}]`);
    target[offset + j] = entry;
  }
}

/**
 * A list of candidates to try (`selectModel`'s components and covariance types): an array with at
 * least one entry, each entry checked later by the rule of its option.
 *
 * @param what - what the entries are, for the message: `'covariance types'`.
 * @throws TypeError when `value` is not an array; RangeError when it is empty.
 */
export function readCandidates(value: unknown, option: string, what: string): unknown[] {
  if (!Array.isArray(value))
    throw new TypeError(`${option} must be an array of ${what}, got ${describeKind(value)}`);
  if (value.length === 0)
    throw new RangeError(`${option} must list at least one candidate, got an empty array`);
  return value;
}
