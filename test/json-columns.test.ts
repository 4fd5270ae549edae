/**
 * A saved model's optional `columns`: carried through fromJSON and toJSON unchanged, absent when the
 * fit had no names, and refused with a message naming the entry when it is malformed.
 */
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';

const X = [
  [0, 1],
  [1, 0],
  [5, 5],
  [6, 5],
];

describe('columns in a saved model', async () => {
  const model = await GaussianMixture.fit(X, { components: 2, seed: 1 });
  const json = model.toJSON();

  it('is absent unless the JSON carries it, and round-trips when it does', () => {
    expect(model.columns).toBeUndefined();
    expect('columns' in json).toBe(false);
    const named = GaussianMixture.fromJSON({ ...json, columns: ['height', 'weight'] });
    expect(named.columns).toEqual(['height', 'weight']);
    expect(Object.isFrozen(named.columns)).toBe(true);
    expect(named.toJSON()).toEqual({ ...json, columns: ['height', 'weight'] });
    expect(Array.from(named.scoreSamples(X))).toEqual(Array.from(model.scoreSamples(X)));
  });

  it.each([
    ['height', TypeError, 'columns must be an array of strings'],
    [['height'], RangeError, 'columns has 1 names, expected one per feature (2)'],
    [['height', 3], TypeError, 'columns[1] must be a string'],
    [['height', 'height'], RangeError, 'columns[1] repeats the name of columns[0]'],
    [['height', 'w'.repeat(1001)], RangeError, 'columns[1] is longer than 1000 characters'],
  ])('refuses columns %j', (columns, Kind, message) => {
    const load = () => GaussianMixture.fromJSON({ ...json, columns });
    expect(load).toThrow(Kind);
    expect(load).toThrow(`GaussianMixture.fromJSON: ${message}`);
  });
});
