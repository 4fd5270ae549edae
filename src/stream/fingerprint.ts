/**
 * A short name for one set of mixture parameters, so that statistics computed under different
 * models are told apart before they are added: 64 bits of FNV-1a over the parameters' IEEE bits,
 * written as 16 hex digits. Equal parameters (bit for bit) give equal fingerprints in every engine.
 */
import type { ModelState } from '../model-state';

const OFFSET_HIGH = 0xcbf29ce4;
const OFFSET_LOW = 0x84222325;

/** The fingerprint of a model's type, parameters and standardization. */
export function modelFingerprint(state: ModelState): string {
  const { weights, means, covariances } = state.parameters;
  const z = state.standardization;
  const hash = new Fnv64();
  for (const char of state.covariance) hash.byte(char.charCodeAt(0));
  hash.number(weights.length);
  hash.number(means.length);
  for (const values of [weights, means, covariances, z?.mean, z?.scale]) {
    hash.number(values ? values.length : -1);
    for (const value of values ?? []) hash.number(value);
  }
  return hash.hex();
}

/** FNV-1a with a 64-bit state held in two 32-bit halves (JavaScript has no 64-bit integer multiply on numbers). */
class Fnv64 {
  private high = OFFSET_HIGH;
  private low = OFFSET_LOW;
  private readonly bytes = new Uint8Array(8);
  private readonly float = new Float64Array(this.bytes.buffer);

  byte(value: number): void {
    this.low = (this.low ^ value) >>> 0;
    // × 0x100000001b3 = × (2^40 + 0x1b3), split over the halves.
    const low = this.low * 0x1b3;
    const carry = Math.floor(low / 0x1_0000_0000);
    const high = Math.imul(this.high, 0x1b3) + Math.imul(this.low, 0x100) + carry;
    this.low = low >>> 0;
    this.high = high >>> 0;
  }

  number(value: number): void {
    this.float[0] = value;
    for (const byte of this.bytes) this.byte(byte);
  }

  hex(): string {
    return this.high.toString(16).padStart(8, '0') + this.low.toString(16).padStart(8, '0');
  }
}
