// The cyclic Jacobi method of src/eigen.ts, operation for operation. It gives the largest
// eigenvalue of a symmetric matrix for the EVE/VVE M-step's MM loop (its majorising constant ωₖ,
// ./orientation.ts; the rotations of the matrix only, so that ω keeps the bits the TypeScript
// solver gives it), the axes the oriented densities rotate rows onto (./oriented-factor.ts), and
// every component's eigen-decomposition for the M-steps of EEV, VEV and EVV (`symmetricEigens`).

/** Sweeps at most, as src/eigen.ts. */
const MAX_SWEEPS = 60;
/** Stop once the squared off-diagonal mass is below this fraction of the squared diagonal. */
const OFF_DIAGONAL_TOLERANCE: f64 = 1e-32;

@inline
function cell(m: usize, d: i32, i: i32, j: i32): usize {
  return m + ((<usize>i * d + j) << 3);
}

/**
 * The largest eigenvalue of the symmetric d×d matrix at `a` (both triangles read), rotating a copy
 * in `m` (d×d scratch): the largest diagonal entry once the off-diagonal mass is rounding, the
 * first of equals as src/eigen.ts's stable sort takes it.
 */
export function largestEigenvalue(a: usize, m: usize, d: i32): f64 {
  memory.copy(m, a, (<usize>d * d) << 3);
  diagonalise(m, 0, d);
  let largest = load<f64>(m);
  for (let j = 1; j < d; j++) {
    const value = load<f64>(cell(m, d, j, j));
    if (value > largest) largest = value;
  }
  return largest;
}

/**
 * The eigen-decompositions of k symmetric d×d matrices (both triangles read), as src/eigen.ts
 * computes them before it orders them: matrix c's rotated diagonal into values[c·d…], and the
 * rotations applied to I into vectors[c·d·d…] (column j the eigenvector of value j), each matrix
 * rotated in a copy in `m` (d×d scratch).
 *
 * aPtr       k×d×d  the matrices (read)
 * valuesPtr  k×d    written
 * vectorsPtr k×d×d  written
 */
export function symmetricEigens(aPtr: usize, valuesPtr: usize, vectorsPtr: usize, m: usize, d: i32, k: i32): void {
  const bytes = (<usize>d * d) << 3;
  for (let c = 0; c < k; c++) {
    const vectors = vectorsPtr + <usize>c * bytes;
    memory.copy(m, aPtr + <usize>c * bytes, bytes);
    memory.fill(vectors, 0, bytes);
    for (let j = 0; j < d; j++) store<f64>(cell(vectors, d, j, j), 1.0);
    diagonalise(m, vectors, d);
    const values = valuesPtr + ((<usize>c * d) << 3);
    for (let j = 0; j < d; j++) store<f64>(values + (<usize>j << 3), load<f64>(cell(m, d, j, j)));
  }
}

/**
 * Rotates the symmetric d×d matrix m in place until its off-diagonal mass is rounding, its
 * eigenvalues then on the diagonal; with `vectors` nonzero, the rotations are also applied to the
 * columns of the d×d matrix there (start it at I to get the eigenvectors, column j for m[j][j]).
 */
export function diagonalise(m: usize, vectors: usize, d: i32): void {
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0.0;
    let diagonal = 0.0;
    for (let i = 0; i < d; i++) {
      const mii = load<f64>(cell(m, d, i, i));
      diagonal += mii * mii;
      for (let j = i + 1; j < d; j++) {
        const mij = load<f64>(cell(m, d, i, j));
        off += mij * mij;
      }
    }
    if (off <= OFF_DIAGONAL_TOLERANCE * diagonal || off == 0.0) break;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) rotate(m, vectors, d, p, q);
  }
}

/** One Jacobi rotation zeroing m[p][q], applied to m on both sides and to the columns of `vectors` (if any). */
function rotate(m: usize, vectors: usize, d: i32, p: i32, q: i32): void {
  const apq = load<f64>(cell(m, d, p, q));
  if (apq == 0.0) return;
  const theta = (load<f64>(cell(m, d, q, q)) - load<f64>(cell(m, d, p, p))) / (2.0 * apq);
  // Math.sign(theta || 1): 1 for 0 and NaN.
  const sign = theta < 0.0 ? -1.0 : 1.0;
  const t = sign / (Math.abs(theta) + Math.sqrt(theta * theta + 1.0));
  const c = 1.0 / Math.sqrt(t * t + 1.0);
  const s = t * c;
  for (let r = 0; r < d; r++) {
    const mrp = load<f64>(cell(m, d, r, p));
    const mrq = load<f64>(cell(m, d, r, q));
    store<f64>(cell(m, d, r, p), c * mrp - s * mrq);
    store<f64>(cell(m, d, r, q), s * mrp + c * mrq);
  }
  for (let r = 0; r < d; r++) {
    const mpr = load<f64>(cell(m, d, p, r));
    const mqr = load<f64>(cell(m, d, q, r));
    store<f64>(cell(m, d, p, r), c * mpr - s * mqr);
    store<f64>(cell(m, d, q, r), s * mpr + c * mqr);
  }
  // Exactly what the rotation is for; rounding would leave ~ε·|m| there.
  store<f64>(cell(m, d, p, q), 0.0);
  store<f64>(cell(m, d, q, p), 0.0);
  if (vectors == 0) return;
  for (let r = 0; r < d; r++) {
    const vrp = load<f64>(cell(vectors, d, r, p));
    const vrq = load<f64>(cell(vectors, d, r, q));
    store<f64>(cell(vectors, d, r, p), c * vrp - s * vrq);
    store<f64>(cell(vectors, d, r, q), s * vrp + c * vrq);
  }
}
