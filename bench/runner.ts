/**
 * Child-process entry of the benchmark: `runner.ts <implementation> <problem dir>` times one Node
 * implementation on one problem and prints its Measurement as JSON on the last stdout line. A process
 * per measurement gives every implementation a fresh JIT and heap, and gmm-wasm a fresh wasm memory,
 * whose size afterwards is that shape's peak.
 */

import type { Implementation } from './grid';
import { type Problem, readProblem } from './problem';
import { measureExpectationMaximization } from './run-expectation-maximization';
import { measureGaussianMixtureModel } from './run-gaussian-mixture-model';
import { measurePlain } from './run-plain';
import { measureWasm, measureWasmFloat32 } from './run-wasm';
import type { Measurement } from './timing';

const MEASURE: Record<Exclude<Implementation, 'sklearn'>, (p: Problem) => Promise<Measurement>> = {
  'gmm-wasm': measureWasm,
  'gmm-wasm-f32': measureWasmFloat32,
  'plain-ts': measurePlain,
  'gaussian-mixture-model': measureGaussianMixtureModel,
  'expectation-maximization': measureExpectationMaximization,
};

const [, , name, dir] = process.argv;
const measure =
  name !== undefined && Object.hasOwn(MEASURE, name) ? MEASURE[name as keyof typeof MEASURE] : undefined;
if (!measure || dir === undefined) {
  console.error(`usage: runner.ts <${Object.keys(MEASURE).join('|')}> <problem dir>`);
  process.exit(2);
}
console.log(JSON.stringify(await measure(readProblem(dir))));
