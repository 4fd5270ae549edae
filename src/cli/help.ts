/** The CLI's help texts and its version. */
import { createRequire } from 'node:module';
import { MISSING_HELP } from './missing';

const DATA = `Data files are CSV, comma-separated; blank lines are skipped. The first row is a header when it
has text in every column where the second row has a number. --columns picks columns by header
name or by number from 1 (a,b,c or 1,3,4); columns not picked may hold text, such as a label.`;

const EXIT = `Exit status: 0 success; 1 error (a file, a CSV cell, a model or an option value);
2 usage error (unknown command or option, missing argument or value).`;

const EM = `  --covariance TYPE    full (default), diag, spherical or tied
  --standardize        z-score the columns for the fit; the model still uses the original units
  --seed N             seed every random choice (default: random; the summary prints it)
  --restarts N         independent starts, the best kept (default 1)
  --max-iter N         EM iterations at most (default 100)
  --tol X              stop when the mean log-likelihood changes by less (default 1e-3)
  --reg-covar X        added to every covariance diagonal (default 1e-6)
  --init METHOD        random (default), kmeans, kmeans++ or random-from-data
  --columns LIST       the columns to use, by name or number from 1 (default: all)
${MISSING_HELP}`;

const STREAM = `  --stream             read the data in passes with bounded memory (fit: exact EM, one pass per
                       iteration plus a first pass for the start; predict: labels written as rows are read)
  --binary D           with --stream: the file holds raw little-endian rows of D values, no header
  --dtype TYPE         with --binary: float64 (default) or float32`;

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
Unknown options are usage errors.
${EXIT}
`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  fit: `Usage: gmm-wasm fit <data.csv> -k K [options]

Fits a mixture of K Gaussians to the rows of data.csv. Prints a summary on stderr (K, covariance,
convergence, log-likelihood, BIC, weights) and writes the model as JSON to stdout or --out.

Options:
  -k, --components K   the number of components (required)
${EM}
  -o, --out FILE       write the model JSON to FILE instead of stdout
${STREAM}
  -h, --help           this help

${DATA}

${EXIT}
`,
  predict: `Usage: gmm-wasm predict <model.json> <data.csv> [options]

Writes CSV to stdout: a header 'label', then the most likely component (from 0) of every row; with
--proba, a header p0,p1,… then every row's component probabilities, which sum to 1.

Options:
  --proba              probabilities instead of labels
  --columns LIST       the columns the model was fitted on, by name or number from 1 (default: all)
${STREAM}
${MISSING_HELP}
  -h, --help           this help

${DATA}

${EXIT}
`,
  select: `Usage: gmm-wasm select <data.csv> -k 1..8 [options]

Fits every candidate number of components × covariance type with the same options and prints a table
of BIC, AIC, log-likelihood per row and convergence; * marks the best. One seed serves every candidate.

Options:
  -k, --components KS  candidates: a range 1..8, a list 2,4,6 or one number (required)
  --covariance TYPES   comma-separated: full (default), diag, spherical, tied
  --criterion NAME     bic (default), aic or icl: what "best" means (lowest)
${EM.split('\n').slice(1).join('\n')}
  -o, --out FILE       write the best model as JSON to FILE
  -h, --help           this help

${DATA}

${EXIT}
`,
};

/** The `version` of the package.json of gmm-wasm, found from here whether run from source or the bundle. */
export function version(): string {
  // The package refers to itself by name through its `exports` (`./package.json` is exported).
  const manifest: unknown = createRequire(import.meta.url)('gmm-wasm/package.json');
  return (manifest as { version: string }).version;
}
