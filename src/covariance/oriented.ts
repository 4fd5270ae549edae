/**
 * The storage of the models with one orientation shared by every component (VEE, EVE, VVE):
 * full matrices, as `full` stores, projects and accumulates them, with factors and densities of
 * their own. Their covariances Σₖ = D·Λₖ·Dᵀ differ only along common axes, so the kernels rotate
 * each row onto those axes once and then take a diagonal density per component
 * (assembly/shared-factor.ts), where `full` solves one triangle per component. The axes are
 * recovered from the covariances at each factorisation, and checked: covariances that do not share
 * them (a user's start, a missingness pattern's marginals) get `full`'s factors, and the kernels
 * take `full`'s path, so the densities are right whatever is loaded.
 */
import { full } from './full';
import type { CovarianceModel } from './model';

/** Full storage with the oriented factorisation and E-step kernels (see the module comment). */
export const oriented: CovarianceModel = {
  ...full,
  evaluation: 'oriented',
  // The factors' k·d·d doubles hold either form; the one after them says which. Factorising one
  // component alone (the workspace's singularComponents) always gives the full form, its flag 0
  // where the next component's factor starts: rewritten by the next, the last one's is the flag.
  factorLength: (d, k) => k * d * d + 1,
  factorise: (kernels, cov, factors, logDet, work, d, k) =>
    kernels.precisionOriented(cov, factors, logDet, work, d, k),
  density: (kernels) => kernels.logDensityOriented,
  eStep: (kernels) => kernels.eStepOriented,
};
