/**
 * Eigen-decomposition of small symmetric matrices on the TypeScript side, by the cyclic Jacobi
 * method: the one solver for every caller (the checks that look at a covariance's weakest
 * directions once per run, the constrained M-steps' orientation and shape, the SVD transform of the
 * hierarchical start; EEV's, VEV's and EVV's M-steps, one decomposition per component each, run
 * the same rotations in wasm, assembly/jacobi.ts, and order them here). Never per row: clarity over
 * speed. Plain arithmetic and square roots only, so
 * every engine gives the same bits, and accurate to rounding in every eigenvalue, tiny ones included,
 * which a test against `regCovar` and the shape parameters both need.
 */

/** Eigenvalues in decreasing order and their unit eigenvectors. */
export interface SymmetricEigen {
  /** D eigenvalues, largest first (as LAPACK's SVD of the weighted data gives them to mclust). */
  readonly values: Float64Array;
  /** D×D row-major: column j is the unit eigenvector of `values[j]`. */
  readonly vectors: Float64Array;
}

/** Sweeps at most; the method converges quadratically, in well under 20 for D ≤ 100. */
const MAX_SWEEPS = 60;
/**
 * The sweeps stop once the squared off-diagonal mass is below this fraction of the squared diagonal:
 * off-diagonal entries of 1e-16 relative, below what rounding leaves in the diagonal.
 */
const OFF_DIAGONAL_TOLERANCE = 1e-32;

/**
 * The eigen-decomposition of the symmetric d×d matrix stored row-major in `a` from element `offset`
 * (both triangles are read; they should agree).
 */
export function symmetricEigen(a: ArrayLike<number>, d: number, offset = 0): SymmetricEigen {
  const m = new Float64Array(d * d);
  for (let i = 0; i < d * d; i++) m[i] = a[offset + i] as number;
  const v = new Float64Array(d * d);
  for (let j = 0; j < d; j++) v[j * d + j] = 1;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    let diagonal = 0;
    for (let i = 0; i < d; i++) {
      diagonal += (m[i * d + i] as number) ** 2;
      for (let j = i + 1; j < d; j++) off += (m[i * d + j] as number) ** 2;
    }
    if (off <= OFF_DIAGONAL_TOLERANCE * diagonal || off === 0) break;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) rotate(m, v, d, p, q);
  }
  return orderedEigen(
    Float64Array.from({ length: d }, (_, j) => m[j * d + j] as number),
    v,
    d,
  );
}

/**
 * The eigenvalues a Jacobi sweep left on the diagonal (`diagonal`, in its order) and the
 * rotations' columns (`rotations` from `offset`, d×d row-major), largest value first: a stable
 * sort, so equal values keep their order. The wasm twin of the rotations (`symmetricEigens` in
 * assembly/jacobi.ts) hands its results through here too.
 */
export function orderedEigen(
  diagonal: ArrayLike<number>,
  rotations: ArrayLike<number>,
  d: number,
  from = 0,
  offset = 0,
): SymmetricEigen {
  const order = Array.from({ length: d }, (_, j) => j).sort(
    (x, y) => (diagonal[from + y] as number) - (diagonal[from + x] as number),
  );
  const values = new Float64Array(d);
  const vectors = new Float64Array(d * d);
  order.forEach((source, to) => {
    values[to] = diagonal[from + source] as number;
    for (let i = 0; i < d; i++) vectors[i * d + to] = rotations[offset + i * d + source] as number;
  });
  return { values, vectors };
}

/** One Jacobi rotation zeroing m[p][q], applied to m on both sides and accumulated into v. */
function rotate(m: Float64Array, v: Float64Array, d: number, p: number, q: number): void {
  const apq = m[p * d + q] as number;
  if (apq === 0) return;
  const theta = ((m[q * d + q] as number) - (m[p * d + p] as number)) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let r = 0; r < d; r++) {
    const mrp = m[r * d + p] as number;
    const mrq = m[r * d + q] as number;
    m[r * d + p] = c * mrp - s * mrq;
    m[r * d + q] = s * mrp + c * mrq;
  }
  for (let r = 0; r < d; r++) {
    const mpr = m[p * d + r] as number;
    const mqr = m[q * d + r] as number;
    m[p * d + r] = c * mpr - s * mqr;
    m[q * d + r] = s * mpr + c * mqr;
  }
  // Exactly what the rotation is for; rounding would leave ~ε·|m| there.
  m[p * d + q] = 0;
  m[q * d + p] = 0;
  for (let r = 0; r < d; r++) {
    const vrp = v[r * d + p] as number;
    const vrq = v[r * d + q] as number;
    v[r * d + p] = c * vrp - s * vrq;
    v[r * d + q] = s * vrp + c * vrq;
  }
}
