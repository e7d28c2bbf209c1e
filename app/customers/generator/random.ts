import prand from "pure-rand";

/** Seeded, deterministic random source (xoroshiro128+ from pure-rand): same seed → same data. */
export class Rng {
  private gen: prand.RandomGenerator;
  constructor(seed: number) {
    this.gen = prand.xoroshiro128plus(seed >>> 0);
  }
  /** Uniform float in [0, 1). */
  float(): number {
    const [hi, g1] = prand.uniformIntDistribution(0, 0x3ffffff, this.gen);
    const [lo, g2] = prand.uniformIntDistribution(0, 0x7ffffff, g1);
    this.gen = g2;
    return (hi * 0x8000000 + lo) / 2 ** 53;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.float() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.float() * total;
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![0];
  }
  /** Standard normal via Box–Muller. */
  normal(mean = 0, sd = 1): number {
    const u = Math.max(this.float(), 1e-12);
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }
  /** Poisson by inversion (small means only, as used here). */
  poisson(mean: number): number {
    const l = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.float();
    } while (p > l && k < 1000);
    return k - 1;
  }
}

/** murmur3's 32-bit finaliser: a bijective mix of all bits. */
function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A stable sub-seed per account so accounts do not depend on each other's draws. The seed is mixed
 * before the index is folded in: with a plain seed ^ index, seed 2's account 5 was seed 7's account 0,
 * so different seeds produced the same accounts in a different order.
 */
export function subSeed(seed: number, index: number): number {
  return mix32(mix32(seed ^ 0x9e3779b9) ^ Math.imul(index + 1, 0x9e3779b1));
}
