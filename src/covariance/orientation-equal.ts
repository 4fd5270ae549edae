/**
 * The models with one orientation shared by every component, stored as K full matrices and
 * evaluated along their common axes (./oriented.ts; EEE, all equal, is the tied type): VEE
 * (Σₖ = λₖ·C, |C| = 1; Celeux & Govaert 1995, mclust's `msvee`), EVE (λ·D·Aₖ·Dᵀ) and VVE
 * (λₖ·D·Aₖ·Dᵀ) by the MM algorithms of Browne & McNicholas (2014) as mclust's `mseve`/`msvve` run
 * them — including, for VVE, mclust's orientation step that leaves out the
 * volumes (it uses Wₖ where the derivation has Wₖ/λₖ; matched here so that fits agree).
 *
 * Each runs from mclust's start (λ = 1, A = I, D = I) until the relative change of mclust's
 * objective is ≤ `innerTol`, or `innerMaxIter` passes. That objective stalls at rounding level while
 * the parameters may still be ~1e-6 from the fixed point; a negative `innerTol` runs all
 * `innerMaxIter` iterations, which reaches it (as mclust does with a hand-built control list).
 * With one component EVE and VVE constrain nothing, and their M-step is W/N at once (mclust fits
 * G = 1 in closed form too, by `mvn`).
 */

import { log } from '../logarithm';
import { runCommonOrientation } from '../wasm/orientation';
import { constrainedModel, type Scatter } from './constrained';
import { exp } from './exp';
import { compose, identity, inverse, logDeterminant, transpose } from './matrix';
import type { MStepControl } from './model';
import { oriented } from './oriented';

const orientationParameters = (d: number) => (d * (d - 1)) / 2;

/** mclust's inner test: go on while |target − previous| / (1 + |target|) > innerTol. */
function converging(target: number, previous: number, control: MStepControl): boolean {
  return Math.abs(target - previous) / (1 + Math.abs(target)) > control.innerTol;
}

/** λₖ = tr(Wₖ·C⁻¹)/(D·Nₖ) and C ∝ Σₖ Wₖ/λₖ, |C| = 1, alternately from λ = 1. */
export const VEE = constrainedModel(
  'VEE',
  oriented,
  false,
  (d, k) => k + (d - 1) + orientationParameters(d),
  ({ w, nk, d, k }, control) => {
    const scale = control.carry?.VEE ?? new Float64Array(k).fill(1);
    if (control.carry) control.carry.VEE = scale;
    let shape = new Float64Array(d * d);
    let previous = Number.MAX_VALUE / 2;
    for (let inner = 0; inner < control.innerMaxIter; inner++) {
      const c = new Float64Array(d * d);
      for (let comp = 0; comp < k; comp++)
        for (let i = 0; i < d * d; i++)
          c[i] = (c[i] as number) + (w[comp * d * d + i] as number) / (scale[comp] as number);
      const volume = exp(logDeterminant(c, d) / d);
      shape = c.map((value) => value / volume);
      const cInverse = inverse(shape, d);
      if (!cInverse || !(volume > 0)) break;
      for (let comp = 0; comp < k; comp++) {
        let trace = 0;
        for (let i = 0; i < d * d; i++) trace += (w[comp * d * d + i] as number) * (cInverse[i] as number);
        scale[comp] = trace / (d * (nk[comp] as number));
      }
      // mclust's objective: N·D + D·Σₖ Nₖ·log λₖ.
      let target = 0;
      for (let comp = 0; comp < k; comp++)
        target += (nk[comp] as number) * (d + d * log(scale[comp] as number));
      if (!converging(target, previous, control)) break;
      previous = target;
    }
    const out = new Float64Array(k * d * d);
    for (let comp = 0; comp < k; comp++)
      for (let i = 0; i < d * d; i++) out[comp * d * d + i] = (scale[comp] as number) * (shape[i] as number);
    return out;
  },
);

/**
 * The common orientation and the shapes of EVE (`volumes: false`) or VVE (`volumes: true`) by
 * mclust's MM loop, which runs in wasm (assembly/orientation.ts) in mclust's order of operations:
 * where the loop stops depends on rounding (its objective is flat at the optimum), so a reordering
 * moves the stopping point and the parameters with it.
 */
function commonOrientation(scatter: Scatter, control: MStepControl, volumes: boolean): Float64Array {
  const { w, nk, n, d, k } = scatter;
  const size = d * d;
  // One component: the model is unconstrained, and its maximum is W/N itself, where the MM steps
  // would only creep towards it.
  if (k === 1) return w.map((value) => value / (nk[0] as number));
  const carried = control.carry;
  const shape = carried?.shape ?? new Float64Array(k * d).fill(1);
  const scale = new Float64Array(k).fill(1);
  /** Dᵀ: row j is the j-th axis. */
  const axes = carried?.axes ?? identity(d);
  runCommonOrientation({
    w,
    nk,
    shape,
    axes,
    scale,
    n,
    d,
    k,
    volumes,
    innerTol: control.innerTol,
    innerMaxIter: control.innerMaxIter,
  });
  if (carried) {
    carried.shape = shape;
    carried.axes = axes;
  }
  const out = new Float64Array(k * size);
  const columns = transpose(axes, d);
  for (let c = 0; c < k; c++)
    compose(columns, shape.subarray(c * d, (c + 1) * d), scale[c] as number, d, out, c * size);
  return out;
}

/** EVE: equal volume, variable shape, one orientation, Σₖ = λ·D·Aₖ·Dᵀ; by mclust's `mseve` inner loop. */
export const EVE = constrainedModel(
  'EVE',
  oriented,
  false,
  (d, k) => 1 + k * (d - 1) + orientationParameters(d),
  (scatter, control) => commonOrientation(scatter, control, false),
);

/** VVE: variable volume and shape, one orientation, Σₖ = λₖ·D·Aₖ·Dᵀ; by mclust's `msvve` inner loop. */
export const VVE = constrainedModel(
  'VVE',
  oriented,
  false,
  (d, k) => k + k * (d - 1) + orientationParameters(d),
  (scatter, control) => commonOrientation(scatter, control, true),
);
