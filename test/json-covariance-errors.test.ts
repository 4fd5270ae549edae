/**
 * `GaussianMixture.fromJSON` refusing covariances: the wrong compact shape for the saved type, and
 * matrices or variances that are not valid covariances, each with its literal message.
 */
import { describe } from 'vitest';
import { at } from './helpers';
import { rejectsJSON as rejects, SAVED, type Saved, savedModel, savedWith } from './saved-models';

const TIED = savedModel('tied');
const DIAG = savedModel('diag');
const SPHERICAL = savedModel('spherical');

/** The full model's covariances, typed for editing. */
const full = (j: Saved) => j.covariances as number[][][];
/** The tied and diag models' covariances, typed for editing. */
const matrix = (j: Saved) => j.covariances as number[][];

describe('covariances of the wrong compact shape', () => {
  rejects([
    [
      'tied with K matrices',
      { ...TIED, covariances: SAVED.covariances },
      TypeError,
      'covariances[0][0] must be a finite number, got an array',
    ],
    [
      'tied with too few rows',
      savedWith((j) => matrix(j).pop(), TIED),
      RangeError,
      'covariances has 2 entries, expected 3',
    ],
    [
      'full with one D×D matrix',
      { ...SAVED, covariances: TIED.covariances },
      TypeError,
      'covariances[0][0] must be an array, got 1',
    ],
    [
      'full with too few matrices',
      savedWith((j) => full(j).pop()),
      RangeError,
      'covariances has 2 entries, expected 3',
    ],
    [
      'diag with K full matrices',
      { ...DIAG, covariances: SAVED.covariances },
      TypeError,
      'covariances[0][0] must be a finite number, got an array',
    ],
    [
      'diag with one variance per component',
      { ...DIAG, covariances: SPHERICAL.covariances },
      TypeError,
      'covariances[0] must be an array, got 1.2',
    ],
    [
      'diag with a short row',
      savedWith((j) => at(matrix(j), 1).pop(), DIAG),
      RangeError,
      'covariances[1] has 2 entries, expected 3',
    ],
    [
      'spherical with K×D variances',
      { ...SPHERICAL, covariances: DIAG.covariances },
      TypeError,
      'covariances[0] must be a finite number, got an array',
    ],
    [
      'spherical with too few variances',
      { ...SPHERICAL, covariances: [1, 2] },
      RangeError,
      'covariances has 2 entries, expected 3',
    ],
    [
      'an infinite full covariance',
      savedWith((j) => (at(at(full(j), 2), 2)[2] = Number.POSITIVE_INFINITY)),
      RangeError,
      'covariances[2][2][2] must be a finite number, got Infinity',
    ],
  ]);
});

describe('covariances that are not valid for their type', () => {
  rejects([
    [
      'a non-symmetric full covariance',
      savedWith((j) => (at(at(full(j), 1), 0)[2] = 0.2)),
      RangeError,
      'covariances[1] is not symmetric at [2][0]',
    ],
    [
      'a full covariance that is not positive definite',
      savedWith((j) => {
        full(j)[0] = [
          [1, 2, 0],
          [2, 1, 0],
          [0, 0, 1],
        ];
      }),
      RangeError,
      'covariances[0] is not positive definite',
    ],
    [
      'a non-symmetric tied covariance',
      savedWith((j) => (at(matrix(j), 0)[2] = 0.2), TIED),
      RangeError,
      'covariances is not symmetric at [2][0]',
    ],
    [
      'a tied covariance that is not positive definite',
      {
        ...TIED,
        covariances: [
          [1, 0, 0],
          [0, -1, 0],
          [0, 0, 1],
        ],
      },
      RangeError,
      'covariances is not positive definite',
    ],
    [
      'a zero diag variance',
      savedWith((j) => (at(matrix(j), 1)[1] = 0), DIAG),
      RangeError,
      'covariances[1][1] must be > 0, got 0',
    ],
    [
      'a negative diag variance',
      savedWith((j) => (at(matrix(j), 2)[0] = -3), DIAG),
      RangeError,
      'covariances[2][0] must be > 0, got -3',
    ],
    [
      'a zero spherical variance',
      { ...SPHERICAL, covariances: [1, 0, 2] },
      RangeError,
      'covariances[1] must be > 0, got 0',
    ],
    [
      'a negative spherical variance',
      { ...SPHERICAL, covariances: [1, 2, -1] },
      RangeError,
      'covariances[2] must be > 0, got -1',
    ],
  ]);
});
