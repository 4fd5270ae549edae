// Cholesky factorisation of covariance matrices into the Cholesky factor of their precision,
// the form in which the E-step uses them (as scikit-learn's `precisions_cholesky_`).

/**
 * For each of k covariance matrices Σ (d×d, row-major, only the lower triangle is read):
 * L = chol(Σ) lower, U = (L⁻¹)ᵀ upper triangular so that U·Uᵀ = Σ⁻¹, and Σᵢ log Uᵢᵢ = −½ log det Σ.
 *
 * covPtr      k×d×d  covariances (read)
 * precCholPtr k×d×d  U, exact zeros below the diagonal (written)
 * logDetPtr   k      Σᵢ log Uᵢᵢ (written)
 * workPtr     d×d    scratch for L
 *
 * Returns 0 when every matrix is positive definite, else 1 + the index of the first that is not
 * (a pivot that is not a finite positive number, or an entry of L or U that is not finite: a matrix
 * so near singular that its precision overflows a double); outputs from that component on are
 * unspecified. The same rule as `choleskyPrecision` in src/linalg.ts, operation for operation.
 */
export function choleskyPrecisionFull(
  covPtr: usize,
  precCholPtr: usize,
  logDetPtr: usize,
  workPtr: usize,
  d: i32,
  k: i32,
): i32 {
  const size = <usize>d * d;
  for (let c = 0; c < k; c++) {
    const a = covPtr + ((<usize>c * size) << 3);
    const u = precCholPtr + ((<usize>c * size) << 3);
    if (!factorLower(a, workPtr, d)) return c + 1;
    const logDet = invertTransposed(workPtr, u, d);
    if (!isFinite(logDet)) return c + 1;
    store<f64>(logDetPtr + (<usize>c << 3), logDet);
  }
  return 0;
}

@inline
function at(m: usize, d: i32, i: i32, j: i32): usize {
  return m + ((<usize>i * d + j) << 3);
}

/** L·Lᵀ = A into l (lower triangle written, upper untouched). False when A is not positive definite. */
function factorLower(a: usize, l: usize, d: i32): bool {
  for (let j = 0; j < d; j++) {
    let pivot = load<f64>(at(a, d, j, j));
    for (let t = 0; t < j; t++) {
      const v = load<f64>(at(l, d, j, t));
      pivot -= v * v;
    }
    if (!(pivot > 0.0) || !isFinite(pivot)) return false;
    const diagonal = Math.sqrt(pivot);
    store<f64>(at(l, d, j, j), diagonal);
    for (let i = j + 1; i < d; i++) {
      let s = load<f64>(at(a, d, i, j));
      for (let t = 0; t < j; t++) s -= load<f64>(at(l, d, i, t)) * load<f64>(at(l, d, j, t));
      const entry = s / diagonal;
      if (!isFinite(entry)) return false;
      store<f64>(at(l, d, i, j), entry);
    }
  }
  return true;
}

/**
 * Writes U = (L⁻¹)ᵀ into u, column j of L⁻¹ becoming row j of U, by forward substitution on the unit
 * vectors. Returns Σ log Uᵢᵢ = −Σ log Lᵢᵢ, or NaN when an entry of U is not finite.
 */
function invertTransposed(l: usize, u: usize, d: i32): f64 {
  let logDet = 0.0;
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < j; i++) store<f64>(at(u, d, j, i), 0.0);
    const inverseDiagonal = 1.0 / load<f64>(at(l, d, j, j));
    store<f64>(at(u, d, j, j), inverseDiagonal);
    logDet -= Math.log(load<f64>(at(l, d, j, j)));
    for (let i = j + 1; i < d; i++) {
      let s = 0.0;
      for (let t = j; t < i; t++) s += load<f64>(at(l, d, i, t)) * load<f64>(at(u, d, j, t));
      const entry = -s / load<f64>(at(l, d, i, i));
      if (!isFinite(entry)) return NaN;
      store<f64>(at(u, d, j, i), entry);
    }
  }
  return logDet;
}

/**
 * Diagonal covariance: p = 1/σ² for each of the k×d variances, logDet[c] = −½ Σⱼ log σ²_cj.
 * Returns 0, or 1 + the index of the first component with a variance that is not a finite positive
 * number or whose precision overflows (a subnormal variance).
 */
export function precisionDiag(variancesPtr: usize, precisionsPtr: usize, logDetPtr: usize, d: i32, k: i32): i32 {
  for (let c = 0; c < k; c++) {
    let logDet = 0.0;
    for (let j = 0; j < d; j++) {
      const cell = (<usize>c * d + j) << 3;
      const variance = load<f64>(variancesPtr + cell);
      const precision = 1.0 / variance;
      if (!(variance > 0.0) || !isFinite(variance) || !isFinite(precision)) return c + 1;
      store<f64>(precisionsPtr + cell, precision);
      logDet -= 0.5 * Math.log(variance);
    }
    store<f64>(logDetPtr + (<usize>c << 3), logDet);
  }
  return 0;
}

/**
 * Spherical covariance: p = 1/σ² for each of the k variances, logDet[c] = −½ d log σ²_c.
 * Returns 0, or 1 + the index of the first variance that is not a finite positive number or whose
 * precision overflows.
 */
export function precisionSpherical(variancesPtr: usize, precisionsPtr: usize, logDetPtr: usize, d: i32, k: i32): i32 {
  for (let c = 0; c < k; c++) {
    const cell = <usize>c << 3;
    const variance = load<f64>(variancesPtr + cell);
    const precision = 1.0 / variance;
    if (!(variance > 0.0) || !isFinite(variance) || !isFinite(precision)) return c + 1;
    store<f64>(precisionsPtr + cell, precision);
    store<f64>(logDetPtr + cell, -0.5 * <f64>d * Math.log(variance));
  }
  return 0;
}
