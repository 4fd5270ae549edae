// A TypeScript consumer compiled with `lib: ["ES2022"]` and no @types at all: neither DOM nor Node
// types. It compiles only if the published declarations name no DOM or Node type (AbortSignal,
// Response, URL, WebAssembly.Module are described structurally).
import { type FitOptions, GaussianMixture, ready, supportsSimd } from 'gmm-wasm';
import { ready as readySlim } from 'gmm-wasm/slim';

declare const signal: {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
};

const options: FitOptions = { components: 2, seed: 1, signal, workers: 1, workerUrl: 'worker.js' };
const model: GaussianMixture = await GaussianMixture.fit([[0], [1], [5], [6]], options);
const simd: boolean = supportsSimd();
const loaded: Promise<void> = ready(new Uint8Array(8));
const slim: Promise<void> = readySlim('gmm.wasm');

export { loaded, model, simd, slim };
