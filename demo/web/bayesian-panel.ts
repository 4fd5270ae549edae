/**
 * The Bayesian mixture panel: a slider for the weight concentration γ of the prior (Dirichlet
 * distribution or process) over at most K components. Every move refits `BayesianGaussianMixture` on the data (the latest
 * position wins; a fit in progress is cancelled) and shows the components the data keep switched
 * on, pruned, so the effect of the prior is seen as it happens.
 */
import { BayesianGaussianMixture, type CovarianceType, type WeightPrior } from '../../src/index';
import { byId } from './dom';

/** What the panel needs from the page: the rows, the covariance type and seed, and where results go. */
export interface BayesianPanelHost {
  rows(): number[][];
  covariance(): CovarianceType;
  seed(): number;
  show(model: BayesianGaussianMixture, concentration: number): void;
  fail(message: string): void;
}

/** Slider positions are log₁₀ γ. */
function concentrationAt(position: number): number {
  return 10 ** position;
}

export class BayesianPanel {
  private readonly slider = byId('bayes-concentration', HTMLInputElement);
  private readonly value = byId('bayes-concentration-value', HTMLSpanElement);
  private readonly upperK = byId('bayes-k', HTMLInputElement);
  private readonly prior = byId('bayes-prior', HTMLSelectElement);
  private readonly result = byId('bayes-active', HTMLParagraphElement);
  private controller: AbortController | undefined;

  constructor(private readonly host: BayesianPanelHost) {
    this.slider.addEventListener('input', () => {
      this.showConcentration();
      void this.refit();
    });
    this.upperK.addEventListener('change', () => void this.refit());
    this.prior.addEventListener('change', () => void this.refit());
    byId('bayes-fit', HTMLButtonElement).addEventListener('click', () => void this.refit());
    this.showConcentration();
  }

  /** Fits at the slider's concentration, cancelling a fit still running for an older position. */
  async refit(): Promise<void> {
    const rows = this.host.rows();
    const components = Math.min(Math.max(1, Math.round(Number(this.upperK.value) || 1)), 12, rows.length);
    if (rows.length < 2) {
      this.result.textContent = 'Choose or add at least two points first.';
      return;
    }
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const concentration = concentrationAt(Number(this.slider.value));
    try {
      const model = await BayesianGaussianMixture.fit(rows, {
        components,
        covariance: this.host.covariance(),
        weightPrior: this.prior.value as WeightPrior,
        weightConcentration: concentration,
        init: 'kmeans',
        seed: this.host.seed() >>> 0,
        maxIter: 500,
        tol: 1e-6,
        prune: true,
        signal: controller.signal,
      });
      if (controller.signal.aborted) return;
      const weights = model.weights.map((w) => w.toFixed(2)).join(', ');
      this.result.textContent = `${model.components} of ${components} components active (weights ${weights})`;
      this.host.show(model, concentration);
    } catch (error) {
      if (!controller.signal.aborted) this.host.fail(error instanceof Error ? error.message : String(error));
    } finally {
      if (this.controller === controller) this.controller = undefined;
    }
  }

  private showConcentration(): void {
    const concentration = concentrationAt(Number(this.slider.value));
    this.value.textContent =
      concentration < 0.01 ? concentration.toExponential(0) : String(Number(concentration.toPrecision(2)));
  }
}
