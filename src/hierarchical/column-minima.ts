/**
 * The merge costs of the agglomeration (./tree.ts) and the least of them: the costs of slots a < b
 * in a packed triangle at b(b − 1)/2 + a, scanned column by column as mclust does, and each column's
 * least cost kept (mclust rescans every pair after every merge, O(n³)). A column whose least entry
 * grew keeps the old least as a lower bound, made exact only when the column comes up for a merge
 * (Müllner's lazy minima: most columns never do before changing again).
 */
export class ColumnMinima {
  /** Merge cost of slots a < b at b(b − 1)/2 + a. */
  readonly cost: Float64Array;
  /** The least cost in column b (over a < b), or while `stale[b]` a lower bound of it. */
  private readonly least: Float64Array;
  /** The last a that has column b's least cost. */
  private readonly arg: Int32Array;
  private readonly stale: Uint8Array;

  /** Room for the costs of n slots. */
  constructor(n: number) {
    this.cost = new Float64Array((n * (n - 1)) / 2);
    this.least = new Float64Array(n);
    this.arg = new Int32Array(n);
    this.stale = new Uint8Array(n);
  }

  /** The cost of merging slots a < b. */
  at(a: number, b: number): number {
    return this.cost[(b * (b - 1)) / 2 + a] as number;
  }

  /**
   * The least cost over the columns 1…slots−1, ties to the last pair in packed order. The column of
   * least bound is made exact until it is exact: its cost is then at most every other column's bound,
   * and a later column with the same least cost would have had the same or a lower bound and come first.
   */
  leastPair(slots: number): [number, number] {
    for (;;) {
      let best = 1;
      for (let b = 2; b < slots; b++) {
        if ((this.least[b] as number) <= (this.least[best] as number)) best = b;
      }
      if (this.stale[best] === 0) return [this.arg[best] as number, best];
      this.rescan(best);
    }
  }

  /** Column b's least cost, found anew. */
  rescan(b: number): void {
    const column = (b * (b - 1)) / 2;
    let least = Infinity;
    let arg = 0;
    for (let a = 0; a < b; a++) {
      const value = this.cost[column + a] as number;
      if (value <= least) {
        least = value;
        arg = a;
      }
    }
    this.least[b] = least;
    this.arg[b] = arg;
    this.stale[b] = 0;
  }

  /**
   * Entry (a, b) of column b changed. Below the column's least cost (or bound) it is the least; a
   * tie takes the later row while the column is exact; the least entry growing makes the old least
   * a bound.
   */
  update(b: number, a: number): void {
    const value = this.cost[(b * (b - 1)) / 2 + a] as number;
    const least = this.least[b] as number;
    const arg = this.arg[b] as number;
    if (value < least || (value === least && a > arg && this.stale[b] === 0)) {
      this.least[b] = value;
      this.arg[b] = a;
      this.stale[b] = 0;
    } else if (a === arg && value > least) {
      this.stale[b] = 1;
    }
  }
}
