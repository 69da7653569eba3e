/**
 * @module face/dlib-chip — dlib's own face alignment for its ResNet recogniser: `get_face_chip_details` for a
 * 5-point shape (both corners of each eye and the bottom of the nose), a 150x150 chip with padding 0.25. The chip
 * points are dlib's mean face (the 68-point model's mean shape without the jaw, unit square), as published in
 * dlib/image_transforms/interpolation.h; the 5 points are picked from our 68 iBUG points (dlib's 5-point model
 * marks the same corners and the nose bottom, iBUG 33).
 */
import { fitSimilarity, type Affine } from './affine.ts'

/** dlib's chip: 150x150 pixels, padding 0.25 of the mean face's extent on each side (dlib_face_recognition). */
export const DLIB_CHIP = Object.freeze({ size: 150, padding: 0.25 })

/** [iBUG index, dlib mean-face x, y] for the 5 points (dlib 5-point order: subject's left eye outer, inner,
 * right eye outer, inner, nose bottom). */
const DLIB_FIVE: readonly (readonly [number, number, number])[] = [
  [45, 0.858516, 0.216423],
  [42, 0.645647, 0.231733],
  [36, 0.121737, 0.216423],
  [39, 0.334606, 0.231733],
  [33, 0.490127, 0.628106],
]

/**
 * The map from dlib's chip (unit square) to image pixels for a face's 68 iBUG points (image pixels): the
 * least-squares similarity dlib fits, with dlib's pixel-centre coordinates converted to ours (corner origin).
 */
export function dlibChipToImage(ibug68: ArrayLike<number>, padding = DLIB_CHIP.padding): Affine {
  const { size } = DLIB_CHIP
  const from: number[] = []
  const to: number[] = []
  for (const [i, mx, my] of DLIB_FIVE) {
    // dlib: chip pixel (p * size) in pixel-centre coordinates = p * size + 0.5 in ours; / size -> unit square.
    from.push((((padding + mx) / (1 + 2 * padding)) * size + 0.5) / size)
    from.push((((padding + my) / (1 + 2 * padding)) * size + 0.5) / size)
    to.push(ibug68[2 * i]!, ibug68[2 * i + 1]!)
  }
  return fitSimilarity(from, to)
}
