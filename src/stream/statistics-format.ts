/**
 * `MixtureStatistics`: the E-step's sufficient statistics as a public, versioned, JSON-safe object,
 * so that any engine (Spark, Dask, a queue of Node processes) can compute, add and ship them. Every
 * field is plain numbers in nested arrays; the schema is documented in docs/distributed.md.
 */
import { COVARIANCE_MODELS } from '../covariance/index';
import type { SufficientStatistics } from '../sufficient-statistics';
import type { CovarianceType } from '../types';

/** The `format` of every statistics object: what identifies one, in any language. */
export const STATISTICS_FORMAT = 'gmm-wasm-statistics';
/**
 * The newest schema: version 2 adds the optional field `missing`. Statistics without it are written
 * as version 1, byte for byte as before, so readers of version 1 keep reading them.
 */
export const STATISTICS_VERSION = 2;

/**
 * Sufficient statistics of some rows under one model, centred on the model's means. Means, first
 * moments and scatter are in the model's fitting units: standardized when `standardization` is set
 * (the rows were z-scored with it first), else the user's.
 */
export interface MixtureStatistics {
  /** Always `'gmm-wasm-statistics'`: what the object is. */
  readonly format: typeof STATISTICS_FORMAT;
  /** The schema's version: 2 when `missing` is present, else 1. */
  readonly version: 1 | 2;
  /** Fingerprint of the model the statistics were computed under; only equal ones merge. */
  readonly model: string;
  /** The model's covariance type. */
  readonly covariance: CovarianceType;
  /** The model's K. */
  readonly components: number;
  /** The model's D. */
  readonly features: number;
  /** The model's z-scoring, or null. */
  readonly standardization: {
    /** D column means subtracted. */
    readonly mean: number[];
    /** D column scales divided by. */
    readonly scale: number[];
  } | null;
  /**
   * `'em'` when the model was fitted with missing values (version 2): the rows may have NaN, and the
   * sums are the expected complete-data statistics given each row's observed values; absent otherwise.
   */
  readonly missing?: 'em';
  /** Rows summarised (every row, whatever its weight; rows with nothing observed included). */
  readonly rows: number;
  /** Σᵢ wᵢ: the rows' total sample weight (the rows, unweighted), of the rows with an observed value. */
  readonly weight: number;
  /** Σᵢ wᵢ log p(xᵢ) (with missing values, of the observed coordinates) under the model, in the user's units. */
  readonly logLikelihood: number;
  /** K×D: the points cₖ the sums are centred on (the model's means, in fitting units). */
  readonly centers: number[][];
  /** K: Nₖ = Σᵢ wᵢ γᵢₖ. */
  readonly nk: number[];
  /** K×D: Σᵢ wᵢ γᵢₖ (xᵢ − cₖ). */
  readonly first: number[][];
  /**
   * The types stored as matrices (full, tied, EEE, VEE, EVE, VVE, EEV, VEV, EVV, VVV): K×D×D,
   * Σᵢ wᵢ γᵢₖ (xᵢ − cₖ)(xᵢ − cₖ)ᵀ (symmetric); those stored as diagonals or one variance (diag,
   * spherical, EII, VII, EEI, VEI, EVI, VVI): K×D, the diagonal of the same, Σᵢ wᵢ γᵢₖ (xᵢⱼ − cₖⱼ)².
   */
  readonly scatter: number[][][] | number[][];
}

/** Everything but the numbers that add: what two statistics must share to be merged. */
export interface StatisticsHeader {
  /** The fingerprint of the model (16 hex digits). */
  readonly model: string;
  /** The model's covariance type. */
  readonly covariance: CovarianceType;
  /** K. */
  readonly components: number;
  /** D. */
  readonly features: number;
  /** The model's z-scoring (D means and scales), or null. */
  readonly standardization: MixtureStatistics['standardization'];
  /** Whether the model takes missing values (`'em'`); a merge of parts of which any does, does. */
  readonly missing: 'em' | undefined;
}

/** Statistics read back into the internal flat form, with the row count. */
export interface FlatStatistics {
  /** What the parts must share to be merged. */
  readonly header: StatisticsHeader;
  /** Rows summarised, whatever their weight. */
  readonly rows: number;
  /** In fitting units; `logLikelihood` in the user's units. */
  readonly sums: SufficientStatistics;
}

/**
 * The public scatter's nested shape, from the covariance table: K×D×D (internally each matrix's
 * upper triangle) for the types stored as full or tied matrices, K×D for those stored as diagonals
 * or spherical variances, whatever the type's name (EEE and VVV are matrices, VVI and VII diagonals).
 */
export function scatterShape(covariance: CovarianceType, d: number, k: number): number[] {
  return COVARIANCE_MODELS[covariance].scatterShape(d, k);
}

/** The public form of internal statistics. */
export function toPublicStatistics(flat: FlatStatistics): MixtureStatistics {
  const { header, rows, sums } = flat;
  const { components: k, features: d } = header;
  const matrices = scatterShape(header.covariance, d, k).length === 3;
  const scatter = matrices
    ? Array.from({ length: k }, (_, c) =>
        Array.from({ length: d }, (_, j) =>
          Array.from({ length: d }, (_, l) => {
            const [low, high] = j <= l ? [j, l] : [l, j];
            return sums.scatter[c * d * d + low * d + high] as number;
          }),
        ),
      )
    : rowsOf(sums.scatter, k, d);
  return {
    format: STATISTICS_FORMAT,
    version: header.missing ? 2 : 1,
    model: header.model,
    covariance: header.covariance,
    components: k,
    features: d,
    standardization: header.standardization && {
      mean: header.standardization.mean.slice(),
      scale: header.standardization.scale.slice(),
    },
    ...(header.missing ? { missing: header.missing } : {}),
    rows,
    weight: sums.weight,
    logLikelihood: sums.logLikelihood,
    centers: rowsOf(sums.centers, k, d),
    nk: Array.from(sums.nk),
    first: rowsOf(sums.first, k, d),
    scatter,
  };
}

function rowsOf(flat: Float64Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from(flat.subarray(r * cols, (r + 1) * cols)));
}
