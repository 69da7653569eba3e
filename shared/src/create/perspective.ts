/**
 * @module create/perspective — a photo taken from close up (a selfie at arm's length) read as if from a portrait's
 * distance. Why: a near camera magnifies what is nearer to it, so at 30 cm the nose and the middle of the face grow
 * against the jaw and the ears (the face reads narrower, the cheekbones flatter, the head longer); the translator
 * learned from portrait-distance renders (100 cm) and photos, and on engine renders taken from 30 cm its characters
 * lost 0.07 of FaceRes cosine to their own character (0.833 -> 0.762; with this module 0.807: docs/likeness.md
 * "Session 42").
 *
 * The correction is measured, not modelled: FaceMesh fits its own 3D face to a close-up and absorbs about half of the
 * lens's distortion into the face's shape, so undoing the pinhole geometry with FaceMesh's depth overcorrects. Instead
 * perspective-field.json holds how far each of the translator's 68 pose-normalised points moves (in the features'
 * own units, the eye span 1) per unit of nearness `1 / distance - 1 / reference`, fitted on engine renders of
 * characters taken from 30 to 70 cm against the same characters from 100 cm (cli/src/eval/perspective-field.ts).
 * The distance comes from the lens and the face's size in the photo: the camera's focal length (35-mm equivalent,
 * the photo's EXIF or the front camera's) and the eye span, which varies little between adults.
 */
import { eyeSpan } from '../face/pose.ts'
import type { Face } from '../face/types.ts'
import { FEATURE_OFFSETS, FEATURE_POINTS } from './features.ts'
import field from './perspective-field.json' with { type: 'json' }

/** What perspective-field.json holds. */
export interface PerspectiveField {
  /** The distance (cm, camera to the outer eye corners) the translator's training views were taken from. */
  referenceCm: number
  /** The outer eye corners' span (FaceMesh 33-263, cm) of the engine's heads, from which a photo's distance follows. */
  eyeSpanCm: number
  /** (68 * 3,) how the pose-normalised points move per unit of `1 / distance - 1 / referenceCm` (1 / cm). */
  field: number[]
}

/** The measured field (cli/scripts/perspective-field.ts writes it). */
export const PERSPECTIVE_FIELD: PerspectiveField = field

/** A 35-mm film frame's diagonal, mm: a 35-mm-equivalent focal length is relative to it. */
export const FILM_DIAGONAL_MM = Math.hypot(36, 24)

/** Shortest and longest 35-mm-equivalent focal lengths accepted (phone ultra-wide to a long telephoto), mm. */
export const FOCAL_RANGE_MM = Object.freeze([10, 800] as const)

/** The lens a photo was taken with, where the caller knows it (a phone's front camera, the photo's EXIF). */
export interface PhotoLens {
  /**
   * 35-mm-equivalent focal length in mm (EXIF FocalLengthIn35mmFilm), for the photo as the camera took it (not
   * cropped afterwards). Phones' front cameras are about 24-30 mm; a portrait lens 85 mm and more.
   */
  focalLength35mm: number
}

/** The typical phone front camera's 35-mm-equivalent focal length, mm (the selfie screen's lens). */
export const FRONT_CAMERA_FOCAL_MM = 26

/**
 * The lens a photo's EXIF focal length (FocalLengthIn35mmFilm, mm) describes, or null where there is none or it is
 * outside FOCAL_RANGE_MM (a damaged or odd tag is no reason to refuse the photo: it is read as taken).
 */
export function lensFromExif(focalLength35mm: number | null): PhotoLens | null {
  return focalLength35mm !== null &&
    focalLength35mm >= FOCAL_RANGE_MM[0] &&
    focalLength35mm <= FOCAL_RANGE_MM[1]
    ? { focalLength35mm }
    : null
}

/** Throws a RangeError that says what to pass when `lens` is not a usable focal length. */
export function checkLens(lens: PhotoLens): void {
  const f = lens.focalLength35mm
  if (!(f >= FOCAL_RANGE_MM[0] && f <= FOCAL_RANGE_MM[1]))
    throw new RangeError(
      `focalLength35mm ${f}: pass the lens's 35-mm-equivalent focal length in mm, ${FOCAL_RANGE_MM[0]} to ` +
        `${FOCAL_RANGE_MM[1]} (a phone's front camera is about ${FRONT_CAMERA_FOCAL_MM}), or no lens at all`
    )
}

/**
 * How far the camera was from the face's outer eye corners, cm: the focal length in pixels (the 35-mm equivalent
 * over the film diagonal, times the image's) times the eye span in cm over its span in pixels (in 3D, so a turned
 * head is not taken for a far one).
 */
export function cameraDistance(
  face: Pick<Face, 'mesh'>,
  size: { width: number; height: number },
  lens: PhotoLens,
  table: PerspectiveField = PERSPECTIVE_FIELD
): number {
  checkLens(lens)
  return (focalLengthPx(lens, size) * table.eyeSpanCm) / eyeSpan(face.mesh)
}

/** The lens's focal length in pixels of an image of `size` as the camera took it (over its diagonal). */
export function focalLengthPx(lens: PhotoLens, size: { width: number; height: number }): number {
  return (lens.focalLength35mm / FILM_DIAGONAL_MM) * Math.hypot(size.width, size.height)
}

/**
 * How much nearer than the reference a camera `distanceCm` away is, in the field's unit; 0 from the reference on:
 * a portrait from further away than the renders is left as it is (photos of all those distances trained the
 * translator).
 */
export function nearness(distanceCm: number, table: PerspectiveField = PERSPECTIVE_FIELD): number {
  if (!(distanceCm > 0)) throw new RangeError(`camera distance ${distanceCm} cm: must be above 0`)
  return Math.max(0, 1 / distanceCm - 1 / table.referenceCm)
}

/**
 * Moves the translator features' 68 points (in place) to where a camera at the reference distance would have put
 * them. `distanceCm` as cameraDistance gives it.
 */
export function undoNearLens(
  features: Float32Array,
  distanceCm: number,
  table: PerspectiveField = PERSPECTIVE_FIELD
): Float32Array {
  const u = nearness(distanceCm, table)
  if (u === 0) return features
  for (let k = 0; k < FEATURE_POINTS * 3; k++)
    features[FEATURE_OFFSETS.landmarks + k] =
      features[FEATURE_OFFSETS.landmarks + k]! - u * table.field[k]!
  return features
}

/**
 * Moves 68 iBUG points in an aligned frame (flat [x, y] * 68; the refine targets') as undoNearLens moves the
 * translator's: the field's x and y in units of the points' own outer-eye-corner span (iBUG 36-45), which the
 * alignment keeps level. The field's depth has no place in a 2D frame.
 */
export function undoNearLensFrame(
  points: Float32Array,
  distanceCm: number,
  table: PerspectiveField = PERSPECTIVE_FIELD
): Float32Array {
  const u = nearness(distanceCm, table)
  if (u === 0) return points
  const span = Math.hypot(points[90]! - points[72]!, points[91]! - points[73]!)
  for (let i = 0; i < FEATURE_POINTS; i++) {
    points[i * 2] = points[i * 2]! - u * table.field[i * 3]! * span
    points[i * 2 + 1] = points[i * 2 + 1]! - u * table.field[i * 3 + 1]! * span
  }
  return points
}

/**
 * How much smaller, against the eye corners, a near camera shows what lies `depthCm` behind them than a camera at
 * the reference distance does (pinhole: magnification over distance), e.g. 0.83 for the jaw's sides (6 cm) at 30 cm.
 */
export function depthScale(distanceCm: number, depthCm: number, table: PerspectiveField = PERSPECTIVE_FIELD): number {
  const d = Math.min(distanceCm, table.referenceCm)
  return (d / (d + depthCm)) / (table.referenceCm / (table.referenceCm + depthCm))
} // prettier-ignore

/**
 * Depth behind the eye corners of the hair the creator reads beside the jaw and the neck, cm (about the ears'). On
 * 40 engine characters from 30 cm, reading the hair in a frame shrunk for 6 or 10 cm both cut the cuts that differed
 * from the same characters' portrait view from 17 to 10-11 (FaceRes to the character 0.784 -> 0.809).
 */
export const HAIR_DEPTH_CM = 8

/** An aligned frame's map to the image (create/face Face.alignToImage) shrunk by `k` about the frame's centre. */
export function shrinkFrame(
  m: readonly [number, number, number, number, number, number],
  k: number
): [number, number, number, number, number, number] {
  const [a, b, c, d, e, f] = m
  return [k * a, k * b, c + (1 - k) * 0.5 * (a + b), k * d, k * e, f + (1 - k) * 0.5 * (d + e)]
}
