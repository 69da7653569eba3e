/**
 * @module engine/v2/look/noise — deterministic integer-hash noise for the procedural textures. Integer maths
 * (Math.imul) and plain arithmetic only, so every JS engine produces the same bits.
 */

/** Hash of an integer lattice point and a seed -> [0, 1). */
export function hash2(ix: number, iy: number, seed: number): number {
  let h =
    Math.imul(ix | 0, 0x27d4eb2d) ^ Math.imul(iy | 0, 0x165667b1) ^ Math.imul(seed | 0, 0x9e3779b1)
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  h ^= h >>> 16
  return (h >>> 0) / 4294967296
}

/** Smooth value noise at (x, y) (lattice spacing 1), in [0, 1). */
export function valueNoise(x: number, y: number, seed: number): number {
  const ix = Math.floor(x)
  const iy = Math.floor(y)
  const fx = x - ix
  const fy = y - iy
  const sx = fx * fx * (3 - 2 * fx)
  const sy = fy * fy * (3 - 2 * fy)
  const a = hash2(ix, iy, seed)
  const b = hash2(ix + 1, iy, seed)
  const c = hash2(ix, iy + 1, seed)
  const d = hash2(ix + 1, iy + 1, seed)
  return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy
}

/** Fractal sum of `octaves` value-noise octaves (each twice the frequency, half the amplitude), in [0, 1). */
export function fbm(x: number, y: number, seed: number, octaves: number): number {
  let sum = 0
  let amp = 0.5
  let norm = 0
  for (let o = 0; o < octaves; o++) {
    sum += amp * valueNoise(x, y, seed + o * 101)
    norm += amp
    x *= 2.03
    y *= 2.03
    amp *= 0.5
  }
  return sum / norm
}

/** Cellular (Worley F1) noise: distance to the nearest jittered lattice point, in about [0, 1.1]. */
export function cellNoise(x: number, y: number, seed: number): number {
  const ix = Math.floor(x)
  const iy = Math.floor(y)
  let best = 9
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const cx = ix + dx + hash2(ix + dx, iy + dy, seed)
      const cy = iy + dy + hash2(ix + dx, iy + dy, seed + 7)
      const d = (cx - x) * (cx - x) + (cy - y) * (cy - y)
      if (d < best) best = d
    }
  }
  return Math.sqrt(best)
}

/** Hermite smoothstep of x between edges e0 and e1 (either order). */
export function smoothstep(e0: number, e1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)))
  return t * t * (3 - 2 * t)
}
