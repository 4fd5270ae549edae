/**
 * The Model panel's covariance menu: scikit-learn's four names and mclust's fourteen models, grouped
 * by what they constrain, each with a one-line picture of its clusters (volume, shape, orientation:
 * Equal for all, Variable per cluster, or the Identity — axes along the features).
 */
import type { CovarianceType } from '../../src/index';

interface MenuEntry {
  readonly name: CovarianceType;
  /** What the clusters look like under this model, in a few words. */
  readonly picture: string;
}

interface MenuGroup {
  readonly label: string;
  readonly entries: readonly MenuEntry[];
}

/** The menu, in the order shown: the familiar names first, then mclust's models in mclust's order. */
export const COVARIANCE_MENU: readonly MenuGroup[] = [
  {
    label: 'scikit-learn',
    entries: [
      { name: 'full', picture: 'VVV: each cluster its own tilted ellipse' },
      { name: 'tied', picture: 'EEE: one tilted ellipse shared by all' },
      { name: 'diag', picture: 'VVI: axis-aligned ellipses, otherwise free' },
      { name: 'spherical', picture: 'VII: circles of their own sizes' },
    ],
  },
  {
    label: 'mclust · round (…II)',
    entries: [
      { name: 'EII', picture: '○ ○ circles, all the same size' },
      { name: 'VII', picture: '○ ◯ circles, sizes differ' },
    ],
  },
  {
    label: 'mclust · axis-aligned (…I)',
    entries: [
      { name: 'EEI', picture: '⬭ ⬭ one axis-aligned ellipse for all' },
      { name: 'VEI', picture: '⬭ ⬬ the same shape, sizes differ' },
      { name: 'EVI', picture: '⬭ ⬯ the same size, shapes differ' },
      { name: 'VVI', picture: '⬭ ⬯ size and shape free, axes fixed' },
    ],
  },
  {
    label: 'mclust · one orientation for all (…E)',
    entries: [
      { name: 'EEE', picture: '⧸ ⧸ one tilted ellipse for all' },
      { name: 'VEE', picture: '⧸ ⁄ the same tilted ellipse, scaled' },
      { name: 'EVE', picture: '⧸ ⧸ same axes and size, shapes differ' },
      { name: 'VVE', picture: '⧸ ⧸ same axes, size and shape free' },
    ],
  },
  {
    label: 'mclust · each its own orientation (…V)',
    entries: [
      { name: 'EEV', picture: '⧸ ⧹ the same size and shape, each turned' },
      { name: 'VEV', picture: '⧸ ⧹ the same shape, sizes and axes differ' },
      { name: 'EVV', picture: '⧸ ⧹ the same size, otherwise free' },
      { name: 'VVV', picture: '⧸ ⧹ nothing shared (= full)' },
    ],
  },
];

/** Every name the menu offers. */
export const MENU_COVARIANCES: readonly CovarianceType[] = COVARIANCE_MENU.flatMap((group) =>
  group.entries.map((entry) => entry.name),
);

/** Fills `select` with the grouped menu (`<optgroup>` per group) and selects `selected`. */
export function fillCovarianceMenu(select: HTMLSelectElement, selected: CovarianceType): void {
  select.replaceChildren(
    ...COVARIANCE_MENU.map((group) => {
      const optgroup = document.createElement('optgroup');
      optgroup.label = group.label;
      optgroup.append(
        ...group.entries.map(({ name, picture }) => {
          const option = document.createElement('option');
          option.value = name;
          option.textContent = `${name} — ${picture}`;
          return option;
        }),
      );
      return optgroup;
    }),
  );
  select.value = selected;
}
