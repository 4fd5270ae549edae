// The component-pair loop of the diagonal, tied, oriented and spherical density kernels, written
// once. Their panel kernels take components in pairs, so that each transposed feature of a block,
// loaded once, feeds both; per feature and component they differ only in one operation on a cell, chosen by a
// compile-time constant at each call site:
//   SQUARE           q + (y − a)²     tied: y = Uᵀx′ and a = Uᵀμ′ around the shared origin
//   WEIGHTED_SQUARE  q + p·(x − a)²   diagonal: a = μ, p the feature's precision; oriented: x = Dᵀx′,
//                                     a = Dᵀμ′, p = 1/Λ along the shared axes
//   DOT              q + x·a          spherical: x′ and a = μ′ around the shared origin
// Every cell sees the operations it would alone, in feature order, so the pairing changes no bit.
import { lanesAdd, lanesMul, lanesSplat, lanesSub, lanesZero, storeLaneDensities } from './lanes';
import { BLOCK_BYTES } from './scratch';

/** q + (y − a)²: the tied cell. */
export const SQUARE: i32 = 0;
/** q + p·(x − a)²: the diagonal cell. */
export const WEIGHTED_SQUARE: i32 = 1;
/** q + x·a: the spherical cell, a dot product finished by productForm. */
export const DOT: i32 = 2;

@inline
function cell<T>(op: i32, q: T, x: T, a: T, p: T): T {
  if (op == DOT) return lanesAdd<T>(q, lanesMul<T>(x, a));
  const e = lanesSub<T>(x, a);
  if (op == SQUARE) return lanesAdd<T>(q, lanesMul<T>(e, e));
  return lanesAdd<T>(q, lanesMul<T>(p, lanesMul<T>(e, e)));
}

/** p·((norm + s) − 2·dot): the spherical quadratic form from its three terms, in one order everywhere. */
@inline
export function productForm<T>(norm: T, s: T, p: T, dot: T): T {
  return lanesMul<T>(p, lanesSub<T>(lanesAdd<T>(norm, s), lanesAdd<T>(dot, dot)));
}

/** Stores one component's densities for this pass's lanes of a block: offset − ½·q. */
@inline
function storeCells<T>(op: i32, out: usize, stride: usize, offset: f64, parity: i32, norms: usize, s: f64, p: f64, q0: T, q1: T, q2: T, q3: T): void {
  if (op == DOT) {
    const sv = isVector<T>() ? <T>f64x2.splat(s) : <T>s;
    const pv = isVector<T>() ? <T>f64x2.splat(p) : <T>p;
    q0 = productForm<T>(load<T>(norms), sv, pv, q0);
    q1 = productForm<T>(load<T>(norms, 16), sv, pv, q1);
    q2 = productForm<T>(load<T>(norms, 32), sv, pv, q2);
    q3 = productForm<T>(load<T>(norms, 48), sv, pv, q3);
  }
  storeLaneDensities<T>(out, stride, offset, parity, q0, q1, q2, q3);
}

/**
 * One pass over a block (x: its first feature at this pass's lane, features BLOCK_BYTES apart) for
 * components c and c2, whose densities go to out and out + 8 (c2 == c for an odd last component:
 * its copy is computed and not stored). a1, a2: each component's d doubles a_j; p1, p2: its d
 * precisions (WEIGHTED_SQUARE only). offset1, offset2: log-determinant and log-weight terms. For
 * DOT, norms holds the block's squared lengths at this lane, s1, s2 the components' ‖μ′‖² and
 * scale1, scale2 their precisions.
 */
@inline
export function pairDensities<T>(
  op: i32,
  x: usize,
  a1: usize,
  a2: usize,
  p1: usize,
  p2: usize,
  d: i32,
  out: usize,
  stride: usize,
  parity: i32,
  paired: bool,
  offset1: f64,
  offset2: f64,
  norms: usize,
  s1: f64,
  s2: f64,
  scale1: f64,
  scale2: f64,
): void {
  let q0 = lanesZero<T>();
  let q1 = lanesZero<T>();
  let q2 = lanesZero<T>();
  let q3 = lanesZero<T>();
  let r0 = lanesZero<T>();
  let r1 = lanesZero<T>();
  let r2 = lanesZero<T>();
  let r3 = lanesZero<T>();
  const weighted = op == WEIGHTED_SQUARE;
  for (let j = 0; j < d; j++) {
    const x0 = load<T>(x);
    const x1 = load<T>(x, 16);
    const x2 = load<T>(x, 32);
    const x3 = load<T>(x, 48);
    const pj = weighted ? lanesSplat<T>(p1) : lanesZero<T>();
    const aj = lanesSplat<T>(a1);
    q0 = cell<T>(op, q0, x0, aj, pj);
    q1 = cell<T>(op, q1, x1, aj, pj);
    q2 = cell<T>(op, q2, x2, aj, pj);
    q3 = cell<T>(op, q3, x3, aj, pj);
    const pk = weighted ? lanesSplat<T>(p2) : lanesZero<T>();
    const ak = lanesSplat<T>(a2);
    r0 = cell<T>(op, r0, x0, ak, pk);
    r1 = cell<T>(op, r1, x1, ak, pk);
    r2 = cell<T>(op, r2, x2, ak, pk);
    r3 = cell<T>(op, r3, x3, ak, pk);
    x += BLOCK_BYTES;
    a1 += 8;
    a2 += 8;
    p1 += 8;
    p2 += 8;
  }
  storeCells<T>(op, out, stride, offset1, parity, norms, s1, scale1, q0, q1, q2, q3);
  if (paired) storeCells<T>(op, out + 8, stride, offset2, parity, norms, s2, scale2, r0, r1, r2, r3);
}
