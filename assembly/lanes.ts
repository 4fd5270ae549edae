// The lanes of a block, as a kernel written once computes them in either build.
//
// A block is 8 points, transposed so that feature j of point `lane` sits at block[j·8 + lane]. The
// SIMD kernels treat it as four f64x2 vectors: vector m holds lanes 2m and 2m + 1. A kernel body is
// written once, generic over T:
// - T = v128 (the SIMD build): one pass computes both lanes of every vector;
// - T = f64 (the scalar build): two passes, `parity` 0 and 1, each computing lane 2m + parity of
//   every vector m with plain doubles.
// Each lane sees the same operations on the same values in the same order either way (an f64x2
// operation is two independent IEEE operations), and lane sums are combined in the same order
// afterwards (`sumLanes`), so the scalar build gives the SIMD build's bits.

/** How many passes over a block a kernel makes: one for v128, one per parity for f64. */
@inline
export function passes<T>(): i32 {
  return isVector<T>() ? 1 : 2;
}

/** The byte offset of this pass's lane within each vector: 0 for v128 (both lanes), 8·parity for f64. */
@inline
export function laneOffset<T>(parity: i32): usize {
  return isVector<T>() ? 0 : <usize>parity << 3;
}

/** Zero in every lane. */
@inline
export function lanesZero<T>(): T {
  if (isVector<T>()) return <T>f64x2.splat(0.0);
  return <T>0.0;
}

/** The double at `ptr` in every lane (a splatted matrix entry or centre). */
@inline
export function lanesSplat<T>(ptr: usize): T {
  if (isVector<T>()) return <T>v128.load64_splat(ptr);
  return <T>load<f64>(ptr);
}

/** a + b, lane by lane (f64x2) or as plain doubles. */
@inline
export function lanesAdd<T>(a: T, b: T): T {
  if (isVector<T>()) return <T>f64x2.add(<v128>a, <v128>b);
  return <T>(<f64>a + <f64>b);
}

/** a − b, lane by lane (f64x2) or as plain doubles. */
@inline
export function lanesSub<T>(a: T, b: T): T {
  if (isVector<T>()) return <T>f64x2.sub(<v128>a, <v128>b);
  return <T>(<f64>a - <f64>b);
}

/** a × b, lane by lane (f64x2) or as plain doubles. */
@inline
export function lanesMul<T>(a: T, b: T): T {
  if (isVector<T>()) return <T>f64x2.mul(<v128>a, <v128>b);
  return <T>(<f64>a * <f64>b);
}

/**
 * Points `first` and `first + 1` of a column of a row-major matrix, `stride` bytes apart (lanes 2m and
 * 2m + 1 of a responsibility column): both as a v128, or the one of this parity as an f64.
 */
@inline
export function lanesGather<T>(ptr: usize, stride: usize, parity: i32): T {
  if (isVector<T>()) return <T>f64x2.replace_lane(v128.load64_splat(ptr), 1, load<f64>(ptr + stride));
  return <T>load<f64>(ptr + (parity ? stride : 0));
}

/**
 * Writes offset − ½·q for this pass's points of a block into a column of a row-major n×k output
 * (point p at out + p·stride): q0..q3 hold lanes 0–1, 2–3, 4–5 and 6–7.
 */
@inline
export function storeLaneDensities<T>(out: usize, stride: usize, offset: f64, parity: i32, q0: T, q1: T, q2: T, q3: T): void {
  if (isVector<T>()) {
    store<f64>(out, offset - 0.5 * f64x2.extract_lane(<v128>q0, 0));
    store<f64>(out + stride, offset - 0.5 * f64x2.extract_lane(<v128>q0, 1));
    store<f64>(out + 2 * stride, offset - 0.5 * f64x2.extract_lane(<v128>q1, 0));
    store<f64>(out + 3 * stride, offset - 0.5 * f64x2.extract_lane(<v128>q1, 1));
    store<f64>(out + 4 * stride, offset - 0.5 * f64x2.extract_lane(<v128>q2, 0));
    store<f64>(out + 5 * stride, offset - 0.5 * f64x2.extract_lane(<v128>q2, 1));
    store<f64>(out + 6 * stride, offset - 0.5 * f64x2.extract_lane(<v128>q3, 0));
    store<f64>(out + 7 * stride, offset - 0.5 * f64x2.extract_lane(<v128>q3, 1));
  } else {
    const lane = out + (parity ? stride : 0);
    store<f64>(lane, offset - 0.5 * <f64>q0);
    store<f64>(lane + 2 * stride, offset - 0.5 * <f64>q1);
    store<f64>(lane + 4 * stride, offset - 0.5 * <f64>q2);
    store<f64>(lane + 6 * stride, offset - 0.5 * <f64>q3);
  }
}

/** Lane 0 plus lane 1 of an accumulator pair in memory: how every lane sum is reduced, in both builds. */
@inline
export function sumLanes(ptr: usize): f64 {
  return load<f64>(ptr) + load<f64>(ptr, 8);
}
