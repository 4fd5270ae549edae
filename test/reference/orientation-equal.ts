/**
 * The plain TypeScript twin of assembly/orientation.ts (and assembly/polar.ts, assembly/fdlibm.ts,
 * assembly/jacobi.ts):
 * the EVE/VVE M-step's MM loop as the library ran it in TypeScript before it moved to wasm, which
 * the kernel must reproduce bit for bit. Logarithms and exponentials are the TypeScript side's
 * fdlibm (src/logarithm.ts, src/covariance/exp.ts), and the majorising constants the library's
 * Jacobi solver (src/eigen.ts), so the kernel's own ports are checked too.
 */
import { exp } from '../../src/covariance/exp';
import { symmetricEigen } from '../../src/eigen';
import { log } from '../../src/logarithm';
import type { OrientationLoop } from '../../src/wasm/orientation';

/** The loop's inputs and state: the bridge's own (src/wasm/orientation.ts), a shape and no code. */
export type ReferenceLoop = OrientationLoop;

function dot(a: Float64Array, ai: number, b: Float64Array, bi: number, n: number): number {
  let sum = 0;
  for (let l = 0; l < n; l++) sum += (a[ai + l] as number) * (b[bi + l] as number);
  return sum;
}

function geometricMean(values: Float64Array, from: number, length: number): number {
  let sum = 0;
  for (let j = 0; j < length; j++) {
    const value = values[from + j] as number;
    if (!(value > 0)) return 0;
    sum += log(value);
  }
  return exp(sum / length);
}

/**
 * A⁻¹ by Gauss–Jordan elimination in place with partial pivoting, the row swaps undone on the
 * columns at the end; undefined when a pivot is 0 or not finite.
 */
function inverse(a: Float64Array, d: number): Float64Array | undefined {
  const m = a.slice();
  const pivots: number[] = [];
  for (let col = 0; col < d; col++) {
    let pivot = col;
    let largest = Math.abs(m[col * d + col] as number);
    for (let r = col + 1; r < d; r++) {
      const value = Math.abs(m[r * d + col] as number);
      if (value > largest) {
        largest = value;
        pivot = r;
      }
    }
    if (!(largest > 0) || !Number.isFinite(largest)) return undefined;
    pivots.push(pivot);
    for (let j = 0; j < d; j++) {
      const t = m[pivot * d + j] as number;
      m[pivot * d + j] = m[col * d + j] as number;
      m[col * d + j] = t;
    }
    const reciprocal = 1 / (m[col * d + col] as number);
    m[col * d + col] = 1;
    for (let j = 0; j < d; j++) m[col * d + j] = (m[col * d + j] as number) * reciprocal;
    for (let r = 0; r < d; r++) {
      if (r === col) continue;
      const factor = m[r * d + col] as number;
      m[r * d + col] = 0;
      for (let j = 0; j < d; j++)
        m[r * d + j] = (m[r * d + j] as number) - factor * (m[col * d + j] as number);
    }
  }
  for (let col = d - 1; col >= 0; col--) {
    const pivot = pivots[col] as number;
    for (let i = 0; i < d; i++) {
      const t = m[i * d + pivot] as number;
      m[i * d + pivot] = m[i * d + col] as number;
      m[i * d + col] = t;
    }
  }
  return m;
}

/** ‖A‖_F: the squares of entries of even and of odd index summed apart, in order, then together. */
function frobenius(a: Float64Array): number {
  let even = 0;
  let odd = 0;
  let i = 0;
  for (; i + 1 < a.length; i += 2) {
    even += (a[i] as number) * (a[i] as number);
    odd += (a[i + 1] as number) * (a[i + 1] as number);
  }
  let sum = even + odd;
  if (i < a.length) sum += (a[i] as number) * (a[i] as number);
  return Math.sqrt(sum);
}

/**
 * The polar factor by scaled Newton (Higham), or undefined when F is singular. The scaling stops
 * once an iteration changes no entry by 1e-3; an unscaled iteration that changes none by 1e-8/d
 * is the last (the next would be within rounding of it).
 */
function polarFactor(f: Float64Array, d: number): Float64Array | undefined {
  let x = f.slice();
  let scaled = true;
  for (let iteration = 0; iteration < 100; iteration++) {
    const inv = inverse(x, d);
    if (!inv) return undefined;
    const gamma = scaled ? Math.sqrt(frobenius(inv) / frobenius(x)) : 1;
    const next = new Float64Array(d * d);
    let change = 0;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const value = 0.5 * (gamma * (x[i * d + j] as number) + (inv[j * d + i] as number) / gamma);
        change = Math.max(change, Math.abs(value - (x[i * d + j] as number)));
        next[i * d + j] = value;
      }
    }
    x = next;
    if (!scaled && d * change <= 1e-8) break;
    if (change < 1e-3) scaled = false;
  }
  return x;
}

/**
 * The MM loop, updating shape, axes and scale in place; returns the iterations run and the
 * majorising constants (each Wₖ's largest eigenvalue) it ran with.
 */
export function referenceCommonOrientation(loop: ReferenceLoop): { iterations: number; omega: Float64Array } {
  const { w, nk, shape, axes, scale, n, d, k, volumes } = loop;
  const size = d * d;
  const omega = Float64Array.from(
    { length: k },
    (_, c) => symmetricEigen(w, d, c * size).values[0] as number,
  );
  let previous = Number.MAX_VALUE / 2;
  let inner = 0;
  while (inner < loop.innerMaxIter) {
    inner++;
    const f1 = new Float64Array(size);
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < d; i++) {
        const scaled = axes.subarray(i * d, (i + 1) * d).map((value) => value / (shape[c * d + i] as number));
        for (let j = 0; j < d; j++) {
          const product = dot(scaled, 0, w, c * size + j * d, d);
          f1[i * d + j] = (f1[i * d + j] as number) + product - (omega[c] as number) * (scaled[j] as number);
        }
      }
    }
    const first = polarFactor(f1, d);
    if (first) axes.set(first);
    const f2 = new Float64Array(size);
    for (let c = 0; c < k; c++) {
      let largest = 0;
      for (let j = 0; j < d; j++) largest = Math.max(largest, 1 / (shape[c * d + j] as number));
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          const value = dot(w, c * size + i * d, axes, j * d, d);
          f2[i * d + j] = (f2[i * d + j] as number) + value / (shape[c * d + j] as number) - largest * value;
        }
      }
    }
    const second = polarFactor(f2, d);
    if (second)
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) axes[j * d + i] = second[i * d + j] as number;
    let target = 0;
    const projected = new Float64Array(d);
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) {
        const product = new Float64Array(d);
        for (let m = 0; m < d; m++) product[m] = dot(axes, j * d, w, c * size + m * d, d);
        const sum = dot(product, 0, axes, j * d, d);
        projected[j] = sum;
        shape[c * d + j] = volumes ? sum / (nk[c] as number) : sum;
      }
      const volume = geometricMean(shape, c * d, d);
      if (volumes) scale[c] = volume;
      for (let j = 0; j < d; j++) {
        shape[c * d + j] = (shape[c * d + j] as number) / volume;
        target += (projected[j] as number) / (shape[c * d + j] as number);
      }
    }
    if (!volumes) scale.fill(target / (n * d));
    if (!(Math.abs(target - previous) / (1 + Math.abs(target)) > loop.innerTol)) break;
    previous = target;
  }
  return { iterations: inner, omega };
}
