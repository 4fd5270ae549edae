// The vector exp behind the responsibilities (assembly/exp.ts): its stated accuracy, its floor, and
// the same bits from a SIMD pair as from the scalar tail.
import { afterEach, describe, expect, it } from 'vitest';
import { firstDifference, mulberry32, Workspace } from './harness';

/** The bound exp.ts states: within 2 ulp of the true value on [−708, 709]. */
const MAX_ULP = 2;
const ULP = Number.EPSILON;

let ws: Workspace;
afterEach(() => ws.dispose());

/** expInPlace on a copy of `values`, guard cells checked. */
function wasmExp(values: Float64Array): Float64Array {
  ws = new Workspace();
  const buffer = ws.output(values);
  ws.kernels.expInPlace(buffer.ptr(), values.length);
  ws.expectUntouched();
  return buffer.values();
}

/** Error of `actual` against Math.exp (itself within 1 ulp), in units of the true value's ulp. */
function ulpError(x: number, actual: number): number {
  const expected = Math.exp(x);
  return Math.abs(actual - expected) / (expected * ULP);
}

describe('expInPlace', () => {
  // 27 = 16 + 5·2 + 1 runs each stage of the loop; 4099 the eight-pair stage 256 times.
  it.each([0, 1, 7, 8, 9, 15, 16, 17, 27, 4099])(
    'stays within %i-element tails of its 2-ulp bound on [-708, 709]',
    (n) => {
      const random = mulberry32(n + 11);
      const x = Float64Array.from({ length: n }, () => -708 + 1417 * random());
      const result = wasmExp(x);
      const worst = x.reduce((max, value, i) => Math.max(max, ulpError(value, result[i] as number)), 0);
      expect(worst).toBeLessThanOrEqual(MAX_ULP);
    },
  );

  it('is exact where it must be and 0 below its floor', () => {
    const x = new Float64Array([0, 1, -1, -707.9, -708.5, -745, -1e300, -Infinity, Math.LN2, 10 * Math.LN2]);
    const result = wasmExp(x);
    expect(result[0]).toBe(1);
    expect(ulpError(1, result[1] as number)).toBeLessThanOrEqual(MAX_ULP);
    expect(ulpError(-1, result[2] as number)).toBeLessThanOrEqual(MAX_ULP);
    expect(ulpError(-707.9, result[3] as number)).toBeLessThanOrEqual(MAX_ULP);
    expect(Array.from(result.subarray(4, 8))).toEqual([0, 0, 0, 0]);
    expect(ulpError(Math.LN2, result[8] as number)).toBeLessThanOrEqual(MAX_ULP);
    expect(ulpError(10 * Math.LN2, result[9] as number)).toBeLessThanOrEqual(MAX_ULP);
  });

  it('gives the same bits from a SIMD pair, a group of four pairs and the scalar tail', () => {
    const random = mulberry32(3);
    const values = Float64Array.from({ length: 9 }, () => -50 * random());
    const together = wasmExp(values);
    ws.dispose();
    // Each value alone (n = 1) takes the scalar path.
    const alone = values.map((value) => {
      const single = wasmExp(new Float64Array([value]));
      ws.dispose();
      return single[0] as number;
    });
    ws = new Workspace();
    expect(firstDifference(together, alone)).toBe(-1);
  });
});

/** logInPlace on a copy of `values`, guard cells checked. */
function wasmLog(values: Float64Array): Float64Array {
  ws = new Workspace();
  const buffer = ws.output(values);
  ws.kernels.logInPlace(buffer.ptr(), values.length);
  ws.expectUntouched();
  return buffer.values();
}

describe('logInPlace', () => {
  it.each([0, 1, 7, 4099])('stays within 2 ulp on [1, 1e300] with %i values', (n) => {
    const random = mulberry32(n + 5);
    // Mostly [1, 16], where log-sum-exp sums live, and some up to 1e300 for the exponent path.
    const x = Float64Array.from({ length: n }, (_, i) =>
      i % 4 === 0 ? 10 ** (300 * random()) : 1 + 15 * random(),
    );
    const result = wasmLog(x);
    const worst = x.reduce((max, value, i) => {
      const expected = Math.log(value);
      const error =
        expected === 0
          ? Math.abs(result[i] as number)
          : Math.abs((result[i] as number) - expected) / (Math.abs(expected) * ULP);
      return Math.max(max, error);
    }, 0);
    expect(worst).toBeLessThanOrEqual(MAX_ULP);
  });

  it('is exact at 1 and 2^k and gives the same bits in a pair as alone', () => {
    const x = new Float64Array([1, 2, 1024, Math.SQRT2, Math.SQRT1_2 * 2, 3]);
    const together = wasmLog(x);
    expect(together[0]).toBe(0);
    expect(Math.abs((together[1] as number) - Math.LN2)).toBeLessThanOrEqual(ULP);
    expect(Math.abs((together[2] as number) - 10 * Math.LN2)).toBeLessThanOrEqual(10 * ULP);
    ws.dispose();
    const alone = x.map((value) => {
      const single = wasmLog(new Float64Array([value]));
      ws.dispose();
      return single[0] as number;
    });
    ws = new Workspace();
    expect(firstDifference(together, alone)).toBe(-1);
  });
});
