import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DiagonalPrecision, precisionDiag, precisionSpherical } from '../reference/kernels-diagonal';
import { DIMENSIONS, expectClose, mulberry32, normal, seedOf, Workspace } from './harness';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace();
});
afterEach(() => {
  ws.dispose();
});

type Kind = 'precisionDiag' | 'precisionSpherical';

/** Variances a kernel of this kind reads: K×D for diag, K for spherical. */
function varianceCount(kind: Kind, d: number, k: number): number {
  return kind === 'precisionDiag' ? k * d : k;
}

const REFERENCE: Record<Kind, (variances: Float64Array, d: number, k: number) => DiagonalPrecision> = {
  precisionDiag,
  precisionSpherical,
};

/** Runs the wasm kernel with both outputs pre-filled with NaN. */
function runPrecision(kind: Kind, variances: Float64Array, d: number, k: number): DiagonalPrecision {
  const input = ws.input(variances);
  const precisions = ws.output(varianceCount(kind, d, k));
  const logDet = ws.output(k);
  const status = ws.kernels[kind](input.ptr(), precisions.ptr(), logDet.ptr(), d, k);
  ws.expectUntouched();
  return { status, precisions: precisions.values(), logDet: logDet.values() };
}

/** Variances over about ten orders of magnitude: e^(3·z), z standard normal. */
function randomVariances(seed: number, length: number): Float64Array {
  const random = mulberry32(seed);
  return Float64Array.from({ length }, () => Math.exp(3 * normal(random)));
}

/** Σ of the magnitudes of the ½·log σ² terms each logDet is summed from (d of them per diag component). */
function logDetScale(kind: Kind, variances: Float64Array, d: number, k: number): Float64Array {
  return Float64Array.from({ length: k }, (_, c) =>
    kind === 'precisionDiag'
      ? variances.subarray(c * d, c * d + d).reduce((sum, v) => sum + 0.5 * Math.abs(Math.log(v)), 0)
      : 0.5 * d * Math.abs(Math.log(variances[c] ?? 1)),
  );
}

const KINDS: Kind[] = ['precisionDiag', 'precisionSpherical'];
const CASES = KINDS.flatMap((kind) =>
  DIMENSIONS.flatMap((d) => [1, 3, 5].map((k): [Kind, number, number] => [kind, d, k])),
);

describe.each(CASES)('%s d=%i k=%i', (kind, d, k) => {
  it('matches the reference: p = 1/σ², logDet = −½ Σ log σ²', () => {
    const variances = randomVariances(seedOf(d, 0, k), varianceCount(kind, d, k));
    const expected = REFERENCE[kind](variances, d, k);
    const actual = runPrecision(kind, variances, d, k);
    expect(expected.status).toBe(0);
    expect(actual.status).toBe(0);
    expectClose(actual.precisions, expected.precisions, 0);
    expectClose(actual.logDet, expected.logDet, logDetScale(kind, variances, d, k));
  });
});

/** Values that are not a finite positive variance with a finite precision. */
const BAD_VARIANCES: [name: string, value: number][] = [
  ['0', 0],
  ['-0', -0],
  ['a negative number', -1e-300],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  // Positive and finite, but 1/v overflows: the E-step would score every row −∞.
  ['a subnormal number', 1e-310],
];

describe.each(
  KINDS.flatMap((kind) =>
    BAD_VARIANCES.flatMap(([name, value]) =>
      [1, 3, 17].map((d): [Kind, string, number, number] => [kind, name, value, d]),
    ),
  ),
)('%s, component 2 of 4 with a variance of %s, d=%i', (kind, _, value, d) => {
  it('returns status 3, the first two components still written', () => {
    const k = 4;
    const variances = randomVariances(seedOf(d, 1, k), varianceCount(kind, d, k));
    // For diag, the last feature of component 2: the bad value is found only after d − 1 good ones.
    variances[kind === 'precisionDiag' ? 3 * d - 1 : 2] = value;
    const expected = REFERENCE[kind](variances, d, k);
    const actual = runPrecision(kind, variances, d, k);
    expect(expected.status).toBe(3);
    expect(actual.status).toBe(3);
    const written = varianceCount(kind, d, 2);
    expectClose(actual.precisions.subarray(0, written), expected.precisions.subarray(0, written), 0);
    expectClose(
      actual.logDet.subarray(0, 2),
      expected.logDet.subarray(0, 2),
      logDetScale(kind, variances, d, k).subarray(0, 2),
    );
  });
});
