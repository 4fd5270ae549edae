/**
 * The model-selection view of the Iris demo (`npm run demo -- --bic`): BIC for K = 1…6 and each of
 * the four covariance types, fitted with the demo's settings, and the model BIC prefers.
 */
import { type CovarianceType, type SelectionRow, selectModel } from '../src/index';
import { fixed, heading, table } from './format';
import { SETTINGS } from './settings';

export const CANDIDATE_COMPONENTS = [1, 2, 3, 4, 5, 6];
export const CANDIDATE_TYPES: CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];

export interface IrisSelection {
  readonly table: SelectionRow[];
  readonly best: SelectionRow;
}

/** Every candidate fitted with the demo's settings (standardized, its restarts and regCovar). */
export async function selectIris(X: number[][], seed: number): Promise<IrisSelection> {
  const { components: _components, ...settings } = SETTINGS;
  const { best, table: rows } = await selectModel(X, {
    ...settings,
    components: CANDIDATE_COMPONENTS,
    covariance: CANDIDATE_TYPES,
    standardize: true,
    seed,
  });
  const chosen = rows.find((row) => row.components === best.components && row.covariance === best.covariance);
  if (!chosen) throw new Error('the best model is missing from the selection table');
  return { table: rows, best: chosen };
}

/** BIC as a K × type grid, the lowest starred, then the preferred model in words. */
export function formatSelection({ table: rows, best }: IrisSelection): string[] {
  const cell = (k: number, type: CovarianceType): string => {
    const row = rows.find((r) => r.components === k && r.covariance === type);
    if (!row) return '';
    if (row.error) return 'failed';
    return `${fixed(row.bic, 1)}${row === best ? ' *' : '  '}`;
  };
  const grid = [
    ['K', ...CANDIDATE_TYPES],
    ...CANDIDATE_COMPONENTS.map((k) => [`${k}`, ...CANDIDATE_TYPES.map((type) => cell(k, type))]),
  ];
  return [
    ...heading('Model selection: BIC on Iris (lower is better; * marks the minimum)'),
    ...table(grid, { align: grid[0]?.map((_, i) => (i === 0 ? 'left' : 'right')) ?? [] }),
    '',
    `  BIC prefers K = ${best.components} with '${best.covariance}' covariance ` +
      `(log-likelihood ${fixed(best.logLikelihood, 4)} per sample; Iris has 3 species).`,
    ...(best.components < 3
      ? ['  versicolor and virginica overlap so much that a third component does not pay for its parameters.']
      : []),
  ];
}
