/**
 * Model-based agglomerative hierarchical clustering with the unconstrained (VVV) Gaussian model
 * (Banfield & Raftery 1993; Fraley 1998), as mclust's `hcVVV`: starting from singletons, merge the
 * pair of clusters whose merge raises the classification likelihood's cost the least, until one
 * cluster is left. A cluster of n rows with scatter W and trace t costs (mclust's regularised form,
 * α = the mean per-coordinate variance of the data, β = 1)
 *
 *   n·log(β(t + α)/n)                   when n ≤ p,
 *   n·log(det(W/n) + β(t + α)/n)        otherwise,
 *
 * and a merge costs the merged cluster's term less the two parts'. As mclust: clusters sit in slots
 * 1…g, the pairwise costs in a packed triangle scanned column by column, the least cost chosen with
 * ties going to the last pair in that order; the merged cluster takes the lower slot and the last
 * slot moves into the freed one. Each column's least cost is kept (./column-minima.ts: mclust
 * rescans every pair after every merge, O(n³)); the merge costs of the merged cluster are the only
 * ones recomputed.
 */
import { log } from '../logarithm';
import { runToEnd, type Steps } from '../yield';
import { choleskyDeterminant, logDeterminant, meanVariance } from './algebra';
import { ColumnMinima } from './column-minima';
import type { Transformed } from './transform';

/** The regularisation weight of the trace, mclust's `beta`. */
const BETA = 1;
/** Within these bounds a product of pivots is a normal number, and `log(det + …)` takes it as it is. */
const SMALL_DETERMINANT = 1e-300;
const LARGE_DETERMINANT = 1e300;
/**
 * Operations (about one multiply-add) between pauses within a merge: a millisecond or so. Narrow
 * data never reach it within one merge of 2000 slots (p = 4: a pair is ~30 operations).
 */
const STEP_UNITS = 200_000;

/**
 * The merges that build the tree over the rows of Z, in order: pair m is `merges[2m]` < `merges[2m+1]`,
 * each the smallest row index in its cluster (mclust's `hc` output, from 0).
 */
export function mergeTree(Z: Transformed): Int32Array {
  return runToEnd(mergeTreeSteps(Z));
}

/** `mergeTree` as steps of a fit: a pause after every column of the first costs and every merge. */
export function mergeTreeSteps(Z: Transformed): Steps<Int32Array> {
  return new Agglomeration(Z).run();
}

class Agglomeration {
  private readonly n: number;
  private readonly p: number;
  private readonly alpha: number;
  /** Per slot: rows, mean (p), scatter (p×p, once more than p rows), trace, cost term, label. */
  private readonly size: Int32Array;
  private readonly mean: Float64Array;
  private readonly scatter: Float64Array;
  private readonly trace: Float64Array;
  private readonly term: Float64Array;
  private readonly label: Int32Array;
  /** The merge costs and each column's least. */
  private readonly minima: ColumnMinima;
  /** The merged term of each pair of the last merged slot, from its recomputation. */
  private readonly pairTerm: Float64Array;
  private readonly difference: Float64Array;
  private readonly work: Float64Array;
  /** Merge costs per step of `recomputeCosts`: about STEP_UNITS operations (one per pair for narrow data). */
  private readonly pairsPerStep: number;
  /** What the last cost computation found: the merged trace and term. */
  private mergedTrace = 0;
  private mergedTerm = 0;

  constructor(Z: Transformed) {
    const { rows: n, cols: p } = Z;
    this.n = n;
    this.p = p;
    this.alpha = Math.max(meanVariance(Z), 2.220446049250313e-16);
    this.size = new Int32Array(n).fill(1);
    this.mean = Z.data.slice();
    this.scatter = new Float64Array(n * p * p);
    this.trace = new Float64Array(n);
    this.term = new Float64Array(n).fill(log(BETA * this.alpha));
    this.label = Int32Array.from({ length: n }, (_, i) => i);
    this.minima = new ColumnMinima(n);
    this.pairTerm = new Float64Array(n);
    this.difference = new Float64Array(p);
    this.work = new Float64Array(p * p);
    // A pair's cost: its scatter (p²) and, for clusters of more than p rows, a Cholesky factor (p³/6).
    this.pairsPerStep = Math.max(1, Math.floor(STEP_UNITS / ((p * p * p) / 6 + p * p + p)));
  }

  *run(): Steps<Int32Array> {
    const { n } = this;
    const merges = new Int32Array(2 * Math.max(n - 1, 0));
    if (n < 2) return merges;
    yield* this.singletonCosts();
    let slots = n;
    let last = -1;
    for (let m = 0; m < n - 1; m++) {
      const [a, b] = this.minima.leastPair(slots);
      const costAB = this.minima.at(a, b);
      const la = this.label[a] as number;
      const lb = this.label[b] as number;
      merges[2 * m] = Math.min(la, lb);
      merges[2 * m + 1] = Math.max(la, lb);
      // mclust's merged term: the one computed with the costs of the last merged slot, or else the
      // cost plus the parts' terms.
      const term =
        m === 0 || a === last || b === last
          ? this.pairTermOf(a, b, last, m)
          : costAB + ((this.term[a] as number) + (this.term[b] as number));
      this.merge(a, b, term);
      if (b !== slots - 1) this.moveSlot(slots - 1, b, slots);
      slots--;
      last = a;
      yield* this.recomputeCosts(a, slots);
      yield;
    }
    return merges;
  }

  /** Every pair of singletons: mclust's 2·log(β(t + α)/2) with t = |xᵢ − xⱼ|²/2, whatever p. */
  private *singletonCosts(): Steps<void> {
    const { n, p, mean, minima } = this;
    const { cost } = minima;
    const ablog = log(BETA * this.alpha);
    const half = Math.SQRT1_2;
    for (let b = 1; b < n; b++) {
      const column = (b * (b - 1)) / 2;
      for (let a = 0; a < b; a++) {
        let t = 0;
        for (let j = 0; j < p; j++) {
          const v = ((mean[a * p + j] as number) - (mean[b * p + j] as number)) * half;
          t += v * v;
        }
        cost[column + a] = 2 * log((BETA * (t + this.alpha)) / 2) - (ablog + ablog);
      }
      minima.rescan(b);
      yield;
    }
  }

  /** The merged term of (a, b) as the cost computation that ranked the pair found it. */
  private pairTermOf(a: number, b: number, last: number, m: number): number {
    if (m === 0) {
      this.pairCost(a, b);
      return this.mergedTerm;
    }
    return this.pairTerm[a === last ? b : a] as number;
  }

  /** Slot a becomes the union of a and b. */
  private merge(a: number, b: number, term: number): void {
    const { p, mean, scatter, size } = this;
    this.pairCost(a, b);
    const na = size[a] as number;
    const nb = size[b] as number;
    const nab = na + nb;
    const v = this.difference;
    for (let r = 0; r < p; r++) {
      for (let c = 0; c < p; c++) {
        const e = r * p + c;
        scatter[a * p * p + e] =
          (scatter[a * p * p + e] as number) +
          (scatter[b * p * p + e] as number) +
          (v[r] as number) * (v[c] as number);
      }
    }
    // m_a + (m_b − m_a)·n_b/n: clusters of equal rows keep exactly that row as their mean.
    const share = nb / nab;
    for (let j = 0; j < p; j++) {
      const ma = mean[a * p + j] as number;
      mean[a * p + j] = ma + ((mean[b * p + j] as number) - ma) * share;
    }
    size[a] = nab;
    this.trace[a] = this.mergedTrace;
    this.term[a] = term;
    this.label[a] = Math.min(this.label[a] as number, this.label[b] as number);
  }

  /** Slot `from` (the last) moves into slot `to`, its costs with it (mclust's `wardsw`). */
  private moveSlot(from: number, to: number, slots: number): void {
    const { p, minima } = this;
    const { cost } = minima;
    this.size[to] = this.size[from] as number;
    this.mean.copyWithin(to * p, from * p, from * p + p);
    this.scatter.copyWithin(to * p * p, from * p * p, (from + 1) * p * p);
    this.trace[to] = this.trace[from] as number;
    this.term[to] = this.term[from] as number;
    this.label[to] = this.label[from] as number;
    const fromColumn = (from * (from - 1)) / 2;
    const toColumn = (to * (to - 1)) / 2;
    for (let a = 0; a < to; a++) cost[toColumn + a] = cost[fromColumn + a] as number;
    for (let c = to + 1; c < slots - 1; c++) cost[(c * (c - 1)) / 2 + to] = cost[fromColumn + c] as number;
    minima.rescan(to);
    for (let c = to + 1; c < slots - 1; c++) minima.update(c, to);
  }

  /**
   * The costs of slot a with every other slot, and the column minima they change; for wide data a
   * pause every `pairsPerStep` costs, so that one merge is never one long step.
   */
  private *recomputeCosts(a: number, slots: number): Steps<void> {
    const { minima, pairsPerStep } = this;
    const { cost } = minima;
    let sincePause = 0;
    for (let j = 0; j < slots; j++) {
      if (j === a) continue;
      const lo = Math.min(j, a);
      const hi = Math.max(j, a);
      cost[(hi * (hi - 1)) / 2 + lo] = this.pairCost(lo, hi);
      this.pairTerm[j] = this.mergedTerm;
      if (++sincePause === pairsPerStep) {
        sincePause = 0;
        yield;
      }
    }
    if (a > 0) minima.rescan(a);
    for (let c = a + 1; c < slots; c++) minima.update(c, a);
  }

  /** The cost of merging slots a < b; leaves the merged trace, term and mean difference behind. */
  private pairCost(a: number, b: number): number {
    const { p, mean, difference: v } = this;
    const na = this.size[a] as number;
    const nb = this.size[b] as number;
    const nab = na + nb;
    const root = Math.sqrt((na * nb) / nab);
    let t = 0;
    for (let j = 0; j < p; j++) {
      const value = root * ((mean[a * p + j] as number) - (mean[b * p + j] as number));
      v[j] = value;
      t += value * value;
    }
    const trace = (this.trace[a] as number) + (this.trace[b] as number) + t;
    const term = nab === 2 ? 2 * log((BETA * (trace + this.alpha)) / 2) : this.clusterTerm(a, b, nab, trace);
    this.mergedTrace = trace;
    this.mergedTerm = term;
    return term - ((this.term[a] as number) + (this.term[b] as number));
  }

  /** mclust's `vvvtij` for the union of slots a and b (n rows, trace t), its scatter W_a + W_b + v·vᵀ. */
  private clusterTerm(a: number, b: number, n: number, t: number): number {
    const { p, alpha } = this;
    const spread = (BETA * (t + alpha)) / n;
    if (n <= p) return n * log(spread);
    if (t === 0) return n * log((alpha * BETA) / n);
    const w = this.work;
    const v = this.difference;
    const sa = a * p * p;
    const sb = b * p * p;
    for (let r = 0; r < p; r++) {
      for (let c = 0; c <= r; c++) {
        const e = r * p + c;
        w[e] =
          ((this.scatter[sa + e] as number) +
            (this.scatter[sb + e] as number) +
            (v[r] as number) * (v[c] as number)) /
          n;
      }
    }
    const determinant = choleskyDeterminant(w, p);
    // Singular, or outside the normal range: negligible beside β(t + α)/n ≥ α/n, or dominating it.
    if (determinant <= SMALL_DETERMINANT) return n * log(spread);
    if (determinant >= LARGE_DETERMINANT) return n * logDeterminant(w, p);
    return n * log(determinant + spread);
  }
}
