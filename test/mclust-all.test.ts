/**
 * `selectModel(…, { covariance: 'all' })` makes mclust's choice on Iris and Old Faithful: K = 1…9 ×
 * the fourteen models as `Mclust(X)` (VEV,2 and EEE,3), and with the conjugate prior the ten models
 * as `mclustBIC(X, prior = priorControl())`, with mclust's BIC at the chosen (MAP) fit. Fixtures
 * from scripts/make-mclust-all.R (mclust's sign: 2·loglik − p·ln N, higher is better).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MCLUST_MODELS } from '../src/covariance/index';
import { selectModel } from '../src/index';
import { expectClose } from './helpers';
import { demoData } from './model-choice';

interface Choice {
  readonly best: { readonly model: string; readonly G: number; readonly bic: number };
  readonly table: readonly { readonly model: string; readonly bic: readonly (number | null)[] }[];
}

const FIXTURE = JSON.parse(
  readFileSync(new URL('./fixtures/mclust/all-models.json', import.meta.url), 'utf8'),
) as Record<'iris' | 'faithful', { readonly all: Choice; readonly prior: Choice }>;

const DATA = { iris: demoData('iris.csv', 4), faithful: demoData('faithful.csv', 2) };
const K = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/**
 * How close the chosen fit's BIC is to mclust's. On Iris both EMs reach the same maximum (~1e-10
 * apart). Old Faithful's EEE,3 climbs slowly: mclust stops at its relative tolerance 1e-5 while
 * gmm-wasm's 1e-6 on the mean log-likelihood goes on, ~1e-5 higher.
 */
const BIC_TOLERANCE = { iris: 1e-8, faithful: 3e-5 } as const;

describe.each(['iris', 'faithful'] as const)('%s', (name) => {
  it.each(['all', 'prior'] as const)(
    "covariance 'all' (%s) picks mclust's model, K and BIC",
    async (kind) => {
      const mclust = FIXTURE[name][kind];
      const { best, table } = await selectModel(DATA[name], {
        components: K,
        covariance: 'all',
        init: 'hierarchical',
        seed: 1,
        ...(kind === 'prior' ? { prior: 'default' as const } : {}),
      });
      // With the prior, mclust's list: the ten models that have one.
      const models = [...new Set(table.map((row) => row.covariance))];
      expect(models).toEqual(mclust.table.map((column) => column.model));
      expect(models.length).toBe(kind === 'prior' ? 10 : MCLUST_MODELS.length);
      expect([best.covariance, best.components]).toEqual([mclust.best.model, mclust.best.G]);
      expect(best.prior === undefined).toBe(kind === 'all');
      const mclustBic = -best.bic(DATA[name]);
      expectClose(mclustBic, mclust.best.bic, BIC_TOLERANCE[name], 0, 'BIC of the choice');
      // Never short of mclust's maximum by more than rounding: the same fit or a higher one.
      expect(mclustBic).toBeGreaterThan(mclust.best.bic - 1e-8 * Math.abs(mclust.best.bic));
    },
  );
});
