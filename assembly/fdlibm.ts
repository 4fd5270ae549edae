// fdlibm's log and exp (Sun Microsystems, 1993; freely redistributable), operation for operation as
// src/logarithm.ts and src/covariance/exp.ts compute them on the TypeScript side, for the one
// M-step loop that runs here (./orientation.ts): its geometric means must give the bits the
// TypeScript M-steps give, and AssemblyScript's own Math.log and Math.exp are other algorithms.
// Both are built from IEEE-754 basic operations only, which wasm performs exactly as JavaScript does.

const LN2_HI: f64 = 0.6931471803691238; // 0x3fe62e42 fee00000
const LN2_LO: f64 = 1.9082149292705877e-10; // 0x3dea39ef 35793c76
const TWO54: f64 = 1.8014398509481984e16;
const LG1: f64 = 0.6666666666666735;
const LG2: f64 = 0.3999999999940942;
const LG3: f64 = 0.2857142874366239;
const LG4: f64 = 0.22222198432149784;
const LG5: f64 = 0.1818357216161805;
const LG6: f64 = 0.15313837699209373;
const LG7: f64 = 0.14798198605116586;

const O_THRESHOLD: f64 = 709.782712893384;
const U_THRESHOLD: f64 = -745.1332191019411;
const INV_LN2: f64 = 1.4426950408889634;
const P1: f64 = 0.16666666666666602;
const P2: f64 = -0.0027777777777015593;
const P3: f64 = 0.00006613756321437934;
const P4: f64 = -0.0000016533902205465252;
const P5: f64 = 4.1381367970572385e-8;
const TWO_M1000: f64 = 9.332636185032189e-302;

@inline
function highWord(x: f64): i32 {
  return <i32>(reinterpret<u64>(x) >> 32);
}

/** x with its high 32 bits replaced by `high`. */
@inline
function withHighWord(x: f64, high: i32): f64 {
  return reinterpret<f64>((<u64>(<u32>high) << 32) | (reinterpret<u64>(x) & 0xffffffff));
}

/** fdlibm's `__ieee754_log`: −∞ at 0, NaN below 0 and for NaN, +∞ at +∞. */
export function fdlibmLog(x: f64): f64 {
  let hx = highWord(x);
  const lx = <i32>(<u32>reinterpret<u64>(x));
  let k: i32 = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) == 0) return -Infinity;
    if (hx < 0) return NaN;
    // Subnormal: scale up into the normal range.
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  // x (or x/2) normalised into [√½, √2).
  x = withHighWord(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const f = x - 1.0;
  const dk = <f64>k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^−20
    if (f == 0.0) return k == 0 ? 0.0 : dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k == 0 ? f - r : dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k == 0 ? f - (hfsq - s * (hfsq + r)) : dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  return k == 0 ? f - s * (f - r) : dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}

/** 2^k for an integer k in the normal range, exactly. */
@inline
function powerOfTwo(k: i32): f64 {
  return reinterpret<f64>(<u64>(k + 1023) << 52);
}

/** fdlibm's `__ieee754_exp`: 0 below −745.13, +∞ above 709.78, NaN for NaN. */
export function fdlibmExp(x: f64): f64 {
  let hx = highWord(x);
  const xsb = (hx >>> 31) & 1;
  hx &= 0x7fffffff;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (isNaN(x)) return x + x;
      return xsb == 0 ? x : 0.0;
    }
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0.0;
  }
  let hi = 0.0;
  let lo = 0.0;
  let k: i32 = 0;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      hi = x - (xsb ? -LN2_HI : LN2_HI);
      lo = xsb ? -LN2_LO : LN2_LO;
      k = 1 - xsb - xsb;
    } else {
      k = <i32>Math.trunc(INV_LN2 * x + (xsb ? -0.5 : 0.5));
      hi = x - <f64>k * LN2_HI;
      lo = <f64>k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1.0 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const y = 1.0 - (lo - (x * c) / (2.0 - c) - hi);
  if (k >= -1021) return k > 1023 ? y * 2.0 * powerOfTwo(k - 1) : y * powerOfTwo(k);
  return y * powerOfTwo(k + 1000) * TWO_M1000;
}
