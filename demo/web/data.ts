/** The demo's datasets: Iris (bundled), a seeded synthetic mixture, and two columns of a parsed table. */
import irisCsv from '../data/iris.csv?raw';
import { type NumericTable, parseNumericCsv } from './csv';

/** Two-dimensional data ready to fit and plot. */
export interface Dataset {
  /** N rows of [x, y]. */
  readonly X: number[][];
  readonly xLabel: string;
  readonly yLabel: string;
  /** A fixed plot range (the click canvas); otherwise the plot fits the data. */
  readonly domain?: { readonly x: [number, number]; readonly y: [number, number] };
}

/** Iris's four measurements (in cm) and the species column left out. */
export const IRIS: NumericTable = parseNumericCsv(irisCsv);

/** The range of the click-to-add canvas. */
export const CLICK_DOMAIN: { x: [number, number]; y: [number, number] } = { x: [0, 10], y: [0, 10] };

/** Columns `xColumn` and `yColumn` of a table as a dataset. */
export function fromTable(table: NumericTable, xColumn: number, yColumn: number): Dataset {
  const xs = table.columns[xColumn] ?? [];
  const ys = table.columns[yColumn] ?? [];
  return {
    X: xs.map((x, i) => [x, ys[i] ?? Number.NaN]),
    xLabel: table.names[xColumn] ?? 'x',
    yLabel: table.names[yColumn] ?? 'y',
  };
}

/** Points placed by hand, on the fixed click canvas. */
export function fromClicks(points: readonly (readonly [number, number])[]): Dataset {
  return { X: points.map(([x, y]) => [x, y]), xLabel: 'x', yLabel: 'y', domain: CLICK_DOMAIN };
}

/**
 * N points from a random mixture of `components` Gaussians in the square [-10, 10]²: means at least
 * 4 apart where the square allows, standard deviations 0.5–2 along a random rotation, unequal weights.
 * The same seed gives the same points.
 */
export function synthetic(seed: number, components: number, n: number): Dataset {
  const random = mulberry32(seed);
  const normal = gaussian(random);
  const means: [number, number][] = [];
  for (let k = 0; k < components; k++) {
    let candidate: [number, number] = [0, 0];
    for (let attempt = 0; attempt < 200; attempt++) {
      candidate = [random() * 16 - 8, random() * 16 - 8];
      if (means.every(([x, y]) => Math.hypot(x - candidate[0], y - candidate[1]) >= 4)) break;
    }
    means.push(candidate);
  }
  const shapes = means.map(() => ({
    angle: random() * Math.PI,
    sx: 0.5 + random() * 1.5,
    sy: 0.5 + random() * 1.5,
  }));
  const raw = means.map(() => 0.5 + random());
  const total = raw.reduce((sum, w) => sum + w, 0);
  const cumulative = raw.map((_, k) => raw.slice(0, k + 1).reduce((sum, w) => sum + w, 0) / total);
  const X: number[][] = [];
  for (let i = 0; i < n; i++) {
    const u = random();
    const k = Math.max(
      0,
      cumulative.findIndex((c) => u <= c),
    );
    const [mx, my] = means[k] ?? [0, 0];
    const { angle, sx, sy } = shapes[k] ?? { angle: 0, sx: 1, sy: 1 };
    const a = normal() * sx;
    const b = normal() * sy;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    X.push([mx + a * cos - b * sin, my + a * sin + b * cos]);
  }
  return { X, xLabel: 'x₁', yLabel: 'x₂' };
}

/** A small, fast, seedable generator of uniforms in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): () => number {
  return () => {
    // Box–Muller; 1 - u keeps the logarithm finite.
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}
