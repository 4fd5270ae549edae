/** Small dense linear algebra on the TypeScript side, for checks and sampling (not the hot path). */

/**
 * The lower Cholesky factor L (L·Lᵀ = A) of the symmetric d×d matrix stored row-major in `a` from
 * element `offset`, reading only its lower triangle; `undefined` when A is not positive definite: a
 * pivot that is not a finite positive number or an entry of L that is not finite. The operations of
 * the wasm factorisation (assembly/linalg.ts, `factorLower`) in the same order, so both accept
 * the same matrices.
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
      const entry = s / diagonal;
      if (!Number.isFinite(entry)) return undefined;
      l[i * d + j] = entry;
    }
  }
  return l;
}

/**
 * Whether the E-step kernels can use A: L exists (see `choleskyLower`) and U = (L⁻¹)ᵀ, the
 * precision factor the kernels evaluate densities with, has only finite entries — the rule of
 * `choleskyPrecisionFull` in assembly/linalg.ts, with its operations in its order.
 */
export function hasFinitePrecision(a: ArrayLike<number>, d: number, offset = 0): boolean {
  const l = choleskyLower(a, d, offset);
  if (!l) return false;
  const u = new Float64Array(d * d);
  let logDet = 0;
  for (let j = 0; j < d; j++) {
    u[j * d + j] = 1 / (l[j * d + j] as number);
    logDet -= Math.log(l[j * d + j] as number);
    for (let i = j + 1; i < d; i++) {
      let s = 0;
      for (let t = j; t < i; t++) s += (l[i * d + t] as number) * (u[j * d + t] as number);
      const entry = -s / (l[i * d + i] as number);
      if (!Number.isFinite(entry)) return false;
      u[j * d + i] = entry;
    }
  }
  return Number.isFinite(logDet);
}
