/**
 * The E-step side of the covariance table: one model per way of evaluating rows, keyed by
 * `CovarianceModel.evaluation`. Every type's factorisation, densities and statistics are one of
 * these five; only their M-steps differ. A worker runs E-steps alone, so it looks its kernels up here
 * and bundles none of the fourteen M-steps (nor the wasm bridges of EVE's, VVE's and the …V models').
 */
import { diag, spherical } from './diagonal';
import { full } from './full';
import type { CovarianceModel, EvaluationForm } from './model';
import { oriented } from './oriented';
import { tied } from './tied';

/** The model whose E-step side each evaluation form names (its M-step is the unconstrained type's). */
export const EVALUATION_MODELS: Readonly<Record<EvaluationForm, CovarianceModel>> = {
  full,
  tied,
  diag,
  spherical,
  oriented,
};
