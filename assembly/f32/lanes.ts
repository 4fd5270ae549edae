// The lanes of an f32 block, as a kernel written once computes them in either build: the float32
// counterpart of ../lanes.ts.
//
// A block is 16 points, transposed so that feature j of point `lane` sits at block[j·16 + lane]
// (f32). The SIMD kernels treat it as four f32x4 vectors: vector m holds lanes 4m … 4m + 3. A
// kernel body is written once, generic over T:
// - T = v128 (the SIMD build): one pass computes the four lanes of every vector;
// - T = f32 (the scalar build): four passes, `parity` 0 … 3, each computing lane 4m + parity of
//   every vector m with plain floats.
// An f32x4 operation is four independent IEEE single-precision operations, so each lane sees the
// same operations on the same values in the same order either way, and lane sums are combined in
// one order afterwards (`sumLanes32`): the scalar build gives the SIMD build's bits.

/** How many passes over a block a kernel makes: one for v128, one per lane of a vector for f32. */
@inline
export function passes32<T>(): i32 {
  return isVector<T>() ? 1 : 4;
}

/** The byte offset of this pass's lane within each vector: 0 for v128 (all four), 4·parity for f32. */
@inline
export function laneOffset32<T>(parity: i32): usize {
  return isVector<T>() ? 0 : <usize>parity << 2;
}

/** Zero in every lane. */
@inline
export function zero32<T>(): T {
  if (isVector<T>()) return <T>f32x4.splat(0.0);
  return <T>(<f32>0.0);
}

/** The float at `ptr` in every lane (a splatted factor entry or centre, already in f32). */
@inline
export function splat32<T>(ptr: usize): T {
  if (isVector<T>()) return <T>v128.load32_splat(ptr);
  return <T>load<f32>(ptr);
}

/** a + b, lane by lane (f32x4) or as plain floats. */
@inline
export function add32<T>(a: T, b: T): T {
  if (isVector<T>()) return <T>f32x4.add(<v128>a, <v128>b);
  return <T>(<f32>a + <f32>b);
}

/** a − b, lane by lane (f32x4) or as plain floats. */
@inline
export function sub32<T>(a: T, b: T): T {
  if (isVector<T>()) return <T>f32x4.sub(<v128>a, <v128>b);
  return <T>(<f32>a - <f32>b);
}

/** a × b, lane by lane (f32x4) or as plain floats. */
@inline
export function mul32<T>(a: T, b: T): T {
  if (isVector<T>()) return <T>f32x4.mul(<v128>a, <v128>b);
  return <T>(<f32>a * <f32>b);
}

/** (a0 + a1) + (a2 + a3): how the four vectors of a block are summed, in both builds. */
@inline
export function sumFour32<T>(a0: T, a1: T, a2: T, a3: T): T {
  return add32<T>(add32<T>(a0, a1), add32<T>(a2, a3));
}

/**
 * Points `first` … `first + 3` of a column of a row-major f64 matrix, `stride` bytes apart (lanes
 * 4m … 4m + 3 of a responsibility column), rounded to f32: all four as a v128, or this parity's one.
 */
@inline
export function gather32<T>(ptr: usize, stride: usize, parity: i32): T {
  if (isVector<T>()) {
    let v = f32x4.splat(<f32>load<f64>(ptr));
    v = f32x4.replace_lane(v, 1, <f32>load<f64>(ptr + stride));
    v = f32x4.replace_lane(v, 2, <f32>load<f64>(ptr + 2 * stride));
    return <T>f32x4.replace_lane(v, 3, <f32>load<f64>(ptr + 3 * stride));
  }
  return <T>(<f32>load<f64>(ptr + <usize>parity * stride));
}

/** offset − ½·q in f64 for one lane of q: the quadratic form is widened before it meets the offset. */
@inline
function density(offset: f64, q: f32): f64 {
  return offset - 0.5 * <f64>q;
}

/**
 * Writes offset − ½·q for this pass's points of a block into a column of a row-major n×k f64
 * output (point p at out + p·stride): q0..q3 hold lanes 0–3, 4–7, 8–11 and 12–15.
 */
@inline
export function storeDensities32<T>(out: usize, stride: usize, offset: f64, parity: i32, q0: T, q1: T, q2: T, q3: T): void {
  if (isVector<T>()) {
    storeVector(out, stride, offset, <v128>q0);
    storeVector(out + 4 * stride, stride, offset, <v128>q1);
    storeVector(out + 8 * stride, stride, offset, <v128>q2);
    storeVector(out + 12 * stride, stride, offset, <v128>q3);
  } else {
    const lane = out + <usize>parity * stride;
    store<f64>(lane, density(offset, <f32>q0));
    store<f64>(lane + 4 * stride, density(offset, <f32>q1));
    store<f64>(lane + 8 * stride, density(offset, <f32>q2));
    store<f64>(lane + 12 * stride, density(offset, <f32>q3));
  }
}

@inline
function storeVector(out: usize, stride: usize, offset: f64, q: v128): void {
  store<f64>(out, density(offset, f32x4.extract_lane(q, 0)));
  store<f64>(out + stride, density(offset, f32x4.extract_lane(q, 1)));
  store<f64>(out + 2 * stride, density(offset, f32x4.extract_lane(q, 2)));
  store<f64>(out + 3 * stride, density(offset, f32x4.extract_lane(q, 3)));
}

/**
 * The four f32 lanes of an accumulator in memory, widened and summed in f64 as
 * (lane 0 + lane 1) + (lane 2 + lane 3): where every f32 partial sum becomes f64, in both builds.
 */
@inline
export function sumLanes32(ptr: usize): f64 {
  return (<f64>load<f32>(ptr) + <f64>load<f32>(ptr, 4)) + (<f64>load<f32>(ptr, 8) + <f64>load<f32>(ptr, 12));
}
