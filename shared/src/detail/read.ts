/**
 * @module detail/read — a photo's skin detail: the luminance of its aligned crop minus its blur, inside skin and
 * nose, warped to the shape-free frame, and its weights on a basis (projection). Pure arithmetic on what the face
 * pipeline already gives (aligned crop, part labels, landmarks): no model runs here.
 */
import { invertAffine, type Affine } from '../face/affine.ts'
import { meanFor, type SkinDetailBasis } from './basis.ts'
import { gaussianBlur } from './blur.ts'
import { toShapeFree } from './frame.ts'
import { BAND_SIGMA, DETAIL_LABELS, READ_SIZE, SKIN_DETAIL_LIMIT } from './spec.ts'

/** What detail is read from: the face's aligned crop and labels (READ_SIZE px) and its 68 points in that frame. */
export interface DetailSource {
  /** RGBA, READ_SIZE x READ_SIZE (FaceAnalyzer.alignedCrop). */
  crop: Uint8ClampedArray
  /** Part label per crop pixel (FaceAnalyzer.partLabels at READ_SIZE). */
  labels: Uint8Array
  /** The 68 iBUG points in the aligned frame's unit square. */
  points: ArrayLike<number>
}

/**
 * The fine detail of a face in the shape-free frame, at `size` px (READ_SIZE or a divisor: box-averaged).
 * `pixels`: when given, only these pixels of the `size` grid are computed (the rest are 0), with the same values.
 */
export function faceDetail(
  source: DetailSource,
  size: number,
  pixels?: ArrayLike<number>
): Float32Array {
  const S = READ_SIZE
  if (source.crop.length !== S * S * 4 || source.labels.length !== S * S)
    throw new Error(
      `Skin detail is read from a ${S} px aligned crop and its labels; got ${source.crop.length / 4} pixels.`
    )
  if (S % size !== 0)
    throw new Error(`A detail grid of ${size} px does not divide the ${S} px crop.`)
  const lum = new Float32Array(S * S)
  for (let i = 0; i < S * S; i++)
    lum[i] =
      0.299 * source.crop[i * 4]! +
      0.587 * source.crop[i * 4 + 1]! +
      0.114 * source.crop[i * 4 + 2]!
  const blur = gaussianBlur(lum, S, BAND_SIGMA)
  const band = new Float32Array(S * S)
  for (let i = 0; i < S * S; i++)
    if (DETAIL_LABELS.includes(source.labels[i]!)) band[i] = lum[i]! - blur[i]!
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
  const free = toShapeFree(band, S, source.points, only)
  if (size === S) return free
  const out = new Float32Array(size * size)
  for (let j = 0; j < size; j++)
    for (let i = 0; i < size; i++) {
      let s = 0
      for (let y = 0; y < f; y++)
        for (let x = 0; x < f; x++) s += free[(j * f + y) * S + i * f + x]!
      out[j * size + i] = s / (f * f)
    }
  return out
}

/**
 * A face's weights on `basis` (its detail's projection around the mean of a character of gender `male`, in units
 * of each component's spread, clamped).
 */
export function readDetail(
  basis: SkinDetailBasis,
  source: DetailSource,
  male: number
): Float32Array {
  return projectDetail(basis, faceDetail(source, basis.size, basis.pixels), male)
}

/** The weights of a detail image (basis.size square) on the basis: <component, image - mean> / spread. */
export function projectDetail(
  basis: SkinDetailBasis,
  image: Float32Array,
  male: number
): Float32Array {
  const n = basis.pixels.length
  const mean = meanFor(basis, male)
  const r = new Float32Array(n)
  for (let i = 0; i < n; i++) r[i] = image[basis.pixels[i]!]! - mean[i]!
  const w = new Float32Array(basis.count)
  for (let c = 0; c < basis.count; c++) {
    const comp = basis.components.subarray(c * n, (c + 1) * n)
    let s = 0
    for (let i = 0; i < n; i++) s += comp[i]! * r[i]!
    const v = s / basis.spread[c]!
    w[c] = Math.max(-SKIN_DETAIL_LIMIT, Math.min(SKIN_DETAIL_LIMIT, v))
  }
  return w
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
