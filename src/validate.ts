/** Boundary checks: every user input is validated here once, before any numeric work. */
export { checkColumns, describeKind, readMatrix } from './validate/matrix';
export { allowsMissing, resolveFitOptions } from './validate/options';
