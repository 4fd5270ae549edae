/** Small dense linear algebra on the TypeScript side, for checks and sampling (not the hot path). */

/**
 * The lower Cholesky factor L (L·Lᵀ = A) of the symmetric d×d matrix stored row-major in `a` from
 * element `offset`, reading only its lower triangle; `undefined` when A is not positive definite.
 */
export function choleskyLower(a: ArrayLike<number>, d: number, offset = 0): Float64Array | undefined {
  const l = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let pivot = a[offset + j * d + j] as number;
    for (let t = 0; t < j; t++) pivot -= (l[j * d + t] as number) * (l[j * d + t] as number);
    if (!(pivot > 0) || !Number.isFinite(pivot)) return undefined;
    const diagonal = Math.sqrt(pivot);
    l[j * d + j] = diagonal;
    for (let i = j + 1; i < d; i++) {
      let s = a[offset + i * d + j] as number;
      for (let t = 0; t < j; t++) s -= (l[i * d + t] as number) * (l[j * d + t] as number);
      l[i * d + j] = s / diagonal;
    }
  }
  return l;
}
