/**
 * @module detail/reliability — how much of a photo's finest skin detail (the residual and its octave) is the
 * person's, judged from the photo itself: how many of its pixels the face has, and how blocky its JPEG coding is.
 * Why: a small face saved as a JPEG has lost that band to the coder (8 x 8 blocks of a photo a third of London's size
 * span 15 px of the 224 px read), and what the read takes for detail is mostly the coder's blocks and ringing. On
 * London's creating photos shrunk to 0.3x (JPEG 70) the characters lost FaceRes id_cos 0.042, of which the full
 * photo's detail in their place won back 0.037; neither fewer pixels alone (0.4x as PNG: no loss) nor the coder alone
 * (full size, JPEG 70: -0.001) cost much (docs/likeness.md, "Session 56").
 *
 * The model, measured on degraded copies of TRAIN photos (cli/scripts/detail-reliability.ts: 77 frontal photos, never
 * London or the held-out ones, shrunk to read scales 0.45-1.1 or kept, as PNG or JPEG 60-90; 1,451 copies): the
 * correlation of a copy's residual (octave) with its clean photo's, fitted on the log of the read's scale (photo px
 * per read px, from the alignment) and the photo's blockiness (JPEG's 8-px grid). The read is drawn at the square
 * root of its predicted correlation over a sharp, clean photo's (RELIABILITY.reference): halfway, in log, between
 * keeping it whole and the least-squares shrink (the ratio itself), which shrank reads FaceRes still liked (London at
 * 0.4x as PNG -0.003, where the root kept it level).
 */
import type { RgbaImage } from '../image/types.ts'
import { READ_SIZE } from './spec.ts'

/**
 * Fitted weights of the predicted correlation, on [1, ln s, b, b ln s, (ln s)^2] (s: the read's scale, at most
 * RELIABILITY.maxScale; b: blockiness, at most RELIABILITY.maxBlock), for the residual and the octave;
 * `reference`: the scale and blockiness of a sharp, cleanly coded photo, whose read is kept whole.
 */
export const RELIABILITY = Object.freeze({
  residual: [0.7057, 0.2373, -0.0425, 0.0704, -0.154] as readonly number[],
  octave: [0.8445, 0.2131, -0.0834, 0.0713, -0.1423] as readonly number[],
  reference: Object.freeze({ scale: 2, block: 1 }),
  maxScale: 3,
  maxBlock: 3,
})

/** Factors (0..1) the residual and the octave of a read are drawn at. */
export interface DetailReliability {
  residual: number
  octave: number
}

/** Photo pixels per pixel of the read's READ_SIZE crop, from the face's alignment (face.alignToImage). */
export function readScale(alignToImage: ArrayLike<number>): number {
  return Math.hypot(alignToImage[0]!, alignToImage[3]!) / READ_SIZE
}

/**
 * How much stronger the step across JPEG's 8-px block edges is than elsewhere: the mean of |step - the slope beside
 * it| (green channel, across columns and rows) at the strongest of the 8 offsets over its mean at the 4 offsets
 * farthest from it. About 1 for a photo never JPEG-coded (or resized since), 1.2 at quality 90, 1.6 at 75, 2 at 60.
 * Rows and columns are sampled at most `samples` apart so a large photo costs no more than a small one.
 */
export function blockiness(image: RgbaImage, samples = 512): number {
  const { width: w, height: h, data } = image
  if (w < 16 || h < 16) return 1
  const g = (x: number, y: number) => data[(y * w + x) * 4 + 1]!
  // one direction's ratio: the step between pixel i-1 and i minus the mean slope on either side, by i mod 8, along
  // `lines` lines of `n` pixels (the grid's offset can differ across and down, in a cropped JPEG)
  const ratio = (lines: number, n: number, at: (line: number, i: number) => number) => {
    const sums = new Float64Array(8)
    const counts = new Float64Array(8)
    for (let l = 0; l < lines; l += Math.max(1, Math.floor(lines / samples)))
      for (let i = 2; i + 1 < n; i++) {
        const step = at(l, i) - at(l, i - 1)
        const slope = (at(l, i - 1) - at(l, i - 2) + at(l, i + 1) - at(l, i)) / 2
        sums[i & 7] = sums[i & 7]! + Math.abs(step - slope)
        counts[i & 7] = counts[i & 7]! + 1
      }
    const mean = Array.from(sums, (s, o) => s / Math.max(1, counts[o]!))
    const top = mean.indexOf(Math.max(...mean))
    const base = [2, 3, 4, 5].reduce((a, d) => a + mean[(top + d) & 7]!, 0) / 4
    return base > 0 ? mean[top]! / base : 1
  }
  return (ratio(h, w, (y, x) => g(x, y)) + ratio(w, h, (x, y) => g(x, y))) / 2
}

/** The predicted correlation of a read with its clean photo's (weights: RELIABILITY.residual or .octave). */
function correlation(weights: readonly number[], scale: number, block: number): number {
  const s = Math.log(Math.min(Math.max(scale, 1e-3), RELIABILITY.maxScale))
  const b = Math.min(block, RELIABILITY.maxBlock)
  const terms = [1, s, b, b * s, s * s]
  return terms.reduce((a, t, i) => a + t * weights[i]!, 0)
}

/** The factors a read's residual and octave are drawn at, for a photo of read scale `scale` and `block`iness. */
export function detailReliability(scale: number, block: number): DetailReliability {
  const { scale: s0, block: b0 } = RELIABILITY.reference
  const factor = (w: readonly number[]) => {
    const ratio = correlation(w, scale, block) / correlation(w, s0, b0)
    return Math.sqrt(Math.min(1, Math.max(0, ratio)))
  }
  return { residual: factor(RELIABILITY.residual), octave: factor(RELIABILITY.octave) }
}

/** detailReliability of the face at `alignToImage` (Face.alignToImage) in `image`. */
export function photoReliability(
  image: RgbaImage,
  alignToImage: ArrayLike<number>
): DetailReliability {
  return detailReliability(readScale(alignToImage), blockiness(image))
}
