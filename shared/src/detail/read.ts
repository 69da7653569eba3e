/**
 * @module detail/read — a photo's skin detail: the luminance of its aligned crop minus its blur, inside skin and
 * nose, warped to the shape-free frame, and its weights on a basis (projection). Pure arithmetic on what the face
 * pipeline already gives (aligned crop, part labels, landmarks): no model runs here.
 */
import { invertAffine, type Affine } from '../face/affine.ts'
import { meanFor, type SkinDetailBasis } from './basis.ts'
import { gaussianBlur } from './blur.ts'
import { faceSpline, toShapeFree } from './frame.ts'
import { octavePixels } from './octave.ts'
import { upsample2 } from './resample.ts'
import { sharpenedLuminance } from './sharpness.ts'
import { BAND_SIGMA, DETAIL_LABELS, MID_BAND, READ_SIZE, SKIN_DETAIL_LIMIT } from './spec.ts'

/** What detail is read from: the face's aligned crop and labels (READ_SIZE px) and its 68 points in that frame. */
export interface DetailSource {
  /** RGBA, READ_SIZE x READ_SIZE (FaceAnalyzer.alignedCrop). */
  crop: Uint8ClampedArray
  /** Part label per crop pixel (FaceAnalyzer.partLabels at READ_SIZE). */
  labels: Uint8Array
  /** The 68 iBUG points in the aligned frame's unit square. */
  points: ArrayLike<number>
}

/** A luminance band: the crop's blur at the first sigma (0: the crop itself) minus its blur at the second (px). */
export type DetailBand = readonly [number, number]
/** The fine band (what `detail` was up to v3): the crop minus its blur at BAND_SIGMA. */
export const FINE_BAND: DetailBand = [0, BAND_SIGMA]

/**
 * The detail of a face in the shape-free frame in `band` (default the fine band; MID_BAND: the mid band), at `size`
 * px (READ_SIZE or a divisor: box-averaged).
 * `pixels`: when given, only these pixels of the `size` grid are computed (the rest are 0), with the same values.
 */
export function faceDetail(
  source: DetailSource,
  size: number,
  pixels?: ArrayLike<number>,
  band: DetailBand = FINE_BAND
): Float32Array {
  return bandDetail(source, size, pixels, band, new Map())
}

/** Throws unless `source` holds a READ_SIZE crop and its labels. */
function checkSource(source: DetailSource): void {
  const S = READ_SIZE
  if (source.crop.length !== S * S * 4 || source.labels.length !== S * S)
    throw new Error(
      `Skin detail is read from a ${S} px aligned crop and its labels; got ${source.crop.length / 4} pixels.`
    )
}

/**
 * faceDetail, with the crop's luminance (key 0) and its blurs (by sigma) kept in `blurs`: the bands of one read
 * share them (the fine band's blur at 3 px is the mid band's sharp end).
 */
function bandDetail(
  source: DetailSource,
  size: number,
  pixels: ArrayLike<number> | undefined,
  band: DetailBand,
  blurs: Map<number, Float32Array>
): Float32Array {
  const S = READ_SIZE
  checkSource(source)
  if (S % size !== 0)
    throw new Error(`A detail grid of ${size} px does not divide the ${S} px crop.`)
  const blurred = (sigma: number): Float32Array => {
    let b = blurs.get(sigma)
    if (!b)
      blurs.set(
        sigma,
        (b = sigma > 0 ? gaussianBlur(blurred(0), S, sigma) : luminance(source.crop))
      )
    return b
  }
  const sharp = blurred(band[0])
  const blur = blurred(band[1])
  const pass = new Float32Array(S * S)
  for (let i = 0; i < S * S; i++)
    if (DETAIL_LABELS.includes(source.labels[i]!)) pass[i] = sharp[i]! - blur[i]!
  const f = S / size
  let only: Uint8Array | undefined
  if (pixels) {
    // the READ_SIZE pixels that box-average into the wanted ones
    only = new Uint8Array(S * S)
    for (let k = 0; k < pixels.length; k++) {
      const i = pixels[k]! % size
      const j = Math.floor(pixels[k]! / size)
      for (let y = 0; y < f; y++) for (let x = 0; x < f; x++) only[(j * f + y) * S + i * f + x] = 1
    }
  }
  const free = toShapeFree(pass, S, source.points, only)
  return size === S ? free : boxAverage(free, S, size)
}

/** The luminance (Rec. 601, 0-255) of each pixel of RGBA bytes: what detail is a difference of. */
export function luminance(rgba: ArrayLike<number>): Float32Array {
  const lum = new Float32Array(rgba.length / 4)
  for (let i = 0; i < lum.length; i++)
    lum[i] = 0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!
  return lum
}

/** A `from` x `from` grid averaged over boxes down to `size` x `size` (`size` divides `from`). */
export function boxAverage(image: Float32Array, from: number, size: number): Float32Array {
  const f = from / size
  const out = new Float32Array(size * size)
  for (let j = 0; j < size; j++)
    for (let i = 0; i < size; i++) {
      let s = 0
      for (let y = 0; y < f; y++)
        for (let x = 0; x < f; x++) s += image[(j * f + y) * from + i * f + x]!
      out[j * size + i] = s / (f * f)
    }
  return out
}

/**
 * A face's weights on `basis` (its detail's projection around the mean of a character of gender `male`, in units
 * of each component's spread, clamped): the fine band's, then the mid band's where the basis has one. A photo softer
 * than SHARPNESS.target is read sharpened to it unless `sharpen` is false (detail/sharpness).
 */
export function readDetail(
  basis: SkinDetailBasis,
  source: DetailSource,
  male: number,
  options: { sharpen?: boolean } = {}
): Float32Array {
  return readDetailFocused(basis, source, male, options).weights
}

/**
 * readDetail, and whether the photo was sharp enough to read whole: `restored` false where even the most
 * sharpening leaves it under SHARPNESS.target (detail/sharpness), so its detail is read only in part; with the
 * fine band's residual (fitDetail) and its top octave (readOctave, detail/octave).
 */
export function readDetailFocused(
  basis: SkinDetailBasis,
  source: DetailSource,
  male: number,
  { sharpen = true }: { sharpen?: boolean } = {}
): { weights: Float32Array; restored: boolean; residual: Float32Array; octave: Float32Array } {
  const blurs = new Map<number, Float32Array>()
  let restored = true
  // a soft photo is read as if sharp (detail/sharpness); every band is taken from this luminance
  checkSource(source)
  if (sharpen) {
    const sharp = sharpenedLuminance(luminance(source.crop), source.labels, READ_SIZE)
    blurs.set(0, sharp.lum)
    for (const [sigma, b] of sharp.blurs) blurs.set(sigma, b)
    restored = sharp.restored
  }
  // the fine band at READ_SIZE under the basis's pixels: box-averaged, the basis grid's image (what bandDetail at
  // the grid's size computes, from the same pixels); what the average loses, the octave
  const at = octavePixels(basis.pixels, basis.size)
  const band = bandDetail(source, READ_SIZE, at, FINE_BAND, blurs)
  const grid = boxAverage(band, READ_SIZE, basis.size)
  const fine = fitDetail(basis, grid, male, { missing: foreshortenedPixels(basis, source.points) })
  const octave = readOctave(basis, at, band, grid, fine.left)
  if (!basis.mid) return { weights: fine.weights, residual: fine.residual, octave, restored }
  const mid = readBand(basis.mid, source, male, MID_BAND, blurs).weights
  const weights = new Float32Array(fine.weights.length + mid.length)
  weights.set(fine.weights)
  weights.set(mid, fine.weights.length)
  return { weights, restored, residual: fine.residual, octave }
}

/**
 * The fine band's top octave (detail/octave): at each READ_SIZE pixel under the basis's (`at`, octavePixels order),
 * the `band` there minus the basis grid's box average of it (`grid`) upsampled back (detail/resample upsample2, as
 * the engine draws it), so the grid's image drawn with the octave added is the band at READ_SIZE. 0 under the pixels
 * the fine fit left out (`left`: a turned face's far side, occluders), as the residual is.
 */
function readOctave(
  basis: SkinDetailBasis,
  at: Uint32Array,
  band: Float32Array,
  grid: Float32Array,
  left: Uint8Array | undefined
): Float32Array {
  const S = READ_SIZE
  const drawn = upsample2(grid, basis.size)
  const skip = new Uint8Array(S * S)
  if (left)
    for (const q of octavePixels(
      basis.pixels.filter((_, i) => left[i]),
      basis.size
    ))
      skip[q] = 1
  return Float32Array.from(at, (q) => (skip[q] ? 0 : band[q]! - drawn[q]!))
}

/**
 * The weights of one band's basis and the band's residual (detail/residual): the mid band's (the fine band is read
 * at READ_SIZE in readDetailFocused, beside its octave).
 */
function readBand(
  basis: SkinDetailBasis,
  source: DetailSource,
  male: number,
  band: DetailBand,
  blurs: Map<number, Float32Array>
): { weights: Float32Array; residual: Float32Array; left: Uint8Array | undefined } {
  const image = bandDetail(source, basis.size, basis.pixels, band, blurs)
  return fitDetail(basis, image, male, { missing: foreshortenedPixels(basis, source.points) })
}

/**
 * A turned face's far side: where the face shows the shape-free frame squeezed across (its width on the photo under
 * `ratio` of the face's median width), its detail is smeared by the warp back to the frontal template and is not
 * read. On the 84 held-out train photos the spline's width over a face's pixels has a median of 0.97-1.17 at any
 * turn; its 5th percentile is 0.72-0.95 on frontal faces (none left out), 0.45 at 12 degrees, 0.2-0.3 at 20 and
 * below 0 (folded) from 30.
 * Measured on a `grid` x `grid` lattice of the spline (the squeeze varies slowly), per basis pixel.
 */
export const FORESHORTENING = Object.freeze({ ratio: 0.6, grid: 28 })

/**
 * 1 for each basis pixel (basis.pixels order) the face shows foreshortened (FORESHORTENING), given its 68 points
 * in its aligned frame (unit square); all 0 for a frontal face.
 */
export function foreshortenedPixels(basis: SkinDetailBasis, points: ArrayLike<number>): Uint8Array {
  const toFace = faceSpline(points)
  const G = FORESHORTENING.grid
  const h = 0.5 / G
  // the spline's x-derivative at the centre of each lattice cell the basis covers (how wide the face shows it)
  const width = new Float32Array(G * G).fill(Number.NaN)
  const widthAt = (i: number, j: number) => {
    if (Number.isNaN(width[j * G + i]!)) {
      const x = (i + 0.5) / G
      const y = (j + 0.5) / G
      width[j * G + i] = (toFace(x + h, y)[0] - toFace(x - h, y)[0]) / (2 * h)
    }
    return width[j * G + i]!
  }
  const S = basis.size
  const cell = Array.from(basis.pixels, (p) =>
    widthAt(Math.floor((((p % S) + 0.5) * G) / S), Math.floor(((Math.floor(p / S) + 0.5) * G) / S))
  )
  // the median is the face's own scale: a turn squeezes the far side as it stretches the near side
  const median = Float32Array.from(cell).sort()[cell.length >> 1]!
  return Uint8Array.from(cell, (w) => (w < FORESHORTENING.ratio * median ? 1 : 0))
}

/**
 * Where a photo's detail is not a face's: an occluder the face mesh's skin polygon runs under (hair at the hairline
 * or a fringe, glasses frames, a hand, tape) draws strong, areal detail that no face of the basis has there. A
 * pixel is occluded where its misfit (the square of what the basis does not explain, in units of the basis's own
 * variance at that pixel), smoothed over `sigma` grid px, is more than `ratio` times the face's median misfit.
 * Relative to the face's own median, so a face with deep wrinkles everywhere keeps them; smoothed, so single
 * strong creases stay. Set on the 84 held-out train photos and London's neutral photos (see docs/likeness.md,
 * session 31; cli/scripts/detail-occlusion.ts): London's studio faces lose a median 2.4% of their pixels (the
 * hairline, a fringe), the held-out photos 5.2% (fringes, strands, sunglasses, a hand).
 */
export const OCCLUSION = Object.freeze({
  ratio: 4,
  sigma: 2,
  /** a median misfit below this is taken as this (a detail image the basis draws exactly has none) */
  floor: 0.02,
  /**
   * rounds of filling occluded pixels with the fit and fitting again: on 12 held-out train photos the weights after
   * 12 rounds were within 0.06 (RMS; 0.17 at most) of 50 rounds' (weights span +-4), at 14-38 ms for the whole read
   */
  rounds: 12,
})

/**
 * The weights of a detail image (basis.size square) on the basis, in units of each component's spread, clamped:
 * the least-squares fit to its pixels that are neither `missing` (a flag per basis pixel, e.g. a turned face's far
 * side: foreshortenedPixels) nor occluded (occludedPixels; `occlusion: false` takes every pixel that is not
 * missing), found by filling the left-out ones with the fit and fitting again (EM for missing data).
 */
export function projectDetail(
  basis: SkinDetailBasis,
  image: Float32Array,
  male: number,
  options: { occlusion?: boolean; missing?: Uint8Array } = {}
): Float32Array {
  return fitDetail(basis, image, male, options).weights
}

/**
 * projectDetail, and the residual: at each basis pixel, the image's detail minus what the weights draw (levels,
 * basis pixel order), 0 where the fit left the pixel out (missing or occluded: what is there is not the face's),
 * and those pixels (`left`: a flag per basis pixel; undefined when none was).
 */
export function fitDetail(
  basis: SkinDetailBasis,
  image: Float32Array,
  male: number,
  { occlusion = true, missing }: { occlusion?: boolean; missing?: Uint8Array } = {}
): { weights: Float32Array; residual: Float32Array; left: Uint8Array | undefined } {
  const n = basis.pixels.length
  const mean = meanFor(basis, male)
  const r = new Float32Array(n)
  for (let i = 0; i < n; i++) r[i] = image[basis.pixels[i]!]! - mean[i]!
  let coef = coefficients(basis, r)
  const unread = missing?.includes(1) ? missing : undefined
  let left = unread
  if (unread) coef = fitWithout(basis, r, unread, coef)
  if (occlusion) {
    // twice: the first flags come from the fit the occluder pulled (its misfit spreads over the face); the
    // second from the fit without the occluder
    for (let pass = 0; pass < 2; pass++) {
      const occluded = occludedPixels(basis, r, synthesize(basis, coef))
      if (unread) occluded.forEach((o, i) => (occluded[i] = o | unread[i]!))
      if (!occluded.includes(1)) break
      left = occluded
      coef = fitWithout(basis, r, occluded, coef)
    }
  }
  const weights = coef.map((c, k) =>
    Math.max(-SKIN_DETAIL_LIMIT, Math.min(SKIN_DETAIL_LIMIT, c / basis.spread[k]!))
  )
  // around what the clamped weights draw, so weights and residual together give the image back
  const fit = synthesize(
    basis,
    weights.map((w, k) => w * basis.spread[k]!)
  )
  const residual = Float32Array.from(r, (v, i) => (left?.[i] ? 0 : v - fit[i]!))
  return { weights, residual, left }
}

/**
 * 1 for each basis pixel (basis.pixels order) that is occluded (see OCCLUSION), given a detail image's residual
 * around the mean (`r`) and its fit on the basis (`fit`).
 */
export function occludedPixels(
  basis: SkinDetailBasis,
  r: Float32Array,
  fit: Float32Array
): Uint8Array {
  const n = basis.pixels.length
  const S = basis.size
  const { variance, cover } = pixelStats(basis)
  const misfit = new Float32Array(S * S)
  for (let i = 0; i < n; i++) misfit[basis.pixels[i]!] = (r[i]! - fit[i]!) ** 2 / variance[i]!
  const smooth = gaussianBlur(misfit, S, OCCLUSION.sigma)
  const local = Float32Array.from(basis.pixels, (p) => smooth[p]! / cover[p]!)
  const median = Math.max(OCCLUSION.floor, Float32Array.from(local).sort()[n >> 1]!)
  return Uint8Array.from(local, (m) => (m > OCCLUSION.ratio * median ? 1 : 0))
}

/**
 * The coefficients EM gives `r` with its `occluded` pixels missing, from `start`: OCCLUSION.rounds rounds of
 * filling the occluded pixels with the fit and fitting again. Done in the occluded pixels' own space (the fit there
 * is f = C_o^T c, and a round is c = C (r without them) + C_o f), so a round costs 2 x count x occluded
 * multiply-adds instead of 2 x count x pixels: the same iterates, a tenth of the time for a typical 5%.
 */
function fitWithout(
  basis: SkinDetailBasis,
  r: Float32Array,
  occluded: Uint8Array,
  start: Float32Array
): Float32Array {
  const n = basis.pixels.length
  const k = basis.count
  const at: number[] = []
  const kept = Float32Array.from(r)
  occluded.forEach((o, i) => {
    if (o) {
      at.push(i)
      kept[i] = 0
    }
  })
  const m = at.length
  const base = coefficients(basis, kept)
  // the components at the occluded pixels, count x m
  const co = new Float32Array(k * m)
  for (let c = 0; c < k; c++)
    for (let j = 0; j < m; j++) co[c * m + j] = basis.components[c * n + at[j]!]!
  // the fit at the occluded pixels: the components there, weighted as synthesize weights them
  const fitThere = (coef: Float32Array) => weightedRows(co, k, m, coef)
  let f = fitThere(start)
  const coef = new Float32Array(k)
  for (let round = 0; round < OCCLUSION.rounds; round++) {
    rowDots(co, k, m, f, base, coef)
    f = fitThere(coef)
  }
  return coef
}

/** <component, r> for every component (the fit's coefficients; components are unit length). */
function coefficients(basis: SkinDetailBasis, r: Float32Array): Float32Array {
  return rowDots(
    basis.components,
    basis.count,
    basis.pixels.length,
    r,
    null,
    new Float32Array(basis.count)
  )
}

/**
 * out[c] = (init ? init[c] : 0) + <row c of M, v> for the `rows` rows of M (each `len` long, one after the other),
 * each sum taken in order along the row. Four rows at a time: four independent sums, the same floats as one row
 * at a time, without each addition waiting on the one before (a projection on the basis spent most of its time
 * there).
 */
function rowDots(
  M: Float32Array,
  rows: number,
  len: number,
  v: ArrayLike<number>,
  init: ArrayLike<number> | null,
  out: Float32Array
): Float32Array {
  let c = 0
  for (; c + 4 <= rows; c += 4) {
    const o = c * len
    let s0 = init ? init[c]! : 0, s1 = init ? init[c + 1]! : 0, s2 = init ? init[c + 2]! : 0, s3 = init ? init[c + 3]! : 0
    for (let i = 0; i < len; i++) {
      const x = v[i]!
      s0 += M[o + i]! * x
      s1 += M[o + len + i]! * x
      s2 += M[o + 2 * len + i]! * x
      s3 += M[o + 3 * len + i]! * x
    }
    out[c] = s0
    out[c + 1] = s1
    out[c + 2] = s2
    out[c + 3] = s3
  }
  for (; c < rows; c++) {
    let s = init ? init[c]! : 0
    for (let i = 0; i < len; i++) s += M[c * len + i]! * v[i]!
    out[c] = s
  }
  return out
} // prettier-ignore

/** The detail (around the mean) that coefficients draw, over the basis pixels. */
function synthesize(basis: SkinDetailBasis, coef: Float32Array): Float32Array {
  return weightedRows(basis.components, basis.count, basis.pixels.length, coef)
}

/**
 * The sum of the `rows` rows of M (each `len` long, one after the other) weighted by `coef`: each row with a
 * non-zero weight added in turn, each sum rounded to float32 as it is stored. Four rows a pass (the element's sum
 * kept between them, rounded as storing rounds it): the same floats as a pass per row, a quarter of the loads and
 * stores.
 */
function weightedRows(M: Float32Array, rows: number, len: number, coef: Float32Array): Float32Array {
  const out = new Float32Array(len)
  const used: number[] = []
  for (let c = 0; c < rows; c++) if (coef[c] !== 0) used.push(c)
  let u = 0
  for (; u + 4 <= used.length; u += 4) {
    const o0 = used[u]! * len, o1 = used[u + 1]! * len, o2 = used[u + 2]! * len, o3 = used[u + 3]! * len
    const k0 = coef[used[u]!]!, k1 = coef[used[u + 1]!]!, k2 = coef[used[u + 2]!]!, k3 = coef[used[u + 3]!]!
    for (let i = 0; i < len; i++) {
      let v = Math.fround(out[i]! + k0 * M[o0 + i]!)
      v = Math.fround(v + k1 * M[o1 + i]!)
      v = Math.fround(v + k2 * M[o2 + i]!)
      out[i] = v + k3 * M[o3 + i]!
    }
  }
  for (; u < used.length; u++) {
    const o = used[u]! * len
    const k = coef[used[u]!]!
    for (let i = 0; i < len; i++) out[i] = out[i]! + k * M[o + i]!
  }
  return out
} // prettier-ignore

/**
 * Per basis: the variance its components give each pixel over the train photos, and the share of each grid
 * pixel's smoothing window that basis pixels fill (so the rim's smoothed misfit is not diluted by the grid outside).
 */
const stats = new WeakMap<SkinDetailBasis, { variance: Float32Array; cover: Float32Array }>()
function pixelStats(basis: SkinDetailBasis): { variance: Float32Array; cover: Float32Array } {
  let s = stats.get(basis)
  if (!s) {
    const n = basis.pixels.length
    const variance = new Float32Array(n)
    for (let c = 0; c < basis.count; c++)
      for (let i = 0; i < n; i++)
        variance[i] = variance[i]! + (basis.spread[c]! * basis.components[c * n + i]!) ** 2
    // a pixel no component reaches would divide by 0: give it the smallest variance of the rest
    const least = Math.min(...variance.filter((v) => v > 0))
    for (let i = 0; i < n; i++) if (!(variance[i]! > 0)) variance[i] = least
    const inside = new Float32Array(basis.size * basis.size)
    for (const p of basis.pixels) inside[p] = 1
    s = { variance, cover: gaussianBlur(inside, basis.size, OCCLUSION.sigma) }
    stats.set(basis, s)
  }
  return s
}

/** A face's 68 points in its own aligned frame (unit square): its image points through the inverse alignment. */
export function alignedPoints(face: {
  ibug68: ArrayLike<number>
  alignToImage: Affine
}): Float32Array {
  const m = invertAffine(face.alignToImage)
  if (!m)
    throw new Error(
      'This face has a degenerate alignment: its points cannot be put in the aligned frame.'
    )
  const out = new Float32Array(136)
  for (let i = 0; i < 68; i++) {
    const x = face.ibug68[2 * i]!
    const y = face.ibug68[2 * i + 1]!
    out[2 * i] = m[0] * x + m[1] * y + m[2]
    out[2 * i + 1] = m[3] * x + m[4] * y + m[5]
  }
  return out
}
