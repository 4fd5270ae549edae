/** The CLI's help texts and its version. */
import { createRequire } from 'node:module';
import { MISSING_HELP } from './missing';

const DATA = `Data files are CSV: fields separated by ',', ';' or a tab (detected from the first line, or
--delimiter), blank lines skipped; '-' reads standard input. The first row is a header when it has
text in every column where the second row has a number. Without --columns every numeric column is
used, and the others (a label such as a species, R's unnamed row-names column) are left out with a
one-line notice on stderr. With ';' between fields, decimal commas (3,6) are read as R's write.csv2
writes them. A model fitted on a file with a header remembers the column names, and predict picks
those columns by name.`;

const EXIT = `Exit status: 0 success; 1 error (a file, a CSV cell, a model or an option value);
2 usage error (unknown command or option, missing argument or value).`;

const DATA_FLAGS = `  --columns LIST       the columns to use: header names or numbers from 1, and ranges of
                       either (sepal_length..petal_width, 1..4 or 1-4); default: every numeric column
  -d, --delimiter C    the field separator: one character, or tab (default: detected)`;

const EM = `  --covariance TYPE    full (default), diag, spherical, tied, or one of mclust's fourteen:
                       EII VII EEI VEI EVI VVI EEE VEE EVE VVE EEV VEV EVV VVV
                       (volume, shape, orientation: Equal, Variable or Identity)
  --prior              MAP-EM with mclust's default conjugate prior (not for VEE EVE VVE EVV);
                       --reg-covar then defaults to 0
  --standardize        z-score the columns for the fit; the model still uses the original units
  --seed N             seed every random choice (default: random; the summary prints it)
  --restarts N         independent starts, the best kept (default 1)
  --max-iter N         EM iterations at most (default 100)
  --tol X              stop when the mean log-likelihood changes by less (default 1e-3)
  --reg-covar X        added to every covariance diagonal (default 1e-6)
  --init METHOD        random (default), kmeans, kmeans++, random-from-data or hierarchical
${DATA_FLAGS}
${MISSING_HELP}`;

const NUMBERS = `Counts and seeds are decimal integers (3, not 0x3 or 3.0); --tol and --reg-covar are decimal
numbers (1e-4, 0.001).`;

const STREAM = `  --stream             read the data in passes with bounded memory (fit: exact EM, one pass per
                       iteration plus a first pass for the start; predict: labels written as rows are read)
  --binary D           with --stream: the file holds raw little-endian rows of D values, no header
  --dtype TYPE         with --binary: float64 (default) or float32`;

/** The text of `gmm-wasm --help`: the commands and where to read more. */
export const MAIN_HELP = `gmm-wasm: Gaussian mixture models fitted by EM

Usage:
  gmm-wasm fit <data.csv> -k K [options]             fit a mixture; write the model as JSON
  gmm-wasm predict <model.json> <data.csv> [options] label, or probabilities, of every row as CSV
  gmm-wasm select <data.csv> -k 1..8 [options]       fit every candidate; print the BIC table
  gmm-wasm impute <model.json> <data.csv> [options]  fill in missing cells; write the CSV
  gmm-wasm <command> --help                          the options of a command
  gmm-wasm --version                                 the version

${DATA}

Progress is shown on stderr while fitting when stderr is a terminal.
Unknown options are usage errors (with the nearest option suggested).
${EXIT}
`;

/** Each command's `--help` text, by command name. */
export const COMMAND_HELP: Readonly<Record<string, string>> = {
  fit: `Usage: gmm-wasm fit <data.csv> -k K [options]

Fits a mixture of K Gaussians to the rows of data.csv. Prints a summary on stderr (K, covariance,
convergence, log-likelihood, BIC, weights) and writes the model as JSON to stdout or --out.

Options:
  -k, --components K   the number of components (required)
${EM}
  -o, --out FILE       write the model JSON to FILE instead of stdout (checked before the fit;
                       written to a temporary file beside it, then renamed over it)
${STREAM}
  -h, --help           this help

${DATA}

${NUMBERS}

${EXIT}
`,
  predict: `Usage: gmm-wasm predict <model.json> <data.csv> [options]

Writes CSV to stdout: a header 'label', then the most likely component (from 0) of every row; with
--proba, a header p0,p1,… then every row's component probabilities, which sum to 1.

Options:
  --proba              probabilities instead of labels
${DATA_FLAGS.replace('default: every numeric column', "default: the model's columns by name, else\n                       every numeric column")}
${STREAM}
${MISSING_HELP}
  -h, --help           this help

${DATA}

${EXIT}
`,
  select: `Usage: gmm-wasm select <data.csv> -k 1..8 [options]

Fits every candidate number of components × covariance type with the same options and prints a table
of BIC, AIC, ICL, log-likelihood per row, convergence and whether a component is degenerate (the data
do not determine it); * marks the best, never a degenerate candidate while a sound one exists. One
seed serves every candidate.

Options:
  -k, --components KS  candidates: a range 1..8, a list 2,4,6 or one number (required)
  --covariance TYPES   comma-separated: full (default), diag, spherical, tied, or mclust's
                       EII VII EEI VEI EVI VVI EEE VEE EVE VVE EEV VEV EVV VVV; or all:
                       mclust's fourteen (with --prior its ten), printed as mclust's BIC table
  --criterion NAME     bic (default), aic or icl: what "best" means (lowest)
${EM.split('\n').slice(3).join('\n')}
  -o, --out FILE       write the best model as JSON to FILE (checked before the fits; written to
                       a temporary file beside it, then renamed over it)
  -h, --help           this help

${DATA}

${NUMBERS}

${EXIT}
`,
};

/** The `version` of the package.json of gmm-wasm, found from here whether run from source or the bundle. */
export function version(): string {
  // The package refers to itself by name through its `exports` (`./package.json` is exported).
  const manifest: unknown = createRequire(import.meta.url)('gmm-wasm/package.json');
  return (manifest as { version: string }).version;
}
