/** Colours shared by the plots and the parameter table. */

/** One colour per mixture component (Tableau 10, readable on white). */
export const CLUSTER_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#b07aa1',
  '#edc948',
  '#ff9da7',
  '#9c755f',
  '#79706e',
] as const;

/** Colour of component `k` (the palette repeats past ten). */
export function clusterColor(k: number): string {
  return CLUSTER_COLORS[k % CLUSTER_COLORS.length] ?? '#4e79a7';
}

/** One colour per covariance type, for the BIC curves (an alias has its mclust model's colour). */
export const COVARIANCE_COLORS = {
  full: '#4e79a7',
  tied: '#f28e2b',
  diag: '#59a14f',
  spherical: '#b07aa1',
  EII: '#d4a6c8',
  VII: '#b07aa1',
  EEI: '#8cd17d',
  VEI: '#499894',
  EVI: '#86bcb6',
  VVI: '#59a14f',
  EEE: '#f28e2b',
  VEE: '#ffbe7d',
  EVE: '#e15759',
  VVE: '#ff9d9a',
  EEV: '#9d7660',
  VEV: '#d7b5a6',
  EVV: '#a0cbe8',
  VVV: '#4e79a7',
} as const;

/** Points before any fit. */
export const UNFITTED = '#6b7280';
