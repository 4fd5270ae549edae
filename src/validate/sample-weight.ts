/** Per-row sample weights: one finite weight ≥ 0 per row of X, not all zero, copied. */
import { aboutOption } from '../errors';
import { describeKind, entryError } from './matrix';

/**
 * Checks `sampleWeight` against X and K and copies it.
 *
 * @param value - an array or a typed array of numbers (not a BigInt64Array or BigUint64Array).
 * @param option - what messages call it: `'sampleWeight'`.
 * @param rows - N, the rows of X.
 * @param components - K, which may not exceed the rows with positive weight.
 * @returns a Float64Array copy of N weights; the input is never aliased.
 * @throws TypeError when `value` is not a list of numbers or an entry is not a number.
 * @throws RangeError when the length is not N, an entry is NaN, ±Infinity or negative, every weight
 *   is 0, or fewer than K rows have a positive weight.
 */
export function readSampleWeight(
  value: unknown,
  option: string,
  rows: number,
  components: number,
): Float64Array {
  if (!isNumberList(value)) {
    throw new TypeError(`${option} must be an array of numbers, got ${describeKind(value)}`);
  }
  if (value.length !== rows) {
    throw new RangeError(`${option} has ${value.length} values, expected ${rows} (one per row of X)`);
  }
  const weights = new Float64Array(rows);
  let positive = 0;
  for (let i = 0; i < rows; i++) {
    const weight = value[i];
    if (typeof weight !== 'number' || !Number.isFinite(weight)) throw entryError(weight, `${option}[${i}]`);
    if (weight < 0) throw new RangeError(`${option}[${i}] is negative (${weight})`);
    if (weight > 0) positive++;
    weights[i] = weight;
  }
  if (positive === 0) {
    throw new RangeError(`${option} is all zeros: at least one row needs a positive weight`);
  }
  if (components > positive) {
    throw aboutOption(
      new RangeError(
        `components (${components}) exceeds the number of rows with positive weight (${positive})`,
      ),
      'components',
    );
  }
  return weights;
}

/** An array, or a typed array whose entries are numbers: every view but DataView and the BigInt ones. */
function isNumberList(value: unknown): value is ArrayLike<unknown> {
  if (Array.isArray(value)) return true;
  return (
    ArrayBuffer.isView(value) &&
    !(value instanceof DataView) &&
    !(value instanceof BigInt64Array) &&
    !(value instanceof BigUint64Array)
  );
}
