/**
 * log Γ, ψ, log B and the Wishart and Dirichlet normalisers against values tabulated by scipy and
 * scikit-learn 1.2.1 (scripts/make-bayesian-fixtures.py), from 1e-8 to 1e10, the zeros included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digamma, logBeta, logDirichletNorm, logGamma, logWishartNorm } from '../../src/bayesian/special';
import { expectClose } from '../helpers';

interface SpecialTable {
  readonly sklearn_version: string;
  readonly log_gamma: [number, number][];
  readonly digamma: [number, number][];
  readonly log_beta: [number, number, number][];
  readonly log_wishart_norm: [number, number, number, number][];
  readonly log_dirichlet_norm: [number[], number][];
}

const TABLE = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'sklearn-bayesian', 'special.json'), 'utf8'),
) as SpecialTable;

/** Relative to the value, or absolute near a zero (log Γ at 1 and 2, ψ at 1.4616…). */
const RELATIVE = 4e-15;
const ABSOLUTE = 8e-15;

describe('special functions', () => {
  it('match scipy 1.2.1-era tables at every tabulated argument', () => {
    expect(TABLE.sklearn_version).toBe('1.2.1');
    expect(TABLE.log_gamma.length).toBeGreaterThan(30);
  });

  it.each(TABLE.log_gamma)('logGamma(%d)', (x, expected) => {
    expectClose(logGamma(x), expected, RELATIVE, ABSOLUTE / RELATIVE, `logGamma(${x})`);
  });

  it.each(TABLE.digamma)('digamma(%d)', (x, expected) => {
    expectClose(digamma(x), expected, RELATIVE, ABSOLUTE / RELATIVE, `digamma(${x})`);
  });

  it.each(TABLE.log_beta)('logBeta(%d, %d)', (a, b, expected) => {
    // A difference of log Γ values up to 1e6: its rounding is relative to the terms, not the result.
    const scale = 1 + Math.abs(logGamma(a)) + Math.abs(logGamma(b)) + Math.abs(logGamma(a + b));
    expectClose(logBeta(a, b), expected, RELATIVE, scale, `logBeta(${a}, ${b})`);
  });

  it.each(TABLE.log_wishart_norm)(
    'logWishartNorm(ν = %d, log|L| = %d, D = %d)',
    (dof, logDet, d, expected) => {
      // A sum of terms of either sign: its rounding is relative to their size.
      let scale = Math.abs(dof * logDet) + dof * d;
      for (let j = 0; j < d; j++) scale += Math.abs(logGamma(0.5 * (dof - j)));
      const what = `logWishartNorm(${dof}, ${logDet}, ${d})`;
      expectClose(logWishartNorm(dof, logDet, d), expected, RELATIVE, scale, what);
    },
  );

  it.each(TABLE.log_dirichlet_norm)('logDirichletNorm(%j)', (alpha, expected) => {
    expectClose(logDirichletNorm(alpha), expected, 1e-14, 1, `logDirichletNorm`);
  });

  it('refuses arguments outside the positive reals with NaN, and is infinite at +∞', () => {
    for (const x of [0, -1, -0.5, Number.NaN, -Infinity]) {
      expect(logGamma(x)).toBeNaN();
      expect(digamma(x)).toBeNaN();
    }
    expect(logGamma(Infinity)).toBe(Infinity);
    expect(digamma(Infinity)).toBe(Infinity);
  });

  it('satisfies the recurrences across the switch to the series', () => {
    for (const x of [0.3, 9.5, 13.999, 14.5, 14.9999]) {
      expectClose(logGamma(x + 1) - logGamma(x), Math.log(x), 1e-14, 1, `Γ recurrence at ${x}`);
      expectClose(digamma(x + 1) - digamma(x), 1 / x, 1e-14, 1, `ψ recurrence at ${x}`);
    }
  });
});
