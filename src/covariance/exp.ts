/**
 * e^x computed the same way in every JavaScript engine, for the constrained M-steps' geometric
 * means (`Math.exp`, like `Math.log`, may differ in the last bit between engines, and the library
 * promises the same bits everywhere). This is fdlibm's `__ieee754_exp` (Sun Microsystems, 1993;
 * freely redistributable), error below 1 ulp, from IEEE-754 basic operations only.
 */

const HALF = [0.5, -0.5] as const;
const O_THRESHOLD = 709.782712893384;
const U_THRESHOLD = -745.1332191019411;
const LN2_HI = [0.6931471803691238, -0.6931471803691238] as const;
const LN2_LO = [1.9082149292705877e-10, -1.9082149292705877e-10] as const;
const INV_LN2 = Math.LOG2E;
const P1 = 0.16666666666666602;
const P2 = -0.0027777777777015593;
const P3 = 0.00006613756321437934;
const P4 = -0.0000016533902205465252;
const P5 = 4.1381367970572385e-8;
const TWO_M1000 = 9.332636185032189e-302;

const bits = new DataView(new ArrayBuffer(8));

/** 2^k for an integer k in the normal range, exactly. */
function powerOfTwo(k: number): number {
  bits.setInt32(0, (k + 1023) << 20);
  bits.setInt32(4, 0);
  return bits.getFloat64(0);
}

/** exp(x), bit-for-bit the same in every engine: 0 below −745.13, +∞ above 709.78, NaN for NaN. */
export function exp(x: number): number {
  bits.setFloat64(0, x);
  let hx = bits.getInt32(0);
  const xsb = (hx >>> 31) & 1;
  hx &= 0x7fffffff;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (Number.isNaN(x)) return x + x;
      return xsb === 0 ? x : 0;
    }
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      hi = x - (LN2_HI[xsb] as number);
      lo = LN2_LO[xsb] as number;
      k = 1 - xsb - xsb;
    } else {
      k = Math.trunc(INV_LN2 * x + (HALF[xsb] as number));
      hi = x - k * LN2_HI[0];
      lo = k * LN2_LO[0];
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) return k > 1023 ? y * 2 * powerOfTwo(k - 1) : y * powerOfTwo(k);
  return y * powerOfTwo(k + 1000) * TWO_M1000;
}
