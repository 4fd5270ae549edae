/**
 * e^x computed the same way in every JavaScript engine, for the E-step constants of the Bayesian
 * mixture (which reach the kernels as weights whose logarithms are taken again): `Math.exp`'s last
 * bit differs between engines, and the library promises the same bits everywhere. This is fdlibm's
 * `__ieee754_exp` (Sun Microsystems, 1993; freely redistributable), error below 1 ulp, built from
 * IEEE-754 basic operations only.
 */

const O_THRESHOLD = 709.782712893384;
const U_THRESHOLD = -745.1332191019411;
const LN2_HI = 0.6931471803691238; // 0x3fe62e42 fee00000
const LN2_LO = 1.9082149292705877e-10; // 0x3dea39ef 35793c76
const TWO_M1000 = 9.332636185032189e-302;
const P1 = 0.16666666666666602;
const P2 = -0.0027777777777015593;
const P3 = 6.613756321437934e-5;
const P4 = -1.6533902205465252e-6;
const P5 = 4.1381367970572385e-8;

const bits = new DataView(new ArrayBuffer(8));

/** e^x, bit-for-bit the same in every engine: 0 below −745.13, +∞ above 709.78, NaN for NaN. */
export function exp(x: number): number {
  bits.setFloat64(0, x);
  const high = bits.getUint32(0);
  const negative = high >>> 31;
  const hx = high & 0x7fffffff;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (Number.isNaN(x)) return x;
      return negative ? 0 : x;
    }
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  let k = 0;
  let hi = 0;
  let lo = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ½ ln 2: x = k ln 2 + r with |r| ≤ ½ ln 2.
    if (hx < 0x3ff0a2b2) {
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = Math.trunc(Math.LOG2E * x + (negative ? -0.5 : 0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2⁻²⁸
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  bits.setFloat64(0, y);
  if (k >= -1021) {
    bits.setUint32(0, (bits.getUint32(0) + (k << 20)) >>> 0);
    return bits.getFloat64(0);
  }
  bits.setUint32(0, (bits.getUint32(0) + ((k + 1000) << 20)) >>> 0);
  return bits.getFloat64(0) * TWO_M1000;
}
