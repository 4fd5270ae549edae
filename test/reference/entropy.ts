/**
 * The plain TypeScript twin of assembly/entropy.ts: the hard classification's entropy as the
 * library computed it in TypeScript, with the TypeScript side's fdlibm logarithm.
 */
import { log } from '../../src/logarithm';

/** `entropy` − Σᵢ wᵢ log(1 − (1 − maxₖ γᵢₖ)) over the rows of positive weight (no weights: all 1). */
export function classificationEntropy(
  resp: Float64Array,
  weights: Float64Array | undefined,
  entropy: number,
  n: number,
  k: number,
): number {
  let total = entropy;
  for (let i = 0; i < n; i++) {
    const weight = weights ? (weights[i] as number) : 1;
    if (!(weight > 0)) continue;
    let largest = 0;
    for (let c = 0; c < k; c++) largest = Math.max(largest, resp[i * k + c] as number);
    total -= weight * log(1 - (1 - largest));
  }
  return total;
}
