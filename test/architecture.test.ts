// ARCHITECTURE.md is true of the code: every path it names exists, and the layering rules and the
// invariants it marks as tested hold. A change that breaks one must change the document with it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALUATION_MODELS } from '../src/covariance/evaluation';
import { COVARIANCE_MODELS, COVARIANCE_TYPES } from '../src/covariance/index';
import { addStatistics } from '../src/sufficient-statistics';
import { WasmData } from '../src/wasm/data';
import { loadKernels } from '../src/wasm/load';
import { Workspace } from '../src/wasm/workspace';
import { mulberry32 } from './helpers';
import { GENERATED, imports, offenders, ROOT, read, sources } from './source-graph';

const ARCHITECTURE = read('ARCHITECTURE.md');
const SRC = sources('src');
const inWasm = (file: string) => file.startsWith('src/wasm/');

describe('ARCHITECTURE.md', () => {
  it('names only paths that exist', () => {
    const named = [...ARCHITECTURE.matchAll(/`([^`\s]+)`/g)]
      .map((match) => match[1] as string)
      .filter((token) => !token.startsWith('@') && !token.includes(':') && !token.includes('('))
      .filter((token) => token.includes('/') || /\.(ts|mjs|json|md)$/.test(token));
    expect(named.length).toBeGreaterThan(50);
    expect(named.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  it('assembly/ imports only assembly/', () => {
    const files = sources('assembly');
    expect(files).toContain('assembly/index.ts');
    expect(offenders(files, (target) => !target.startsWith('assembly/'))).toEqual([]);
  });

  it('src/wasm/ imports from outside itself only the loader, types and leaf helpers', () => {
    const allowed = [
      '@assemblyscript/loader',
      'src/types.ts',
      'src/internal-types.ts',
      'src/sufficient-statistics.ts',
      'src/covariance/model.ts',
      'src/logarithm.ts',
      'src/yield.ts',
      'src/eigen.ts',
    ];
    const files = SRC.filter(inWasm);
    expect(files.length).toBeGreaterThan(5);
    expect(
      offenders(files, (target) => !target.startsWith('src/wasm/') && !allowed.includes(target)),
    ).toEqual([]);
  });

  it('outside src/wasm/, the WebAssembly global is only the module type the worker pool passes on', () => {
    const uses = SRC.filter((file) => !inWasm(file)).flatMap((file) =>
      [...read(file).matchAll(/\bWebAssembly\.(\w+)/g)].map((match) => `${file}: ${match[0]}`),
    );
    expect(new Set(uses)).toEqual(
      new Set(['src/workers/pool.ts: WebAssembly.Module', 'src/workers/protocol.ts: WebAssembly.Module']),
    );
  });

  it('allocates linear memory and calls kernels only where it says', () => {
    const memory = SRC.filter((file) => !inWasm(file) && imports(file).includes('src/wasm/memory.ts'));
    expect(memory).toContain('src/engine/pattern-pass.ts');
    expect(memory.filter((file) => !file.startsWith('src/engine/'))).toEqual([]);

    const exported = [...read('assembly/index.ts').matchAll(/export\s*\{([^}]*)\}/g)].flatMap((match) =>
      (match[1] as string).split(',').map((name) => name.trim()),
    );
    expect(exported).toContain('eStepFull');
    // The allocator's exports are covered above, through the Arena (and `alloc` is a common name).
    const kernelNames = exported.filter((name) => name !== 'alloc' && name !== 'free');
    const call = new RegExp(`\\.(${kernelNames.join('|')})\\(`);
    const callers = SRC.filter((file) => !inWasm(file) && call.test(read(file)));
    expect(callers).toContain('src/covariance/full.ts');
    expect(callers.filter((file) => !file.startsWith('src/covariance/'))).toEqual([]);
  });

  it('the model classes score rows through the predict engine, never src/wasm/ itself', () => {
    const models = [
      'src/GaussianMixture.ts',
      'src/fitted-mixture.ts',
      'src/model-scoring.ts',
      'src/bayesian/BayesianGaussianMixture.ts',
      'src/bayesian/scoring.ts',
    ];
    expect(imports('src/model-scoring.ts')).toContain('src/engine/prediction.ts');
    expect(imports('src/bayesian/scoring.ts')).toContain('src/engine/prediction.ts');
    expect(offenders(models, (target) => target.startsWith('src/wasm/'))).toEqual([]);
  });

  it('outside src/wasm/, only the engines import src/wasm/, but for the exceptions it names', () => {
    const outside = SRC.filter((file) => !inWasm(file) && !file.startsWith('src/engine/'));
    const reached = offenders(outside, (target) => target.startsWith('src/wasm/'));
    expect(new Set(reached)).toEqual(
      new Set([
        // The package's entry re-exports the loader's public face: ready, supportsSimd and their types.
        'src/index.ts -> src/wasm/load.ts',
        'src/index.ts -> src/wasm/source.ts',
        // The workers' side of the pool and stream engines, which instantiate their own module.
        'src/workers/worker-main.ts -> src/wasm/data.ts',
        'src/workers/worker-main.ts -> src/wasm/instantiate.ts',
        'src/workers/worker-main.ts -> src/wasm/workspace.ts',
        'src/workers/chunk-answer.ts -> src/wasm/kernels.ts',
        // The covariance table's factorise entries take the kernels (rule 4).
        'src/covariance/model.ts -> src/wasm/kernels.ts',
        // The EVE and VVE M-steps run their MM loop in wasm, on this thread's module, and the EEV,
        // VEV and EVV M-steps their eigen-decompositions.
        'src/covariance/orientation-equal.ts -> src/wasm/orientation.ts',
        'src/covariance/orientation-variable.ts -> src/wasm/eigen.ts',
      ]),
    );
    // Those bridges reach the module through the loader's registration, never the loader itself:
    // the covariance table is bundled into the workers, which must not embed the binary.
    const bridge = ['src/wasm/orientation.ts', 'src/wasm/eigen.ts', 'src/wasm/thread-kernels.ts'];
    expect(
      offenders(bridge, (target) => target === 'src/wasm/load.ts' || target === 'src/wasm/binary.ts'),
    ).toEqual([]);
    expect(imports('src/wasm/load.ts')).toContain('src/wasm/thread-kernels.ts');
    // The last two name a type only: nothing of the bridge runs there.
    for (const file of ['src/workers/chunk-answer.ts', 'src/covariance/model.ts']) {
      expect(read(file)).toMatch(/^import type \{ Kernels \} from '\.\.\/wasm\/kernels';$/m);
    }
    // The starts ask the engines for their rows (src/engine/start-rows.ts).
    expect(imports('src/em/init.ts')).toContain('src/engine/start-rows.ts');
  });

  it('src/types.ts and src/fit-options.ts hold only what src/index.ts exports', () => {
    const index = read('src/index.ts');
    for (const file of ['src/types.ts', 'src/fit-options.ts']) {
      const names = [...read(file).matchAll(/^export (?:type|interface) (\w+)/gm)].map((match) => match[1]);
      expect(names.length).toBeGreaterThan(3);
      const from = `'./${file.slice('src/'.length, -'.ts'.length)}'`;
      const exported = new RegExp(`export type \\{([^}]*)\\} from ${from}`).exec(index)?.[1] ?? '';
      const listed = exported
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
      expect([file, listed.sort()]).toEqual([file, [...names].sort()]);
    }
  });

  it('src/hierarchical/ touches no wasm', () => {
    expect(offenders(sources('src/hierarchical'), (target) => target.startsWith('src/wasm/'))).toEqual([]);
  });

  it('the CLI uses the library only through src/index.ts, and nothing else imports the CLI', () => {
    const cli = SRC.filter((file) => file.startsWith('src/cli/'));
    const fromCli = (target: string) =>
      target.startsWith('src/cli/') ||
      target === 'src/index.ts' ||
      target.startsWith('src/validate/') ||
      target.startsWith('node:') ||
      target.startsWith('csv-parse');
    expect(offenders(cli, (target) => !fromCli(target))).toEqual([]);
    const others = SRC.filter((file) => !file.startsWith('src/cli/'));
    expect(offenders(others, (target) => target.startsWith('src/cli/'))).toEqual([]);
  });

  it('the library imports no package but the loader, and no node: module statically', () => {
    const library = SRC.filter((file) => !file.startsWith('src/cli/'));
    expect(
      offenders(library, (target) => !target.startsWith('src/') && target !== '@assemblyscript/loader'),
    ).toEqual([]);
  });

  it('src/ imports nothing from test/, bench/, demo/ or scripts/; demo/ only src/index.ts', () => {
    expect(offenders(SRC, (target) => /^(test|bench|demo|scripts)\//.test(target))).toEqual([]);
    const demo = sources('demo');
    expect(demo).toContain('demo/iris.ts');
    expect(offenders(demo, (target) => target.startsWith('src/') && target !== 'src/index.ts')).toEqual([]);
  });

  it('parameters reach wasm through the loader: the EM driver loads them only via rescueComponents', () => {
    const driver = ['src/fit.ts', ...sources('src/em').filter((file) => file !== 'src/em/rescue.ts')];
    expect(driver.filter((file) => /loadParameters\(/.test(read(file)))).toEqual([]);
    expect(read('src/em/run.ts')).toMatch(/rescueComponents\(/);
    // The callers the document lists: the engines (the predict paths and the pattern passes among
    // them) and the workers' side of them, the Bayesian driver (no re-seeding), the online learner's
    // E-step of one chunk.
    const loaders = SRC.filter((file) => !inWasm(file) && /\.loadParameters\(/.test(read(file)));
    expect(loaders).toContain('src/em/rescue.ts');
    const allowed = /^src\/(engine\/|em\/rescue\.ts|bayesian\/(fit|state)\.ts|stream\/online\.ts|workers\/)/;
    expect(loaders.filter((file) => !allowed.test(file))).toEqual([]);
  });

  it('the workers evaluate rows with the E-step side of the table alone, and bundle no M-step', () => {
    const sides = ['storage', 'sharedCovariance', 'compactLength', 'factorLength', 'scatterLength'] as const;
    const kernels = ['factorise', 'density', 'accumulate', 'eStep'] as const;
    for (const type of COVARIANCE_TYPES) {
      const model = COVARIANCE_MODELS[type];
      const evaluated = EVALUATION_MODELS[model.evaluation];
      expect(evaluated.evaluation, type).toBe(model.evaluation);
      for (const side of [...sides, ...kernels]) expect(evaluated[side], `${type} ${side}`).toBe(model[side]);
    }
    const workers = SRC.filter((file) => file.startsWith('src/workers/'));
    expect(offenders(workers, (target) => target === 'src/covariance/index.ts')).toEqual([]);
    // The constrained models are named in their M-steps' code, and the MM loop and eigen bridges by their exports.
    const bundle = read('src/workers/worker-source.ts');
    for (const name of ['EEI', 'VEE', 'EVE', 'EEV', 'EVV', 'commonOrientation', 'symmetricEigens']) {
      expect(bundle, name).not.toContain(name);
    }
  });

  it('marks the generated files as generated, by the scripts it names', () => {
    expect(read('src/wasm/binary.ts')).toMatch(/^\/\/ Generated by scripts\/embed-wasm\.mjs/);
    expect(read('src/workers/worker-source.ts')).toMatch(/^\/\/ Generated by scripts\/embed-worker\.mjs/);
    const biome = read('biome.json');
    for (const file of GENERATED) expect(biome).toContain(`!${file}`);
  });
});

describe('.editorconfig', () => {
  it("tells editors biome's formatter settings", () => {
    const biome = JSON.parse(read('biome.json')) as {
      formatter: { indentStyle: string; indentWidth: number; lineWidth: number };
    };
    const everyFile = read('.editorconfig').split(/^\[/m)[1] as string;
    const setting = (name: string) => new RegExp(`^${name} = (.+)$`, 'm').exec(everyFile)?.[1];
    expect(everyFile.startsWith('*]')).toBe(true);
    expect(setting('indent_style')).toBe(biome.formatter.indentStyle);
    expect(Number(setting('indent_size'))).toBe(biome.formatter.indentWidth);
    expect(Number(setting('max_line_length'))).toBe(biome.formatter.lineWidth);
  });
});

describe('statistics are centred on the means the E-step used', () => {
  it('carries those means as centres, and statistics of two sets of rows add to those of both', async () => {
    const kernels = await loadKernels();
    const random = mulberry32(29);
    const d = 3;
    const k = 2;
    // Far from the origin: centring on the means is what keeps these sums accurate.
    const rows = (n: number) => ({
      data: Float64Array.from({ length: n * d }, () => 1e4 + random()),
      rows: n,
      cols: d,
    });
    const params = {
      weights: Float64Array.of(0.4, 0.6),
      means: Float64Array.of(1e4 + 0.3, 1e4 + 0.4, 1e4 + 0.5, 1e4 + 0.7, 1e4 + 0.6, 1e4 + 0.5),
      covariances: Float64Array.from({ length: k * d * d }, (_, i) =>
        (i % (d * d)) % (d + 1) === 0 ? 0.1 : 0.01,
      ),
    };
    const statistics = (X: { data: Float64Array; rows: number; cols: number }) => {
      const data = new WasmData(kernels, X);
      const workspace = new Workspace(data, k, COVARIANCE_MODELS.full);
      try {
        expect(workspace.loadParameters(params)).toBe(-1);
        return workspace.eStep();
      } finally {
        workspace.dispose();
        data.dispose();
      }
    };
    const a = rows(1001);
    const b = rows(37);
    const both = { data: Float64Array.of(...a.data, ...b.data), rows: a.rows + b.rows, cols: d };
    const whole = statistics(both);
    expect(Array.from(whole.centers)).toEqual(Array.from(params.means));

    const sum = statistics(a);
    addStatistics(sum, statistics(b));
    expect(sum.weight).toBe(whole.weight);
    const close = (x: Float64Array, y: Float64Array) =>
      Array.from(x).forEach((value, i) => {
        const target = y[i] as number;
        expect(Math.abs(value - target)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(target)));
      });
    close(sum.nk, whole.nk);
    close(sum.first, whole.first);
    close(sum.scatter, whole.scatter);
    expect(Math.abs(sum.logLikelihood - whole.logLikelihood)).toBeLessThan(
      1e-9 * Math.abs(whole.logLikelihood),
    );
  });
});
