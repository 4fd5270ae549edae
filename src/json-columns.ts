/**
 * The optional `columns` field of a saved model: the names of the D features, in order, as the data
 * they were fitted on called them (the CLI records a CSV's header here). Carried through
 * `fromJSON`/`toJSON` unchanged; the numbers never depend on it.
 */

/** Longer names than this are not column names but a mistake; a message quotes none of them whole. */
const MAX_NAME_LENGTH = 1000;

/**
 * `columns` as read from a saved model: undefined when absent, else D distinct strings.
 * @throws TypeError / RangeError `GaussianMixture.fromJSON: columns …`.
 */
export function readColumns(value: unknown, features: number): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const fail = (Kind: typeof TypeError, message: string) =>
    new Kind(`GaussianMixture.fromJSON: columns${message}`);
  if (!Array.isArray(value)) throw fail(TypeError, ' must be an array of strings');
  if (value.length !== features) {
    throw fail(RangeError, ` has ${value.length} names, expected one per feature (${features})`);
  }
  value.forEach((name, j) => {
    if (typeof name !== 'string') throw fail(TypeError, `[${j}] must be a string`);
    if (name.length > MAX_NAME_LENGTH)
      throw fail(RangeError, `[${j}] is longer than ${MAX_NAME_LENGTH} characters`);
    if (value.indexOf(name) !== j)
      throw fail(RangeError, `[${j}] repeats the name of columns[${value.indexOf(name)}]`);
  });
  return Object.freeze(value.slice() as string[]);
}
