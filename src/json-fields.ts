/**
 * The field readers of both saved formats (`GaussianMixture.fromJSON` in ./json-read.ts,
 * `BayesianGaussianMixture.fromJSON` in ./bayesian/json-read.ts): records with exactly their fields,
 * integers, finite and positive numbers, nested arrays of an exact shape, component lists and
 * symmetric positive definite matrices. Each error is a TypeError (a wrong kind) or a RangeError (a
 * value out of range) whose message starts with the reader's name and names the field.
 */
import { hasFinitePrecision } from './linalg';
import { firstAsymmetry, isPositiveDefinite, SAVED_SYMMETRY } from './validate/definite';
import { describeKind } from './validate/index';
import { MAX_SEED } from './validate/seed';

/** Longest prefix of a bad string that a message quotes: saved models can hold anything, of any size. */
export const QUOTED_CHARACTERS = 40;

/** The kind of error a reader makes. */
export type ErrorKind = typeof TypeError | typeof RangeError;

/** The readers of one saved format, every message prefixed by `reader` ("GaussianMixture.fromJSON"). */
export class JsonFields {
  constructor(readonly reader: string) {}

  /** The error for `message`, prefixed by the reader's name. */
  invalid(Kind: ErrorKind, message: string): Error {
    return new Kind(`${this.reader}: ${message}`);
  }

  /** A saved model given as text. */
  parseText(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw this.invalid(TypeError, `the string is not JSON (${(error as Error).message})`);
    }
  }

  /**
   * `value` as an object with every one of `fields` and nothing but those and `optional`; `name`
   * (absent at the top level of a model) is added to the messages as "in name".
   */
  record(
    value: unknown,
    fields: readonly string[],
    name: string,
    optional: readonly string[] = [],
    where = ` in ${name}`,
  ): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw this.invalid(TypeError, `${name} must be an object, got ${show(value)}`);
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record))
      if (!fields.includes(key) && !optional.includes(key))
        throw this.invalid(TypeError, `unknown field '${key}'${where}`);
    for (const key of fields)
      if (!(key in record)) throw this.invalid(TypeError, `missing field '${key}'${where}`);
    return record;
  }

  /** Checks a saved model's `format` and `version` fields against what this reader reads. */
  formatAndVersion(record: Record<string, unknown>, format: string, version: number): void {
    if (record.format !== format)
      throw this.invalid(RangeError, `format must be '${format}', got ${show(record.format)}`);
    if (record.version !== version) {
      throw this.invalid(
        RangeError,
        `version ${show(record.version)} is not supported; this gmm-wasm reads version ${version}`,
      );
    }
  }

  /** A safe integer ≥ `min`. */
  integer(value: unknown, name: string, min: number): number {
    if (typeof value !== 'number')
      throw this.invalid(TypeError, `${name} must be a number, got ${show(value)}`);
    if (!Number.isInteger(value) || value < min)
      throw this.invalid(RangeError, `${name} must be an integer ≥ ${min}, got ${value}`);
    if (!Number.isSafeInteger(value))
      throw this.invalid(RangeError, `${name} must be at most 2^53 − 1, got ${value}`);
    return value;
  }

  /** A saved seed: the seed rule of ./validate/seed.ts (an integer from 0 to 2³² − 1), as a field. */
  seed(value: unknown): number {
    const seed = this.integer(value, 'seed', 0);
    if (seed > MAX_SEED) throw this.invalid(RangeError, `seed must be at most ${MAX_SEED}, got ${seed}`);
    return seed;
  }

  /** A finite number. */
  finite(value: unknown, name: string): number {
    if (typeof value !== 'number')
      throw this.invalid(TypeError, `${name} must be a number, got ${show(value)}`);
    if (!Number.isFinite(value)) throw this.invalid(RangeError, `${name} must be finite, got ${value}`);
    return value;
  }

  /** A finite number > 0. */
  positive(value: unknown, name: string): number {
    const n = this.finite(value, name);
    if (!(n > 0)) throw this.invalid(RangeError, `${name} must be > 0, got ${n}`);
    return n;
  }

  /** `values`, each > 0. */
  positives(values: Float64Array, name: string): Float64Array {
    values.forEach((value, i) => {
      if (!(value > 0)) throw this.invalid(RangeError, `${name}[${i}] must be > 0, got ${value}`);
    });
    return values;
  }

  /**
   * Flattens a nested array of finite numbers of exactly `shape`, naming the first entry that is off.
   * The arrays are walked before anything is allocated, so a shape from a hostile file (components
   * of 2^32, iterations of 2^53) is refused by the arrays actually there, never allocated.
   */
  numbers(value: unknown, path: string, shape: readonly number[]): Float64Array {
    const values: number[] = [];
    const walk = (node: unknown, where: string, depth: number): void => {
      const expected = shape[depth] as number;
      if (!Array.isArray(node)) throw this.invalid(TypeError, `${where} must be an array, got ${show(node)}`);
      if (node.length !== expected)
        throw this.invalid(RangeError, `${where} has ${node.length} entries, expected ${expected}`);
      node.forEach((child, i) => {
        const at = `${where}[${i}]`;
        if (depth + 1 < shape.length) {
          walk(child, at, depth + 1);
        } else if (typeof child === 'number' && Number.isFinite(child)) {
          values.push(child);
        } else {
          // A wrong kind is a TypeError, a number out of range a RangeError, as everywhere else.
          const Kind = typeof child === 'number' ? RangeError : TypeError;
          throw this.invalid(Kind, `${at} must be a finite number, got ${show(child)}`);
        }
      });
    };
    walk(value, path, 0);
    return Float64Array.from(values);
  }

  /** Distinct component indices in ascending order, each an integer from 0 to k − 1. */
  componentList(value: unknown, key: string, k: number): number[] {
    if (!Array.isArray(value)) throw this.invalid(TypeError, `${key} must be an array, got ${show(value)}`);
    value.forEach((entry, i) => {
      if (typeof entry !== 'number')
        throw this.invalid(TypeError, `${key}[${i}] must be a number, got ${show(entry)}`);
      const previous = i > 0 ? (value[i - 1] as number) : -1;
      if (!Number.isInteger(entry) || entry <= previous || entry >= k) {
        throw this.invalid(
          RangeError,
          `${key}[${i}] must be a component index from ${previous + 1} to ${k - 1} (ascending), got ${entry}`,
        );
      }
    });
    return value.slice() as number[];
  }

  /**
   * `count` D×D matrices, each symmetric (to the saved tolerance) and positive definite by the
   * kernels' Cholesky; with `finitePrecision`, also with a precision that does not overflow.
   * @param name - matrix c's name in the messages.
   */
  definiteMatrices(
    values: Float64Array,
    count: number,
    d: number,
    name: (c: number) => string,
    finitePrecision: boolean,
  ): void {
    for (let c = 0; c < count; c++) {
      const base = c * d * d;
      const asymmetry = firstAsymmetry(values, d, base, SAVED_SYMMETRY);
      if (asymmetry)
        throw this.invalid(RangeError, `${name(c)} is not symmetric at [${asymmetry[0]}][${asymmetry[1]}]`);
      if (!isPositiveDefinite(values, d, base))
        throw this.invalid(RangeError, `${name(c)} is not positive definite`);
      if (finitePrecision && !hasFinitePrecision(values, d, base))
        throw this.invalid(RangeError, `${name(c)} is so near singular that its precision overflows`);
    }
  }
}

/** A found value as a message quotes it: strings (shortened), arrays and kinds, never the whole of a large value. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= QUOTED_CHARACTERS) return `'${value}'`;
    return `'${value.slice(0, QUOTED_CHARACTERS)}…' (${value.length} characters)`;
  }
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return String(value);
  return describeKind(value);
}
