// The entropy of the hard classification, −Σᵢ wᵢ·log maxₖ γᵢₖ: ICL's penalty, which selectModel
// takes over every row of every candidate. Operation for operation as the TypeScript side computed
// it (the rows in order, fdlibm's logarithm, ./fdlibm.ts), so that ICL keeps its bits.
import { fdlibmLog } from './fdlibm';

/**
 * `entropy` − Σᵢ wᵢ·log(1 − (1 − maxₖ γᵢₖ)) over the rows of positive weight, subtracted one row
 * at a time in order (so that a caller summing over chunks passes its running total in). The
 * 1 − (1 − max) is the value `uncertainty()` hands back, so that ICL is the same either way.
 *
 * respPtr    n×k  responsibilities, before any row weights are applied (read)
 * weightsPtr n    row weights, or 0 for none (every weight 1)
 */
export function classificationEntropy(respPtr: usize, weightsPtr: usize, entropy: f64, n: i32, k: i32): f64 {
  const rowBytes = <usize>k << 3;
  for (let i = 0; i < n; i++) {
    const weight = weightsPtr ? load<f64>(weightsPtr + (<usize>i << 3)) : 1.0;
    if (!(weight > 0.0)) continue;
    const row = respPtr + <usize>i * rowBytes;
    let largest = 0.0;
    for (let c = 0; c < k; c++) largest = max(largest, load<f64>(row + (<usize>c << 3)));
    entropy -= weight * fdlibmLog(1.0 - (1.0 - largest));
  }
  return entropy;
}
