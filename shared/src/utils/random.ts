/** @module utils/random — small seeded PRNG so renders, datasets and tests are reproducible everywhere. */

/** A function returning uniform floats in [0, 1). */
export type Rng = () => number

/**
 * mulberry32: 32-bit state, fast, good enough statistical quality for sampling sliders.
 * The same seed gives the same sequence in Node and in every browser.
 * @example const rng = createRng(1); rng() // 0.6270739405881613
 */
export function createRng(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Standard normal sample (Box-Muller) from a uniform rng. */
export function gaussian(rng: Rng): number {
  const u = 1 - rng() // (0, 1]: log never sees 0
  const v = rng()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}
