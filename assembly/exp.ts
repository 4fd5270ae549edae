// exp(x) for two doubles at once, and its scalar twin, for the responsibilities: the N·K
// exponentials of an E-step dominate its cost at small D, and wasm has no vector exp of its own.
//
// Method: x = k·ln2 + r with k = nearest(x/ln2) and |r| ≤ ln2/2 (Cody–Waite: ln2 split in a high part
// with trailing zero bits, so k·LN2_HI is exact, and a low part); exp(r) by its Taylor polynomial to
// degree 12, whose truncation error is below 1.8e-16 relative on |r| ≤ 0.347; then 2^k is added
// into the exponent bits. k is rounded by adding 1.5·2^52, which leaves k in the low mantissa bits,
// so shifting those bits left by 52 gives 2^k's exponent without any float-to-int conversion
// (slow in wasm SIMD), and pmin/pmax clamp without the NaN handling of min/max. Accuracy: within 2 ulp of the true value for −708 ≤ x ≤ 709 (measured by
// the tests against Math.exp). Below −708, where exp(x) < 3.4e-308, the result is 0: responsibilities
// are shifted so their largest term is exactly 1, so such terms cannot change a sum. The scalar twin
// performs the same operations in the same order, so lanes and tails agree bit for bit.

const LOG2E: f64 = 1.4426950408889634;
const LN2_HI: f64 = 6.93147180369123816490e-1; // 0x3FE62E42FEE00000: low 32 bits zero
const LN2_LO: f64 = 1.90821492927058770002e-10;
const LOWEST: f64 = -708.0;
const HIGHEST: f64 = 709.0;
const SHIFTER: f64 = 6755399441055744.0; // 1.5·2^52

const C2: f64 = 1.0 / 2.0;
const C3: f64 = 1.0 / 6.0;
const C4: f64 = 1.0 / 24.0;
const C5: f64 = 1.0 / 120.0;
const C6: f64 = 1.0 / 720.0;
const C7: f64 = 1.0 / 5040.0;
const C8: f64 = 1.0 / 40320.0;
const C9: f64 = 1.0 / 362880.0;
const C10: f64 = 1.0 / 3628800.0;
const C11: f64 = 1.0 / 39916800.0;
const C12: f64 = 1.0 / 479001600.0;

/** exp of both lanes. */
@inline
export function expVector(x: v128): v128 {
  const clamped = f64x2.pmin(f64x2.pmax(x, f64x2.splat(LOWEST)), f64x2.splat(HIGHEST));
  const shifted = f64x2.add(f64x2.mul(clamped, f64x2.splat(LOG2E)), f64x2.splat(SHIFTER));
  const k = f64x2.sub(shifted, f64x2.splat(SHIFTER));
  const r = f64x2.sub(f64x2.sub(clamped, f64x2.mul(k, f64x2.splat(LN2_HI))), f64x2.mul(k, f64x2.splat(LN2_LO)));
  let p = f64x2.add(f64x2.mul(r, f64x2.splat(C12)), f64x2.splat(C11));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C10));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C9));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C8));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C7));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C6));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C5));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C4));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C3));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C2));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0));
  const scaled = i64x2.add(p, i64x2.shl(shifted, 52));
  return v128.bitselect(f64x2.splat(0.0), scaled, f64x2.lt(x, f64x2.splat(LOWEST)));
}

/** exp of one double, by exactly the operations of expVector. */
@inline
export function expScalar(x: f64): f64 {
  const clamped = x < LOWEST ? LOWEST : x > HIGHEST ? HIGHEST : x;
  const shifted = clamped * LOG2E + SHIFTER;
  const k = shifted - SHIFTER;
  const r = clamped - k * LN2_HI - k * LN2_LO;
  let p = r * C12 + C11;
  p = p * r + C10;
  p = p * r + C9;
  p = p * r + C8;
  p = p * r + C7;
  p = p * r + C6;
  p = p * r + C5;
  p = p * r + C4;
  p = p * r + C3;
  p = p * r + C2;
  p = p * r + 1.0;
  p = p * r + 1.0;
  const scaled = reinterpret<f64>(reinterpret<i64>(p) + (reinterpret<i64>(shifted) << 52));
  return x < LOWEST ? 0.0 : scaled;
}

/**
 * values[i] = exp(values[i]) for i < n, in place: SIMD over pairs, the odd last one scalar.
 * valuesPtr n  (updated)
 */
export function expInPlace(valuesPtr: usize, n: i32): void {
  // Eight independent pairs per pass, then one: the polynomial is a chain of dependent steps, and
  // interleaving chains keeps the multipliers busy while each waits for its previous step; eight
  // chains are 1.2× faster than four on a panel of responsibilities, and still fit the registers.
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const octs = n & ~15;
    const pairs = n & ~1;
    for (; i < octs; i += 16) {
      const cell = valuesPtr + (<usize>i << 3);
      const a = expVector(v128.load(cell));
      const b = expVector(v128.load(cell, 16));
      const c = expVector(v128.load(cell, 32));
      const d = expVector(v128.load(cell, 48));
      const e = expVector(v128.load(cell, 64));
      const f = expVector(v128.load(cell, 80));
      const g = expVector(v128.load(cell, 96));
      const h = expVector(v128.load(cell, 112));
      v128.store(cell, a);
      v128.store(cell, b, 16);
      v128.store(cell, c, 32);
      v128.store(cell, d, 48);
      v128.store(cell, e, 64);
      v128.store(cell, f, 80);
      v128.store(cell, g, 96);
      v128.store(cell, h, 112);
    }
    for (; i < pairs; i += 2) {
      const cell = valuesPtr + (<usize>i << 3);
      v128.store(cell, expVector(v128.load(cell)));
    }
  }
  // The odd last value, or every value in a build without SIMD.
  for (; i < n; i++) {
    const cell = valuesPtr + (<usize>i << 3);
    store<f64>(cell, expScalar(load<f64>(cell)));
  }
}

// log(x) for x ≥ 1, two at a time, for logNorm = max + log Σ exp(v − max), whose sum is always in
// [1, K]. Method: x = 2^e·m with m in [√½, √2); log m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.1716,
// by its odd series to s^19 (truncation below 1e-17 relative); log x = e·ln2 + log m, with ln2 split
// as in exp. Accuracy: within 2 ulp of the true value on [1, 2^1023] (measured by the tests).

const SQRT_HALF_BITS: i64 = 0x3fe6a09e667f3bcd;
const MANTISSA_MASK: i64 = 0x000fffffffffffff;
const ONE_BITS: i64 = 0x3ff0000000000000;

const L3: f64 = 2.0 / 3.0;
const L5: f64 = 2.0 / 5.0;
const L7: f64 = 2.0 / 7.0;
const L9: f64 = 2.0 / 9.0;
const L11: f64 = 2.0 / 11.0;
const L13: f64 = 2.0 / 13.0;
const L15: f64 = 2.0 / 15.0;
const L17: f64 = 2.0 / 17.0;
const L19: f64 = 2.0 / 19.0;

/** log of both lanes, each ≥ 1 and finite. */
@inline
export function logVector(x: v128): v128 {
  // Subtracting √½'s bits puts m in [√½, √2): the exponent field then counts from √½, not from 1.
  const shifted = i64x2.sub(x, i64x2.splat(SQRT_HALF_BITS));
  const e = i64x2.shr_s(shifted, 52);
  const m = i64x2.add(v128.and(shifted, i64x2.splat(MANTISSA_MASK)), i64x2.splat(SQRT_HALF_BITS));
  const exponent = f64x2.convert_low_i32x4_s(i32x4.shuffle(e, e, 0, 2, 0, 2));
  const s = f64x2.div(f64x2.sub(m, f64x2.splat(1.0)), f64x2.add(m, f64x2.splat(1.0)));
  const s2 = f64x2.mul(s, s);
  let p = f64x2.add(f64x2.mul(s2, f64x2.splat(L19)), f64x2.splat(L17));
  p = f64x2.add(f64x2.mul(p, s2), f64x2.splat(L15));
  p = f64x2.add(f64x2.mul(p, s2), f64x2.splat(L13));
  p = f64x2.add(f64x2.mul(p, s2), f64x2.splat(L11));
  p = f64x2.add(f64x2.mul(p, s2), f64x2.splat(L9));
  p = f64x2.add(f64x2.mul(p, s2), f64x2.splat(L7));
  p = f64x2.add(f64x2.mul(p, s2), f64x2.splat(L5));
  p = f64x2.add(f64x2.mul(p, s2), f64x2.splat(L3));
  // log m = 2s + s·s²·p, the small correction added last.
  const logM = f64x2.add(f64x2.add(s, s), f64x2.mul(f64x2.mul(s, s2), p));
  return f64x2.add(f64x2.add(f64x2.mul(exponent, f64x2.splat(LN2_HI)), logM), f64x2.mul(exponent, f64x2.splat(LN2_LO)));
}

/** log of one double ≥ 1, by exactly the operations of logVector. */
@inline
export function logScalar(x: f64): f64 {
  const shifted = reinterpret<i64>(x) - SQRT_HALF_BITS;
  const exponent = <f64>(<i32>(shifted >> 52));
  const m = reinterpret<f64>((shifted & MANTISSA_MASK) + SQRT_HALF_BITS);
  const s = (m - 1.0) / (m + 1.0);
  const s2 = s * s;
  let p = s2 * L19 + L17;
  p = p * s2 + L15;
  p = p * s2 + L13;
  p = p * s2 + L11;
  p = p * s2 + L9;
  p = p * s2 + L7;
  p = p * s2 + L5;
  p = p * s2 + L3;
  const logM = s + s + s * s2 * p;
  return exponent * LN2_HI + logM + exponent * LN2_LO;
}

/**
 * values[i] = log(values[i]) for i < n, in place, each value ≥ 1: SIMD over pairs, the odd last one
 * scalar. valuesPtr n (updated)
 */
export function logInPlace(valuesPtr: usize, n: i32): void {
  // Four independent pairs per pass, then one: each log is a long chain of dependent steps (a
  // division and a polynomial) that one at a time would leave the multipliers idle.
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 7 < n; i += 8) {
      const cell = valuesPtr + (<usize>i << 3);
      const a = logVector(v128.load(cell));
      const b = logVector(v128.load(cell, 16));
      const c = logVector(v128.load(cell, 32));
      const d = logVector(v128.load(cell, 48));
      v128.store(cell, a);
      v128.store(cell, b, 16);
      v128.store(cell, c, 32);
      v128.store(cell, d, 48);
    }
    for (; i + 1 < n; i += 2) {
      const cell = valuesPtr + (<usize>i << 3);
      v128.store(cell, logVector(v128.load(cell)));
    }
  }
  for (; i < n; i++) {
    const cell = valuesPtr + (<usize>i << 3);
    store<f64>(cell, logScalar(load<f64>(cell)));
  }
}
