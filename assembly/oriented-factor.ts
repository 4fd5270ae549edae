// The factors of the oriented densities (shared-factor.ts): for k covariances that share their
// axes, Σ_c = D·Λ_c·Dᵀ (mclust's VEE, EVE and VVE, stored as full matrices), the common D and each
// component's 1/Λ_c. D is found, not passed: the eigenvectors of M = Σ_c (c + 1)·Σ_c / tr Σ_c, whose
// unequal weights keep a tie in one component's Λ_c from hiding the axes the others fix. Each
// component is then checked: DᵀΣ_cD must be diagonal to AXES_TOLERANCE, relative to its diagonal.
// Where that fails — the covariances of a user's start, a missingness pattern's marginals, a
// rounding-level tie — or the rotation does not pay, the factors are the full kernel's (one
// triangle per component) and the flag after them says so. So the kernels are right for any input;
// the shortcut is taken only where it changes nothing but rounding.
import { diagonalise } from './jacobi';
import { choleskyPrecisionFull } from './linalg';

/** Largest |(DᵀΣD)ᵢⱼ| / √((DᵀΣD)ᵢᵢ·(DᵀΣD)ⱼⱼ) taken for rounding (i ≠ j). */
const AXES_TOLERANCE: f64 = 1e-13;

@inline
function cell(m: usize, d: i32, i: i32, j: i32): usize {
  return m + ((<usize>i * d + j) << 3);
}

/**
 * Whether rotating each row once beats one triangle per component: 2d² + 4kd operations against
 * k(d² + 3d) per row (a rotation and k weighted squares, against k triangles and their squares).
 */
@inline
function rotationPays(d: i32, k: i32): bool {
  const dd = <f64>d;
  const kk = <f64>k;
  return k >= 2 && d >= 2 && 2.0 * dd * dd + 4.0 * kk * dd < kk * (dd * dd + 3.0 * dd);
}

/** Offset of the flag after k factors of d×d: 1 for the oriented form, 0 for the full one. */
@inline
export function orientedFlagAt(factorsPtr: usize, d: i32, k: i32): usize {
  return factorsPtr + ((<usize>k * d * d) << 3);
}

/**
 * Factorises k covariances (k×d×d, covPtr) for the oriented kernels into factorsPtr (k·d·d + 1
 * doubles): D (d×d) and p = 1/Λ (k×d) with logDet[c] = −½ Σⱼ log Λ_cj and the flag 1, when they
 * share their axes and rotating pays; else choleskyPrecisionFull's factors and the flag 0.
 * workPtr: 2d² + d doubles. Returns 0, or 1 + the first component that is not positive definite.
 */
export function precisionOriented(covPtr: usize, factorsPtr: usize, logDetPtr: usize, workPtr: usize, d: i32, k: i32): i32 {
  const flag = orientedFlagAt(factorsPtr, d, k);
  if (rotationPays(d, k) && sharedAxes(covPtr, factorsPtr, logDetPtr, workPtr, d, k)) {
    store<f64>(flag, 1.0);
    return 0;
  }
  store<f64>(flag, 0.0);
  return choleskyPrecisionFull(covPtr, factorsPtr, logDetPtr, workPtr, d, k);
}

/** The oriented factors, or false (factors unspecified) when the covariances do not share axes. */
function sharedAxes(covPtr: usize, factorsPtr: usize, logDetPtr: usize, workPtr: usize, d: i32, k: i32): bool {
  const size = <usize>d * d;
  const m = workPtr;
  const axes = m + (size << 3);
  const column = axes + (size << 3); // Σ_c·D's column j
  const precisions = factorsPtr + (size << 3);
  memory.fill(m, 0, size << 3);
  memory.fill(axes, 0, size << 3);
  for (let c = 0; c < k; c++) {
    const sigma = covPtr + ((<usize>c * size) << 3);
    let trace = 0.0;
    for (let j = 0; j < d; j++) trace += load<f64>(cell(sigma, d, j, j));
    if (!(trace > 0.0) || !isFinite(trace)) return false;
    const weight = <f64>(c + 1) / trace;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        store<f64>(cell(m, d, i, j), load<f64>(cell(m, d, i, j)) + weight * load<f64>(cell(sigma, d, i, j)));
      }
    }
  }
  for (let j = 0; j < d; j++) store<f64>(cell(axes, d, j, j), 1.0);
  diagonalise(m, axes, d);
  for (let c = 0; c < k; c++) {
    const sigma = covPtr + ((<usize>c * size) << 3);
    const lambda = precisions + ((<usize>c * d) << 3);
    // Column j of DᵀΣ_cD from Σ_c·D's column j: its diagonal entry is Λ_cj, and each entry above
    // it is checked against Λ_cj and the Λ_ci of the columns before.
    for (let j = 0; j < d; j++) {
      for (let r = 0; r < d; r++) {
        let sum = 0.0;
        for (let t = 0; t < d; t++) sum += load<f64>(cell(sigma, d, r, t)) * load<f64>(cell(axes, d, t, j));
        store<f64>(column + (<usize>r << 3), sum);
      }
      const lambdaJ = lambda + (<usize>j << 3);
      for (let i = j; i >= 0; i--) {
        let b = 0.0;
        for (let r = 0; r < d; r++) b += load<f64>(cell(axes, d, r, i)) * load<f64>(column + (<usize>r << 3));
        if (i == j) {
          if (!(b > 0.0) || !isFinite(b)) return false;
          store<f64>(lambdaJ, b);
        } else if (!(Math.abs(b) <= AXES_TOLERANCE * Math.sqrt(load<f64>(lambda + (<usize>i << 3)) * load<f64>(lambdaJ)))) {
          return false;
        }
      }
    }
  }
  for (let c = 0; c < k; c++) {
    const lambda = precisions + ((<usize>c * d) << 3);
    let logDet = 0.0;
    for (let j = 0; j < d; j++) {
      const value = load<f64>(lambda + (<usize>j << 3));
      const precision = 1.0 / value;
      if (!isFinite(precision)) return false;
      store<f64>(lambda + (<usize>j << 3), precision);
      logDet -= 0.5 * Math.log(value);
    }
    store<f64>(logDetPtr + (<usize>c << 3), logDet);
  }
  memory.copy(factorsPtr, axes, size << 3);
  return true;
}
