/** The Iris demo's fit settings, and why. */

/**
 * The fit settings, the cheapest measured to give ARI ≥ 0.85 for every seed 0…19 with margin. regCovar
 * 1e-3 is the smallest tried (1e-5, 1e-4, 3e-4, 1e-3) that no longer lets the spurious ARI-0.44 maximum win
 * even with 30 restarts run to 300 iterations. A single random start reaches the species solution ~38% of
 * the time whatever tol: 8 restarts already pass seeds 0…19, but six of them rest on one good restart;
 * with 12 each seed has at least two. tol 1e-2 stops short of it (ARI 0.85–0.94); maxIter 100 never binds
 * (at most 57 iterations in 6000 runs).
 */
export const SETTINGS = {
  components: 3,
  init: 'random',
  restarts: 12,
  regCovar: 1e-3,
  tol: 1e-3,
  maxIter: 100,
} as const;

/** The seed used when `--seed` is not given. */
export const DEFAULT_SEED = 0;

export const WHY =
  'Why these settings: Iris measurements are rounded to 0.1 cm, so rows repeat. A component that ' +
  'collapses onto a few repeated rows reaches a higher likelihood than the species structure: a spurious ' +
  'maximum. With regCovar 1e-6, about 30% of seeds of scikit-learn with 10 random-row restarts keep such ' +
  'a solution (ARI 0.44). regCovar 1e-3 (in standardized units) puts a floor under each variance that ' +
  'removes those maxima, and several restarts guard against the remaining poor starts: a single random ' +
  'start reaches the species solution only about 4 times in 10.';
