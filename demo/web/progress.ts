/** Log-likelihood traces collected from `onIteration`, and redraws throttled to one per animation frame. */
import type { IterationProgress } from '../../src/index';

/** Per restart, the mean log-likelihood after each iteration, as reported while fitting. */
export class Traces {
  restarts: number[][] = [];
  /** The restart (or candidate) reported last. */
  current = 0;
  /** During model selection: the candidate being fitted, e.g. `K=3 full`. */
  candidate: string | undefined;
  last: IterationProgress | undefined;

  record(progress: IterationProgress): void {
    const candidate =
      progress.candidate && `K=${progress.candidate.components} ${progress.candidate.covariance}`;
    // Model selection reports many candidates: keep only the one being fitted.
    if (candidate !== this.candidate) this.restarts = [];
    this.candidate = candidate;
    const values = this.restarts[progress.restart] ?? [];
    // A restart's first iteration starts its trace afresh.
    if (progress.iteration === 1) values.length = 0;
    values.push(progress.logLikelihood);
    this.restarts[progress.restart] = values;
    this.current = progress.restart;
    this.last = progress;
  }

  /** The restart whose trace is the start of `history` (the kept one), or the best last value. */
  keptRestart(history: readonly number[]): number {
    const exact = this.restarts.findIndex(
      (values) => values.length > 0 && values.every((value, i) => value === history[i]),
    );
    if (exact >= 0) return exact;
    let best = 0;
    this.restarts.forEach((values, r) => {
      if ((values.at(-1) ?? -Infinity) > (this.restarts[best]?.at(-1) ?? -Infinity)) best = r;
    });
    return best;
  }

  clear(): void {
    this.restarts = [];
    this.current = 0;
    this.candidate = undefined;
    this.last = undefined;
  }
}

/** Wraps `draw` so that any number of calls within a frame draw once, at the next animation frame. */
export function perFrame(draw: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      draw();
    });
  };
}
