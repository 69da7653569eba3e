/**
 * @module detail/resample — how the engine prepares a character's detail image for drawing: a woman's moved a little
 * further from men's mean, the fine band sharpened toward the contrast the photo had, then upsampled to twice its
 * grid by Catmull-Rom (`drawnDetail`).
 *
 * Why: a photo's fine band is read at 224 px and kept on a 112 px grid (a 2 x 2 box average), and the engine then
 * reads that grid bilinearly per skin texel (about 9 a cm) and the rasteriser reads the texels bilinearly again.
 * Each step blurs: on 30 London people, in the aligned frame, the render's drawn detail came out at 0.76 of the
 * photo's fine-band energy (regression gain 0.42, correlation 0.55; sharpened: 1.0). Drawn this way, London's
 * characters came out closer to the person's other photo (FaceRes id_cos: translator +0.022, refined +0.016; top-1
 * 0.74 -> 0.82 and 0.81 -> 0.90), from mirrored, noisy and held-out photos too (docs/likeness.md, "Session 45").
 * Every step is linear with fixed taps (no transcendental functions): the same weights always draw the same image,
 * and Node and browsers compute the same floats.
 */

import { meanFor, type SkinDetailBasis } from './basis.ts'
import { octavePixels } from './octave.ts'

/** Share of the fine band added back (unsharp masking: image + SHARPEN * (image - blur)). */
export const SHARPEN = 0.5

/**
 * How much further than the women's mean a woman's detail is drawn, in units of the men-minus-women mean difference
 * (times 1 - the gender slider, so men's are unchanged). Why: sharpened detail reads a little more masculine to
 * FaceRes's sex estimate (London's 49 women, translator: mean P(female) 0.750 -> 0.729, 3 -> 6 read as men); drawn
 * this much further from men's stubble shadow and heavier folds, 0.745 and 4, keeping the likeness it gains
 * (docs/likeness.md, "Session 45").
 */
export const WOMEN_PUSH = 0.3

/**
 * How a character's octave (detail/octave: the photo's fine band at twice the grid, beyond the grid) is drawn:
 * added to the upsampled image at `gain`, and the whole then sharpened at its own resolution by `sharpen` (in
 * place of the grid's SHARPEN). On 30 London people (the aligned 224 px frame, FaceRes / MobileFace cosine to their
 * other photo) the octave added to the sharpened grid gave +0.017 / +0.009; the grid unsharpened, the octave added
 * and the sum sharpened at 0.5 +0.022 / +0.014 (unsharpened +0.017 / +0.011; sharpened at 1 +0.022 / +0.013). The
 * octave at 1.5 was worth +0.002 more to the recognisers but looked overdone (grimy skin, blotchy freckles) at the
 * sizes players see: its renders' finest band came out at 1.30x the photo's contrast (20 London people, skin, the
 * aligned frame), at gain 1 1.18x (docs/likeness.md "Session 51").
 */
export const OCTAVE_DRAW = Object.freeze({ gain: 1, sharpen: 0.5 })

/**
 * The image the engine draws for a character's detail: `image` (detailImage of its weights read on basis version
 * `version`, plus any residual, on `basis`'s grid) for a character of gender slider `male`, moved WOMEN_PUSH further
 * from men's mean (the means that version's reads are around: the same image whichever release draws it),
 * sharpened and upsampled: the image and its side (twice the basis grid's). With the read's `octave` (detail/octave,
 * values in octavePixels order) the image is upsampled as it is, the octave added and the sum sharpened
 * (OCTAVE_DRAW).
 */
export function drawnDetail(
  basis: SkinDetailBasis,
  image: Float32Array,
  male: number,
  version = basis.version,
  octave?: Float32Array
): { image: Float32Array; size: number; support: Float32Array } {
  const out = Float32Array.from(image)
  const push = WOMEN_PUSH * (1 - Math.min(1, Math.max(0, male)))
  if (push > 0) {
    const women = meanFor(basis, 0, version)
    const men = meanFor(basis, 1, version)
    for (let i = 0; i < basis.pixels.length; i++) {
      const p = basis.pixels[i]!
      out[p] = out[p]! - push * (men[i]! - women[i]!)
    }
  }
  const size = basis.size * 2
  const support = detailSupport(basis)
  if (!octave)
    return {
      image: upsample2(sharpenDetail(out, basis.size, basis.pixels), basis.size),
      size,
      support,
    }
  let at = octaves.get(basis)
  if (!at) octaves.set(basis, (at = octavePixels(basis.pixels, basis.size)))
  if (octave.length !== at.length)
    throw new Error(
      `A skin-detail octave has ${at.length} values for this basis (four per pixel), got ${octave.length}.`
    )
  const up = upsample2(out, basis.size)
  for (let k = 0; k < at.length; k++) up[at[k]!] = up[at[k]!]! + OCTAVE_DRAW.gain * octave[k]!
  return { image: sharpenDetail(up, size, at, OCTAVE_DRAW.sharpen), size, support }
}

const supports = new WeakMap<SkinDetailBasis, Float32Array>()
/** The octave's pixels of each basis (detail/octave octavePixels), sorted once. */
const octaves = new WeakMap<SkinDetailBasis, Uint32Array>()

/**
 * Where the drawn detail image stands for the photo's skin (0..1 on its grid, twice the basis's): the basis's
 * covered pixels (the photo's skin and nose) upsampled as the image is, clamped. Outside it the image is 0 because
 * no face was there, not because the photo's skin was flat there. Computed once per basis.
 */
export function detailSupport(basis: SkinDetailBasis): Float32Array {
  let support = supports.get(basis)
  if (!support) {
    const mask = new Float32Array(basis.size * basis.size)
    for (let k = 0; k < basis.pixels.length; k++) mask[basis.pixels[k]!] = 1
    support = upsample2(mask, basis.size).map((v) => (v < 0 ? 0 : v > 1 ? 1 : v))
    supports.set(basis, support)
  }
  return support
}

/** The binomial taps of the unsharp mask's blur (sigma 1 grid pixel). */
const TAPS = [1, 4, 6, 4, 1] as const

/**
 * `image` (size x size) plus `amount` times its own fine band, over the grid pixels in `pixels` (ascending indices:
 * the basis's covered set). The blur is normalised over those pixels only, so the border of the face's region
 * (where the image steps to 0) neither darkens nor gains a halo; pixels outside stay as they are (0).
 */
export function sharpenDetail(
  image: Float32Array,
  size: number,
  pixels: ArrayLike<number>,
  amount = SHARPEN
): Float32Array {
  const { mask, weight } = maskOf(pixels, size)
  const masked = new Float32Array(image.length)
  for (let i = 0; i < masked.length; i++) masked[i] = image[i]! * mask[i]!
  const blurred = binomialBlur(masked, size)
  const out = Float32Array.from(image)
  for (let k = 0; k < pixels.length; k++) {
    const i = pixels[k]!
    out[i] = image[i]! + amount * (image[i]! - blurred[i]! / weight[i]!)
  }
  return out
}

const masks = new WeakMap<object, { size: number; mask: Float32Array; weight: Float32Array }>()

/** The 0/1 mask of `pixels` on a `size` grid and its blur, computed once per pixel list (a basis's are fixed). */
function maskOf(
  pixels: ArrayLike<number>,
  size: number
): { mask: Float32Array; weight: Float32Array } {
  const known = masks.get(pixels)
  if (known?.size === size) return known
  const mask = new Float32Array(size * size)
  for (let k = 0; k < pixels.length; k++) mask[pixels[k]!] = 1
  const made = { size, mask, weight: binomialBlur(mask, size) }
  masks.set(pixels, made)
  return made
}

/**
 * The separable binomial blur (TAPS along x, then y), taps past the edge left out (not renormalised). Away from the
 * edges the five taps are written out (the same sums in the same order as the edge loop's, so the same floats): a
 * 224 px octave image is blurred twice per character drawn, and the loop with its bounds checks took ~3x as long.
 */
function binomialBlur(src: Float32Array, size: number): Float32Array {
  const pass = (a: Float32Array, step: number): Float32Array => {
    const out = new Float32Array(size * size)
    const edge = (x: number, y: number) => {
      const along = step === 1 ? x : y
      let acc = 0
      for (let t = -2; t <= 2; t++) {
        const p = along + t
        if (p >= 0 && p < size) acc += TAPS[t + 2]! * a[y * size + x + t * step]!
      }
      out[y * size + x] = acc / 16
    }
    for (let y = 0; y < size; y++) {
      const inner = step === 1 || (y >= 2 && y < size - 2)
      const x0 = step === 1 ? 2 : 0
      const x1 = step === 1 ? size - 2 : size
      if (!inner) {
        for (let x = 0; x < size; x++) edge(x, y)
        continue
      }
      for (let x = 0; x < x0; x++) edge(x, y)
      for (let x = x0, i = y * size + x0; x < x1; x++, i++)
        out[i] =
          (0 +
            a[i - 2 * step]! +
            4 * a[i - step]! +
            6 * a[i]! +
            4 * a[i + step]! +
            a[i + 2 * step]!) /
          16
      for (let x = x1; x < size; x++) edge(x, y)
    }
    return out
  }
  return pass(pass(src, 1), size)
}

/** Catmull-Rom weights of the four taps around a sample at fraction `t` past the second. */
function catmullRom(t: number): [number, number, number, number] {
  return [
    ((-t + 2) * t - 1) * t * 0.5,
    ((3 * t - 5) * t * t + 2) * 0.5,
    ((-3 * t + 4) * t + 1) * t * 0.5,
    (t - 1) * t * t * 0.5,
  ]
}

/**
 * `image` (size x size) at twice the resolution, by separable Catmull-Rom interpolation (edges clamped). Output
 * pixel X's centre lies at input coordinate X / 2 - 0.25, so both grids cover the same unit square.
 */
export function upsample2(image: Float32Array, size: number): Float32Array {
  const n = size * 2
  // Output pixel X reads input pixels first[X] .. first[X] + 3 (clamped to the grid) with the weights of its phase:
  // even pixels lie three quarters past an input pixel, odd ones a quarter past.
  const w = [catmullRom(0.75), catmullRom(0.25)] as const
  const first = Int32Array.from({ length: n }, (_, X) => Math.floor(X / 2 - 0.25) - 1)
  const clamp = (i: number) => (i < 0 ? 0 : i >= size ? size - 1 : i)
  const rows = new Float32Array(size * n)
  for (let y = 0; y < size; y++)
    for (let X = 0; X < n; X++) {
      const k = w[X & 1]!
      let acc = 0
      for (let t = 0; t < 4; t++) acc += k[t]! * image[y * size + clamp(first[X]! + t)]!
      rows[y * n + X] = acc
    }
  const out = new Float32Array(n * n)
  for (let Y = 0; Y < n; Y++) {
    const k = w[Y & 1]!
    for (let X = 0; X < n; X++) {
      let acc = 0
      for (let t = 0; t < 4; t++) acc += k[t]! * rows[clamp(first[Y]! + t) * n + X]!
      out[Y * n + X] = acc
    }
  }
  return out
}
