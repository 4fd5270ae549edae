/** The engine-independent exponential: fdlibm's algorithm, within 1 ulp of the true value. */
import { describe, expect, it } from 'vitest';
import { exp } from '../../src/bayesian/exp';
import { mulberry32 } from '../random';

/** Distance in units in the last place between two positive finite doubles. */
function ulps(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Math.abs(Number(view.getBigInt64(0) - view.getBigInt64(8)));
}

describe('exp', () => {
  it('is within 1 ulp of Math.exp across its range, the reduction branches and the subnormals included', () => {
    const random = mulberry32(11);
    const points = [
      -745, -744.5, -720, -708.5, -700, -100, -1.5, -1.0397, -0.6, -0.3466, -0.2, -1e-9, -1e-300, 0, 1e-300,
      1e-9, 0.2, 0.3466, 0.6, 1.0397, 1.5, 100, 700, 709.7,
    ];
    for (let i = 0; i < 20_000; i++) points.push(-745 + 1454 * random());
    for (const x of points) expect(ulps(exp(x), Math.exp(x)), `exp(${x})`).toBeLessThanOrEqual(1);
  });

  it('is exact where it must be, and saturates outside the representable range', () => {
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
    expect(exp(-746)).toBe(0);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(710)).toBe(Infinity);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(Number.NaN)).toBeNaN();
  });
});
