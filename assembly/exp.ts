// exp(x) for two doubles at once, and its scalar twin, for the responsibilities: the N·K
// exponentials of an E-step dominate its cost at small D, and wasm has no vector exp of its own.
//
// Method: x = (64·k + j)·ln2/64 + r with 64·k + j = nearest(64·x/ln2), 0 ≤ j < 64 and
// |r| ≤ ln2/128 (Cody–Waite: ln2/64 split in a high part with trailing zero bits, so that its
// product with the integer is exact, and a low part); exp(x) = 2^k · 2^(j/64) · exp(r), with
// 2^(j/64) from a table of the 64 doubles nearest to it and exp(r) − 1 = r + r²·(1/2 + r/6 + r²/24
// + r³/120), whose truncation error is below 3.5e-17 relative on |r| ≤ ln2/128. The integer is
// rounded by adding 1.5·2^52, which leaves it in the low mantissa bits: its low 6 bits index the
// table and the rest, shifted into the exponent field, is 2^k, without any float-to-int conversion
// (slow in wasm SIMD); pmin/pmax clamp without the NaN handling of min/max. Accuracy: within 2 ulp
// of the true value for −708 ≤ x ≤ 709, as the tests check against Math.exp (measured: 1.0·ε·exp(x)
// at worst over 16 million points, where the degree-12 polynomial this replaced gave 1.42: the
// table's half ulp and the last addition's half ulp, the rest below 0.02). Below −708, where exp(x) <
// 3.4e-308, the result is 0: responsibilities are shifted so their largest term is exactly 1, so
// such terms cannot change a sum. The scalar twin performs the same operations in the same order,
// so lanes and tails agree bit for bit.

const LOG2E_64: f64 = 92.33248261689366; // 64/ln2
const LN2_HI: f64 = 6.93147180369123816490e-1; // 0x3FE62E42FEE00000: low 32 bits zero
const LN2_LO: f64 = 1.90821492927058770002e-10;
const LN2_64_HI: f64 = LN2_HI / 64.0; // exact: a power of two apart
const LN2_64_LO: f64 = LN2_LO / 64.0;
const LOWEST: f64 = -708.0;
const HIGHEST: f64 = 709.0;
const SHIFTER: f64 = 6755399441055744.0; // 1.5·2^52

const C2: f64 = 1.0 / 2.0;
const C3: f64 = 1.0 / 6.0;
const C4: f64 = 1.0 / 24.0;
const C5: f64 = 1.0 / 120.0;

/** 2^(j/64) for j = 0…63, each the double nearest to it (computed to 60 digits, then rounded). */
const POWERS: usize = memory.data<f64>([
  1.0, 1.0108892860517005, 1.0218971486541166, 1.0330248790212284,
  1.0442737824274138, 1.0556451783605572, 1.0671404006768237, 1.0787607977571199,
  1.0905077326652577, 1.102382583307841, 1.1143867425958924, 1.1265216186082418,
  1.1387886347566916, 1.1511892299529827, 1.1637248587775775, 1.1763969916502812,
  1.189207115002721, 1.202156731452703, 1.215247359980469, 1.22848053610687,
  1.241857812073484, 1.255380757024691, 1.2690509571917332, 1.2828700160787783,
  1.2968395546510096, 1.3109612115247644, 1.3252366431597413, 1.339667524053303,
  1.3542555469368927, 1.3690024229745905, 1.383909881963832, 1.3989796725383112,
  1.4142135623730951, 1.42961333839197, 1.4451808069770467, 1.460917794180647,
  1.4768261459394993, 1.4929077282912648, 1.5091644275934228, 1.5255981507445384,
  1.5422108254079407, 1.559004400237837, 1.5759808451078865, 1.593142151342267,
  1.6104903319492543, 1.6280274218573478, 1.645755478153965, 1.6636765803267364,
  1.681792830507429, 1.7001063537185235, 1.718619298122478, 1.7373338352737062,
  1.7562521603732995, 1.7753764925265212, 1.7947090750031072, 1.8142521755003989,
  1.8340080864093424, 1.8539791250833855, 1.8741676341103, 1.8945759815869656,
  1.9152065613971474, 1.9360617934922943, 1.9571441241754002, 1.978456026387951,
]);

/** exp of both lanes. */
@inline
export function expVector(x: v128): v128 {
  const clamped = f64x2.pmin(f64x2.pmax(x, f64x2.splat(LOWEST)), f64x2.splat(HIGHEST));
  const shifted = f64x2.add(f64x2.mul(clamped, f64x2.splat(LOG2E_64)), f64x2.splat(SHIFTER));
  const k = f64x2.sub(shifted, f64x2.splat(SHIFTER));
  const r = f64x2.sub(f64x2.sub(clamped, f64x2.mul(k, f64x2.splat(LN2_64_HI))), f64x2.mul(k, f64x2.splat(LN2_64_LO)));
  const low = POWERS + (<usize>(<i32>i64x2.extract_lane(shifted, 0) & 63) << 3);
  const high = POWERS + (<usize>(<i32>i64x2.extract_lane(shifted, 1) & 63) << 3);
  const t = v128.load64_lane(high, v128.load64_splat(low), 1);
  let p = f64x2.add(f64x2.mul(r, f64x2.splat(C5)), f64x2.splat(C4));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C3));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C2));
  const q = f64x2.add(f64x2.mul(f64x2.mul(r, r), p), r);
  const value = f64x2.add(t, f64x2.mul(t, q));
  const scaled = i64x2.add(value, i64x2.shl(i64x2.shr_u(shifted, 6), 52));
  return v128.andnot(scaled, f64x2.lt(x, f64x2.splat(LOWEST)));
}

/** exp of one double, by exactly the operations of expVector. */
@inline
export function expScalar(x: f64): f64 {
  const clamped = x < LOWEST ? LOWEST : x > HIGHEST ? HIGHEST : x;
  const shifted = clamped * LOG2E_64 + SHIFTER;
  const k = shifted - SHIFTER;
  const r = clamped - k * LN2_64_HI - k * LN2_64_LO;
  const bits = reinterpret<i64>(shifted);
  const t = load<f64>(POWERS + (<usize>(<i32>bits & 63) << 3));
  let p = r * C5 + C4;
  p = p * r + C3;
  p = p * r + C2;
  const q = r * r * p + r;
  const value = t + t * q;
  const scaled = reinterpret<f64>(reinterpret<i64>(value) + (<i64>(<u64>bits >> 6) << 52));
  return x < LOWEST ? 0.0 : scaled;
}

/**
 * values[i] = exp(values[i]) for i < n, in place: SIMD over pairs, the odd last one scalar.
 * valuesPtr n  (updated)
 */
export function expInPlace(valuesPtr: usize, n: i32): void {
  // Four independent pairs per pass, then one: the polynomial is a chain of dependent steps, and
  // interleaving chains keeps the multipliers busy while each waits for its previous step; more
  // chains than four spill registers (measured: four 1.1–1.2× faster than eight).
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const quads = n & ~7;
    const pairs = n & ~1;
    for (; i < quads; i += 8) {
      const cell = valuesPtr + (<usize>i << 3);
      const a = expVector(v128.load(cell));
      const b = expVector(v128.load(cell, 16));
      const c = expVector(v128.load(cell, 32));
      const d = expVector(v128.load(cell, 48));
      v128.store(cell, a);
      v128.store(cell, b, 16);
      v128.store(cell, c, 32);
      v128.store(cell, d, 48);
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
