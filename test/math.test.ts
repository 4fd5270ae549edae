// The engine-independent logarithm: fdlibm's algorithm, so its bits cannot depend on the engine.
import { describe, expect, it } from 'vitest';
import { log } from '../src/logarithm';
import { mulberry32 } from './helpers';

describe('log', () => {
  it('is within 1 ulp of Math.log over the whole range, exact where it must be', () => {
    const random = mulberry32(17);
    let worst = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = i % 2 === 0 ? 10 * random() : 2 ** (2000 * random() - 1000);
      const expected = Math.log(x);
      if (expected !== 0) worst = Math.max(worst, Math.abs(log(x) - expected) / Math.abs(expected));
    }
    expect(worst).toBeLessThanOrEqual(Number.EPSILON);
    expect([log(1), log(2), log(Math.E), log(1024)]).toEqual([0, Math.LN2, 1, 10 * Math.LN2]);
  });

  it('handles the edges as Math.log does', () => {
    expect([log(0), log(-0), log(Infinity)]).toEqual([-Infinity, -Infinity, Infinity]);
    expect([log(-1), log(Number.NaN)].every(Number.isNaN)).toBe(true);
    expect(log(Number.MIN_VALUE)).toBe(-744.4400719213812);
    expect(log(1 + 2 ** -30)).toBe(Math.log(1 + 2 ** -30));
  });
});
