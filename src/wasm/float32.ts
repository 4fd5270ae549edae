/**
 * The kernels of a float32 data set (`precision: 'float32'`): the same module, with every kernel
 * that reads rows swapped for its f32 twin of `assembly/f32/` (same arguments, rows of f32). So a
 * `Workspace`, a `Clustering` and the covariance table, which take their kernels from the data,
 * run in float32 without knowing it: parameters, factorisations, responsibilities and statistics
 * stay f64; only the rows and the arithmetic that reads them are single precision.
 */
import type { Kernels } from './kernels';

const views = new WeakMap<Kernels, Kernels>();

/** `kernels` with the row-reading kernels and the scratch length of the f32 build; one object per module. */
export function float32Kernels(kernels: Kernels): Kernels {
  let view = views.get(kernels);
  if (!view) {
    view = Object.freeze({
      ...kernels,
      memory: kernels.memory,
      scratchLength: kernels.scratchLengthF32,
      logDensityFull: kernels.logDensityFullF32,
      logDensityTied: kernels.logDensityTiedF32,
      // The oriented kernels have no f32 twin: their models factorise and evaluate as full ones.
      precisionOriented: kernels.choleskyPrecisionFull,
      logDensityOriented: kernels.logDensityFullF32,
      logDensityDiag: kernels.logDensityDiagF32,
      logDensitySpherical: kernels.logDensitySphericalF32,
      accumulateFull: kernels.accumulateFullF32,
      accumulateDiag: kernels.accumulateDiagF32,
      eStepFull: kernels.eStepFullF32,
      eStepTied: kernels.eStepTiedF32,
      eStepOriented: kernels.eStepFullF32,
      eStepDiag: kernels.eStepDiagF32,
      eStepSpherical: kernels.eStepSphericalF32,
      assignNearer: kernels.assignNearerF32,
      assignNearest: kernels.assignNearestF32,
      accumulateCentroids: kernels.accumulateCentroidsF32,
    });
    views.set(kernels, view);
  }
  return view;
}
