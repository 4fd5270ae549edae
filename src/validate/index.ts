/** Boundary checks: every user input is validated here once, before any numeric work. */
export { checkColumns, describeKind, readMatrix } from './matrix';
export { allowsMissing, resolveFitOptions } from './options';
export { refuseFloat32 } from './precision';
