/** Sample weights of one part of the data (a chunk, a partition): every weight finite and ≥ 0. */
import { describeKind } from '../validate/index';
import { entryError } from '../validate/matrix';

/**
 * Checks and copies the weights of `rows` rows. Unlike `fit`'s `sampleWeight`, a part may have
 * only zero weights: positive weight is a property of the whole data, checked over all the parts.
 * @param option - what messages call it, e.g. `sampleWeight` or `chunk 3: sampleWeight`.
 * @throws TypeError when `value` is not a list of numbers or an entry is not a number.
 * @throws RangeError when the length is not `rows` or an entry is NaN, ±Infinity or negative.
 */
export function readPartWeights(value: unknown, option: string, rows: number): Float64Array {
  if (!isNumberList(value)) {
    throw new TypeError(`${option} must be an array of numbers, got ${describeKind(value)}`);
  }
  if (value.length !== rows) {
    throw new RangeError(`${option} has ${value.length} values, expected ${rows} (one per row)`);
  }
  const weights = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const weight = value[i];
    if (typeof weight !== 'number' || !Number.isFinite(weight)) throw entryError(weight, `${option}[${i}]`);
    if (weight < 0) throw new RangeError(`${option}[${i}] is negative (${weight})`);
    weights[i] = weight;
  }
  return weights;
}

function isNumberList(value: unknown): value is ArrayLike<unknown> {
  if (Array.isArray(value)) return true;
  return (
    ArrayBuffer.isView(value) &&
    !(value instanceof DataView) &&
    !(value instanceof BigInt64Array) &&
    !(value instanceof BigUint64Array)
  );
}
