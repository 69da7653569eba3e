/**
 * @module face/align — similarity alignment of a face to the canonical frame: the frozen template of
 * canonical-frame.json (68 points in a unit square), a least-squares similarity fit, aligned crops at any size.
 * The face module never imports the engine (lint rule): the frame is data, shared with Python.
 */
import type { RgbaImage } from '../image/types.ts'
import { fitSimilarity, invertAffine, type Affine } from './affine.ts'
import FRAME from './canonical-frame.json' with { type: 'json' }
import { ImagePyramid, tensorToImage } from './pyramid.ts'

/** The canonical frame's version (canonical-frame.json `version`): models and datasets record the one they use. */
export const CANONICAL_FRAME_VERSION: number = FRAME.version

/** iBUG points used for the fit: brows' inner halves, nose, eyes, mouth (the jaw and outer brows vary most). */
export const ALIGN_POINTS: readonly number[] = Object.freeze([...FRAME.align_points])

/** The frozen template: canonical-frame.json's 68 points as [x0, y0, x1, y1, ...]. */
export function canonicalTemplate(): Float32Array {
  return Float32Array.from(FRAME.ibug68.flat())
}

let template: Float32Array | null = null

/**
 * The current template: 68 points [x, y] in the unit square of the canonical frame (0,0 top-left, 1,1
 * bottom-right). By default the frozen canonical frame (canonical-frame.json, version 1: engine v1's default
 * character in its FRONT view, so an aligned crop of a photo frames the face as that render does).
 */
export function alignTemplate(): Float32Array {
  template ??= canonicalTemplate()
  return template
}

/** The generic (human mean face) template, for callers that want a tighter face frame than the engine's. */
export function genericTemplate(): Float32Array {
  return Float32Array.from(GENERIC_TEMPLATE)
}

/** Replaces the template (experiments only: models and datasets assume the canonical frame). */
export function setAlignTemplate(points: Float32Array): void {
  if (points.length !== 136) throw new Error('An alignment template has 68 points: 136 numbers.')
  template = Float32Array.from(points)
}

/** The similarity map from the unit aligned frame to the image for 68 image points. */
export function alignmentFor(ibug68: ArrayLike<number>): Affine {
  return fitAlignPoints(alignTemplate(), ibug68)
}

/** The least-squares similarity taking one face's 68 points (`from`) onto another's (`to`) over ALIGN_POINTS:
 * brows, eyes, nose and mouth, not the jaw line, which detectors place least surely. */
export function fitAlignPoints(from: ArrayLike<number>, to: ArrayLike<number>): Affine {
  const a: number[] = []
  const b: number[] = []
  for (const i of ALIGN_POINTS) {
    a.push(from[2 * i]!, from[2 * i + 1]!)
    b.push(to[2 * i]!, to[2 * i + 1]!)
  }
  return fitSimilarity(a, b)
}

/**
 * The map from an image's unit square (pixels / size) to the aligned frame's unit square for a face with these
 * 68 points (pixels of a `size` square image): how a renderer that takes a frame affine (engine v2's `frame`)
 * draws a face straight into its aligned frame, exactly as a photo of it would be aligned.
 */
export function alignedFrameFor(ibug68: ArrayLike<number>, size: number): Affine {
  const unit = Array.from({ length: 136 }, (_, i) => ibug68[i]! / size)
  const inverse = invertAffine(alignmentFor(unit))
  if (!inverse)
    throw new Error('These 68 points are degenerate (all in one place): they cannot be aligned.')
  return inverse
}

/** The `size`x`size` aligned crop of `image` for a face's alignToImage map (opaque RGBA; outside is black). */
export function alignedCrop(
  image: RgbaImage | ImagePyramid,
  alignToImage: Affine,
  size: number
): RgbaImage {
  const pyramid = image instanceof ImagePyramid ? image : new ImagePyramid(image)
  return tensorToImage(pyramid.warp(scaledAlign(alignToImage, size), size, size), size, size)
}

/**
 * The square the recognisers see, inside the aligned frame: centred just below the eye line, 2.2 outer-eye
 * distances wide (brows to lower lip, forehead included, chin edge cut). Chosen on face-api's demo photos (22
 * faces) for MobileFace: different people mean cosine 0.35 on the whole frame, 0.15-0.19 here; a face vs its mirror
 * stays at 0.89. Returned as the map from the window's unit square to the aligned unit square.
 */
export function embedWindow(t: Float32Array = alignTemplate()): Affine {
  const iod = Math.hypot(t[90]! - t[72]!, t[91]! - t[73]!) // iBUG 45 - 36
  const { side_iod, centre_below_eyes_iod } = FRAME.recogniser_window
  const side = side_iod * iod
  const cx = (t[72]! + t[90]!) / 2
  const cy = (t[73]! + t[91]!) / 2 + centre_below_eyes_iod * iod
  return [side, 0, cx - side / 2, 0, side, cy - side / 2]
}

/** `outer` after `inner`: x -> outer(inner(x)). */
export function composeAffine(outer: Affine, inner: Affine): Affine {
  const [a, b, c, d, e, f] = outer
  const [p, q, r, s, t, u] = inner
  return [
    a * p + b * s,
    a * q + b * t,
    a * r + b * u + c,
    d * p + e * s,
    d * q + e * t,
    d * r + e * u + f,
  ]
}

/** alignToImage for a `size`-pixel crop instead of the unit square. */
export function scaledAlign(m: Affine, size: number): Affine {
  return [m[0] / size, m[1] / size, m[2], m[3] / size, m[4] / size, m[5]]
}

/**
 * The generic template: the mean pose-normalised, mirror-symmetrised 68 points of the 17
 * near-frontal faces of face-api's demo photos, scaled so that the outer eye corners are 0.36 apart with their
 * centre at (0.5, 0.42): the face spans x 0.23-0.77 and y 0.32 (brows) to 0.85 (chin).
 */

// prettier-ignore
const GENERIC_TEMPLATE: readonly number[] = [
  0.2316, 0.3927, 0.2342, 0.5175, 0.2388, 0.5754, 0.2664, 0.6947, 0.2919, 0.74, 0.3217, 0.7712,
  0.3886, 0.8163, 0.4548, 0.8435, 0.5, 0.8477, 0.5452, 0.8435, 0.6114, 0.8163, 0.6783, 0.7712,
  0.7081, 0.74, 0.7336, 0.6947, 0.7612, 0.5754, 0.7658, 0.5175, 0.7684, 0.3927, 0.2605, 0.3478,
  0.3027, 0.3299, 0.3401, 0.3155, 0.388, 0.316, 0.4424, 0.3223, 0.5576, 0.3223, 0.612, 0.316,
  0.6599, 0.3155, 0.6973, 0.3299, 0.7395, 0.3478, 0.5, 0.3941, 0.5, 0.4525, 0.5, 0.5002,
  0.5, 0.5326, 0.4502, 0.5779, 0.471, 0.5923, 0.5, 0.5922, 0.529, 0.5923, 0.5498, 0.5779,
  0.32, 0.42, 0.3467, 0.401, 0.3899, 0.3984, 0.4309, 0.4266, 0.3974, 0.4317, 0.3558, 0.4326,
  0.5691, 0.4266, 0.6101, 0.3984, 0.6533, 0.401, 0.68, 0.42, 0.6442, 0.4326, 0.6026, 0.4317,
  0.3932, 0.6741, 0.4375, 0.6454, 0.4692, 0.6383, 0.5, 0.6419, 0.5308, 0.6383, 0.5625, 0.6454,
  0.6068, 0.6741, 0.558, 0.7128, 0.5311, 0.7218, 0.5, 0.7247, 0.4689, 0.7218, 0.442, 0.7128,
  0.4078, 0.6729, 0.4752, 0.6669, 0.5, 0.6677, 0.5248, 0.6669, 0.5922, 0.6729, 0.5259, 0.6872,
  0.5, 0.6882, 0.4741, 0.6872,
]
