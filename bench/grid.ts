/**
 * The benchmark grid: every shape timed by `npm run bench`, its EM iteration count, and the timing
 * rules every implementation follows.
 */

/** scikit-learn's four covariance types, each compared with sklearn's own. */
export type BenchCovariance = 'full' | 'diag' | 'spherical' | 'tied';

/** One benchmark problem: N×D seeded data, K components, T EM iterations from the fixed start. */
export interface Shape {
  readonly rows: number;
  readonly cols: number;
  readonly components: number;
  readonly covariance: BenchCovariance;
  /**
   * T, the same for every implementation so that their final log-likelihoods can be compared. Chosen
   * so that the slowest JavaScript package still finishes one fit in well under a minute, and at least 5
   * so that the one final E-step a fit adds stays a small share of gmm-wasm's and sklearn's time.
   */
  readonly iterations: number;
}

/** Full covariance over the shapes of the first round, then all four types at D = 8 and D = 32. */
export const GRID: readonly Shape[] = [
  { rows: 10_000, cols: 2, components: 3, covariance: 'full', iterations: 20 },
  { rows: 100_000, cols: 2, components: 8, covariance: 'full', iterations: 10 },
  { rows: 100_000, cols: 8, components: 8, covariance: 'full', iterations: 10 },
  { rows: 100_000, cols: 32, components: 8, covariance: 'full', iterations: 5 },
  { rows: 20_000, cols: 64, components: 16, covariance: 'full', iterations: 5 },
  { rows: 1_000_000, cols: 4, components: 4, covariance: 'full', iterations: 5 },
  { rows: 100_000, cols: 8, components: 8, covariance: 'diag', iterations: 10 },
  { rows: 100_000, cols: 32, components: 8, covariance: 'diag', iterations: 10 },
  { rows: 100_000, cols: 8, components: 8, covariance: 'spherical', iterations: 10 },
  { rows: 100_000, cols: 32, components: 8, covariance: 'spherical', iterations: 10 },
  { rows: 100_000, cols: 8, components: 8, covariance: 'tied', iterations: 10 },
  { rows: 100_000, cols: 32, components: 8, covariance: 'tied', iterations: 5 },
];

export const SEED = 20240607;
export const REG_COVAR = 1e-6;
/** Largest relative difference of final mean log-likelihoods still counted as the same work. */
export const AGREEMENT = 1e-6;
/** Largest relative difference of the float32 fit's final mean log-likelihood from float64's (the issue's). */
export const FLOAT32_AGREEMENT = 1e-5;
/** An implementation estimated slower than this many seconds per iteration is not run on a shape. */
export const SKIP_SECONDS_PER_ITERATION = 20;

/** How each implementation is timed; the Python side receives the same numbers. */
export const TIMING = {
  /** Fits of T iterations are repeated back to back until one timing lasts at least this long. */
  minRunMs: 500,
  /** Timings per implementation and shape (after a warm-up); the median is reported. */
  repeats: 3,
  /** No further timing starts once this much time went into one implementation's timings. */
  budgetMs: 10_000,
} as const;

/** `100 000×32 K=8 full` */
export function shapeLabel(shape: Shape): string {
  const rows = shape.rows.toLocaleString('en-US').replaceAll(',', ' ');
  return `${rows}×${shape.cols} K=${shape.components} ${shape.covariance}`;
}

/**
 * Floating-point operations of one EM iteration, per point and component, as the textbook E-step and
 * M-step count them — the same count whatever formulation a kernel uses, so GFLOP/s is an effective
 * rate that a cheaper formulation raises. Stated in the report's footnotes.
 */
export const FLOPS_PER_POINT_AND_COMPONENT: Readonly<Record<BenchCovariance, string>> = {
  full: '2D² + 5D (triangular solve and scatter, D² each, plus the vector work)',
  tied: '2D² + 5D, as full (a per-component solve with the shared factor, and the scatter of the tied M-step)',
  diag: '7D (E-step and M-step linear in D)',
  spherical: '7D, as diag',
};

/** N·K × {@link FLOPS_PER_POINT_AND_COMPONENT}. */
export function flopsPerIteration(shape: Shape): number {
  const { rows, cols, components } = shape;
  const quadratic = shape.covariance === 'full' || shape.covariance === 'tied';
  const perPoint = quadratic ? 2 * cols * cols + 5 * cols : 7 * cols;
  return rows * components * perPoint;
}

/**
 * Every implementation compared, in table order; all but scikit-learn run in a Node child process.
 * `gmm-wasm-f32` is gmm-wasm with `precision: 'float32'`, compared with gmm-wasm's float64 fit by
 * {@link FLOAT32_AGREEMENT}, not by {@link AGREEMENT}.
 */
export const IMPLEMENTATIONS = [
  'gmm-wasm',
  'gmm-wasm-f32',
  'sklearn',
  'plain-ts',
  'gaussian-mixture-model',
  'expectation-maximization',
] as const;

export type Implementation = (typeof IMPLEMENTATIONS)[number];

/**
 * Implementations that must reach gmm-wasm's final log-likelihood: they run the same EM. The npm
 * packages differ in small ways (see their bench files), so their mismatch is reported, not fatal.
 */
export const STRICT: readonly Implementation[] = ['gmm-wasm', 'sklearn', 'plain-ts'];
