/**
 * The natural logarithm computed the same way in every JavaScript engine. `Math.log` is not: V8's
 * answer has changed between versions (Node 20 and a current Chromium differ in the last bit for about
 * 5% of inputs), and the library promises the same bits everywhere. This is fdlibm's `__ieee754_log`
 * (Sun Microsystems, 1993; freely redistributable), error below 1 ulp, built from IEEE-754 basic
 * operations only, which every engine performs identically. The hot loops take their logarithms in
 * wasm; this serves the few that the TypeScript side needs.
 */

// fdlibm's constants, each in its shortest decimal form (the same doubles).
const LN2_HI = 0.6931471803691238; // 0x3fe62e42 fee00000
const LN2_LO = 1.9082149292705877e-10; // 0x3dea39ef 35793c76
const TWO54 = 1.8014398509481984e16;
const LG1 = 0.6666666666666735;
const LG2 = 0.3999999999940942;
const LG3 = 0.2857142874366239;
const LG4 = 0.22222198432149784;
const LG5 = 0.1818357216161805;
const LG6 = 0.15313837699209373;
const LG7 = 0.14798198605116586;

const bits = new DataView(new ArrayBuffer(8));

/** log(x), bit-for-bit the same in every engine: −∞ at 0, NaN below 0 and for NaN, +∞ at +∞. */
export function log(x: number): number {
  bits.setFloat64(0, x);
  let hx = bits.getInt32(0);
  const lx = bits.getUint32(4);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return Number.NaN;
    // Subnormal: scale up into the normal range.
    k -= 54;
    x *= TWO54;
    bits.setFloat64(0, x);
    hx = bits.getInt32(0);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  // x (or x/2) normalised into [√½, √2).
  bits.setInt32(0, hx | (i ^ 0x3ff00000));
  x = bits.getFloat64(0);
  k += i >> 20;
  const f = x - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^−20
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - r : dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - r) : dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}
