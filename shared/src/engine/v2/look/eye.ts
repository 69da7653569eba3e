/**
 * @module engine/v2/look/eye — the procedural eye texture for the high-poly eye proxy's UV layout: each eyeball's
 * iris is centred at IRIS_CENTERS with limbus radius LIMBUS_UV. One square patch (PATCH texels, covering
 * +-PATCH_HALF uv around a centre) serves both eyes: sclera, iris with radial fibres, collarette and crypts, a
 * dark limbal ring and the pupil. LINEAR RGB.
 */
import type { LinearRgb } from '../mesh-types.ts'
import { fbm, hash2, smoothstep, valueNoise } from './noise.ts'
import { hypot2 } from '../../../math/hypot.ts'

/** Iris centres (uv) of the subject's left (+x) and right eyeballs in the high-poly eye proxy's layout. */
export const IRIS_CENTERS: readonly (readonly [number, number])[] = [
  [0.292, 0.312],
  [0.707, 0.714],
]
/**
 * Limbus (iris edge) radius in uv: the iris fills about 45% of the eye opening's width as in photos (0.112 left a
 * ring of white around a small dark iris: a staring doll's eye).
 */
export const LIMBUS_UV = 0.124
/** Patch size (texels) and half-extent (uv). */
export const PATCH = 96
export const PATCH_HALF = 0.2
/** Pupil radius as a fraction of the limbus radius. */
const PUPIL = 0.36

/** Sclera colour (linear): a warm off-white, not paper white. */
export const SCLERA: LinearRgb = [0.55, 0.51, 0.475]

/**
 * The colour-independent structure of the eye patch for a seed, 6 floats per texel: the weights of the iris
 * colour, of its warm variant (the ring around the pupil), of its dark variant (the limbal ring), and a constant
 * rgb (sclera, pupil). eyePatch mixes them per iris colour, so a new colour costs one cheap pass.
 */
function eyeStructure(seed: number): Float32Array {
  const out = new Float32Array(PATCH * PATCH * 6)
  for (let j = 0; j < PATCH; j++) {
    for (let i = 0; i < PATCH; i++) {
      const du = ((i + 0.5) / PATCH - 0.5) * 2 * PATCH_HALF
      const dv = ((j + 0.5) / PATCH - 0.5) * 2 * PATCH_HALF
      const r = hypot2(du, dv) / LIMBUS_UV // 1 at the limbus
      const ang = Math.atan2(dv, du)
      const o = (i + j * PATCH) * 6
      if (r < PUPIL) {
        out[o + 3] = out[o + 4] = out[o + 5] = 0.012
      } else if (r < 1.08) {
        const t = (r - PUPIL) / (1 - PUPIL) // 0 at the pupil, 1 at the limbus
        // Radial fibres: noise stretched along the radius, two scales; crypts; the collarette.
        const a = ang * (64 / Math.PI)
        const fib = 0.6 * valueNoise(a, t * 3, seed) + 0.4 * valueNoise(a * 2.7, t * 6, seed + 3)
        const crypt = fbm(a * 0.35, t * 4, seed + 9, 2)
        let shade = 0.75 + 0.5 * (fib - 0.5) - 0.25 * smoothstep(0.55, 0.75, crypt)
        shade *= 1 + 0.15 * Math.exp(-(((t - 0.32) / 0.08) ** 2))
        const limbal = smoothstep(0.72, 1.0, t) * 0.75 // darker toward the edge
        const margin = 1 - smoothstep(0.07, 0.0, t) * 0.6 // a soft pupil margin
        const sclera = smoothstep(1.0, 1.08, r) // blends into the sclera over the outer 8%
        const keep = (1 - limbal) * margin * (1 - sclera)
        out[o] = shade * keep // iris (the warm ring's share is moved by eyePatch)
        out[o + 1] = smoothstep(0.45, 0.0, t) * shade * keep // warm ring weight (before its strength)
        out[o + 2] = limbal * margin * (1 - sclera)
        out[o + 3] = SCLERA[0] * sclera
        out[o + 4] = SCLERA[1] * sclera
        out[o + 5] = SCLERA[2] * sclera
      } else {
        // Sclera: faint veins and pinker toward the corners (far from the iris).
        const far = smoothstep(1.2, 1.8, r)
        const vein = Math.pow(valueNoise(ang * 9, r * 5, seed + 17), 6) * far
        const n = 0.96 + 0.04 * hash2(i, j, seed)
        out[o + 3] = SCLERA[0] * n * (1 + 0.05 * far) + 0.05 * vein
        out[o + 4] = SCLERA[1] * n * (1 - 0.05 * far) - 0.04 * vein
        out[o + 5] = SCLERA[2] * n * (1 - 0.05 * far) - 0.04 * vein
      }
    }
  }
  return out
}

const structures = new Map<number, Float32Array>()

/** Builds the eye patch (PATCH*PATCH*3 linear RGB) for an iris colour; `seed` varies the fibres. */
export function eyePatch(iris: LinearRgb, seed: number): Float32Array {
  let st = structures.get(seed)
  if (!st) {
    if (structures.size >= 8) structures.delete(structures.keys().next().value!)
    structures.set(seed, (st = eyeStructure(seed)))
  }
  const lum = 0.2126 * iris[0] + 0.7152 * iris[1] + 0.0722 * iris[2]
  // A lighter, warmer ring around the pupil (most eyes have one), stronger in light eyes.
  const k = 0.35 + 0.4 * (1 - lum)
  const warm = [iris[0] * 1.25 + 0.04, iris[1] * 1.1 + 0.025, iris[2] * 0.8]
  const dark = [iris[0] * 0.35, iris[1] * 0.35, iris[2] * 0.4]
  const out = new Float32Array(PATCH * PATCH * 3)
  for (let i = 0; i < PATCH * PATCH; i++) {
    const o = i * 6
    const w = st[o + 1]! * k
    for (let c = 0; c < 3; c++) {
      out[i * 3 + c] =
        iris[c]! * (st[o]! - w) + warm[c]! * w + dark[c]! * st[o + 2]! + st[o + 3 + c]!
    }
  }
  return out
}
