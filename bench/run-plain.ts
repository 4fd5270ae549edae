/**
 * The plain TypeScript EM: `test/reference/em.ts`'s `plainEm` for full covariances, its twins in
 * bench/plain-em-diag.ts for 'diag' and 'spherical' and bench/plain-em-tied.ts for 'tied'. All run a
 * final E-step, like gmm-wasm.
 */

import { plainEm } from '../test/reference/em';
import { plainEmDiag } from './plain-em-diag';
import { plainEmTied } from './plain-em-tied';
import type { Problem } from './problem';
import { type Measurement, timed, timeFits } from './timing';

/** Rows kept for the warm-up: enough for V8 to optimise every loop, cheap at every shape. */
const WARMUP_ROWS = 2000;

function run(p: Problem, rows: number, iterations: number): number {
  const x = p.x.subarray(0, rows * p.cols);
  const options = { iterations, regCovar: p.regCovar };
  const { cols: d } = p;
  switch (p.covariance) {
    case 'full':
      return plainEm(x, rows, d, p, options).logLikelihood;
    case 'tied':
      return plainEmTied(x, rows, d, { ...p, covariance: p.covariances.subarray(0, d * d) }, options);
    default:
      return plainEmDiag(x, rows, d, p, { ...options, spherical: p.covariance === 'spherical' });
  }
}

export async function measurePlain(p: Problem): Promise<Measurement> {
  run(p, Math.min(p.rows, WARMUP_ROWS), 2);
  const result = await timeFits(
    p,
    () => undefined,
    () => run(p, p.rows, p.iterations),
  );
  return timed(result, result.last, {
    note: 'whole run / T: includes the final E-step; reference kernels allocate fresh arrays each step',
  });
}
