import { log } from './logarithm';

/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna), seeded through splitmix32. Small,
 * fast, identical in every JavaScript engine, and good enough for choosing starts and sampling.
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** One independent stream per (seed, stream) pair: restart r of a fit uses stream r. */
  constructor(seed: number, stream = 0) {
    let state = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const next = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    // Mix the stream in twice so nearby seeds and streams give unrelated states.
    state = (state ^ Math.imul(stream, 0x632be5ab)) >>> 0;
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** The stream's position: two generators in the same state draw the same numbers from here on. */
  state(): RandomState {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  /** Moves the stream to a position that `state()` returned. */
  restore(state: RandomState): void {
    [this.s0, this.s1, this.s2, this.s3] = state;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Uniform integer in [0, n), from 53 random bits (bias below n·2⁻⁵³). */
  integer(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /**
   * Standard normal, by Marsaglia's polar method (one draw per call, the pair's twin discarded). No
   * sine or cosine, and the engine-independent `log`: the same draws in every JavaScript engine.
   */
  normal(): number {
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * log(s)) / s);
    }
  }
}

/** A generator's four words of state. */
export type RandomState = readonly [number, number, number, number];

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A fresh seed for a fit that was given none; it is reported so the fit can be repeated. */
export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] as number;
}
