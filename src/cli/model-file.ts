/**
 * Model files as the CLI writes and reads them: the library's JSON, with the names of the columns the
 * model was fitted on when the data had a header, so that `predict` finds them again by name.
 */
import { GaussianMixture } from '../index';
import type { CsvData } from './csv';
import { CliError } from './errors';
import { readText, STDIN } from './files';

/** The model's JSON and a newline; with `columns` when `data` had a header. */
export function modelText(model: GaussianMixture, data: Pick<CsvData, 'header' | 'names'>): string {
  const json = data.header ? { ...model.toJSON(), columns: data.names.slice() } : model.toJSON();
  return `${JSON.stringify(json)}\n`;
}

/** The model saved in `file`. @throws CliError with `fromJSON`'s reason when it is not one. */
export function readModel(file: string): GaussianMixture {
  const text = readText(file);
  try {
    return GaussianMixture.fromJSON(text);
  } catch (error) {
    if (!(error instanceof TypeError || error instanceof RangeError)) throw error;
    const reason = error.message.replace(/^GaussianMixture\.fromJSON: /, '');
    throw new CliError(`${file} is not a gmm-wasm model: ${reason}`);
  }
}

/**
 * Refuses data whose chosen columns are not as many as the model's features.
 * @param columns - `--columns`, when given.
 * @throws CliError naming the file (or `--columns`), both counts and what to change.
 */
export function checkFeatures(
  file: string,
  cols: number,
  columns: string | undefined,
  features: number,
): void {
  if (cols === features) return;
  const label = file === STDIN ? 'stdin' : file;
  const given = columns === undefined ? `${label} has ${cols} numeric columns` : `--columns chooses ${cols}`;
  const hint = columns === undefined ? '; choose them with --columns' : '';
  throw new CliError(`${given}, but the model was fitted on ${features}${hint}`);
}
