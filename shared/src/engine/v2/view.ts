/**
 * @module engine/v2/view — the v2 camera: a 20-degree portrait lens 100 cm in front of the head, looking at a
 * point just below eye height: the whole head and hair fit, the shoulders' cut edge stays out of frame. Model space is cm with the origin
 * between the ears at eye height (see engine/v2/assets). Yaw turns the HEAD (the camera and lights stay).
 */
import { mat4, vec3, type Mat4 } from '../../math/index.ts'
import type { HeadView } from './mesh-types.ts'

/** Canonical framing of v2 renders. */
export const VIEW_V2 = Object.freeze({
  eye: Object.freeze([0, -0.5, 100] as const),
  target: Object.freeze([0, -0.5, 0] as const),
  fovYDeg: 20,
  near: 50,
  far: 150,
})

/** The most a render may pitch the head, degrees either way (more shows the cut neck or the scalp's top). */
export const PITCH_LIMIT_V2 = 20

/**
 * A 2x3 affine [a, b, c, d, e, f] on unit image coordinates ((0, 0) top-left corner, (1, 1) bottom-right; x right,
 * y down): u' = (a*x + b*y + c, d*x + e*y + f). As a render option it re-frames the canonical framing, e.g. into a
 * face's aligned frame (the similarity that puts its 68 points on the canonical template), so an imitator sees
 * renders framed exactly as photos are after alignment.
 */
export type FrameAffine = readonly [number, number, number, number, number, number]

/**
 * The clip-space matrix of a unit-image affine: with unit u = ((ndc.x + 1) / 2, (1 - ndc.y) / 2), it maps clip
 * (x, y, z, w) so that the image point moves by `f`; depth and w are unchanged, so rasterisation is exact.
 */
function frameMatrix(f: FrameAffine): Mat4 {
  const [a, b, c, d, e, g] = f
  // ndc' = 2 u' - 1 (x), 1 - 2 u' (y), with u = (0.5 nx + 0.5, -0.5 ny + 0.5); multiplied through by w.
  const xx = a, xy = -b, xw = a + b + 2 * c - 1 // prettier-ignore
  const yx = -d, yy = e, yw = -(d + e + 2 * g) + 1 // prettier-ignore
  // Column-major (gl-matrix): element (row r, col k) at k * 4 + r; columns are x_c, y_c, z_c, w_c.
  const m = mat4.create()
  m[0] = xx
  m[1] = yx
  m[4] = xy
  m[5] = yy
  m[12] = xw
  m[13] = yw
  return m
}

/** How much a frame magnifies the canonical framing (square root of its area scale; 1 without a frame). */
export function frameZoom(frame?: FrameAffine): number {
  return frame ? Math.sqrt(Math.abs(frame[0] * frame[4] - frame[1] * frame[3])) : 1
}

/** Nearest camera distance a render may ask for, cm: an outstretched arm's selfie is 30-40 cm. */
export const DISTANCE_MIN_V2 = 20

/**
 * The camera `distanceCm` in front of the head, its lens widened so the head plane shows the same height as the
 * canonical lens does at 100 cm. Why: a phone's selfie is taken at arm's length with a wide lens, which swells the
 * nose and narrows the face against a portrait; renders at that distance let the creator be measured on it. The
 * canonical distance takes VIEW_V2's own numbers, so its renders keep their bytes.
 */
function cameraAt(distanceCm: number) {
  if (distanceCm === VIEW_V2.eye[2])
    return {
      eye: VIEW_V2.eye,
      fovY: (VIEW_V2.fovYDeg * Math.PI) / 180,
      near: VIEW_V2.near,
      far: VIEW_V2.far,
    }
  if (!(distanceCm >= DISTANCE_MIN_V2))
    throw new RangeError(`camera distance ${distanceCm} cm: use ${DISTANCE_MIN_V2} cm or more`)
  const halfHeight = VIEW_V2.eye[2] * Math.tan((VIEW_V2.fovYDeg * Math.PI) / 360)
  // The head reaches about 15 cm toward the camera (nose, brows) and 20 cm away (the back of the hair).
  return {
    eye: [VIEW_V2.eye[0], VIEW_V2.eye[1], distanceCm] as const,
    fovY: 2 * Math.atan(halfHeight / distanceCm),
    near: Math.min(VIEW_V2.near, distanceCm - 16),
    far: distanceCm + (VIEW_V2.far - VIEW_V2.eye[2]),
  }
}

/**
 * Model -> clip matrix for a head turned by `yawDeg` (+ turns the nose toward the subject's left), optionally
 * re-framed by `frame` (see FrameAffine) and tipped by `pitchDeg` (+ tips the top of the head toward the camera:
 * the view looks down on it; clamped to +-PITCH_LIMIT_V2). Pitch 0 builds exactly the matrices of a view without
 * pitch (same bytes). `distanceCm` moves the camera nearer or further (see cameraAt); default the canonical 100.
 */
export function headView(
  yawDeg: number,
  size: number,
  frame?: FrameAffine,
  pitchDeg = 0,
  distanceCm: number = VIEW_V2.eye[2]
): HeadView {
  const camera = cameraAt(distanceCm)
  const view = mat4.lookAt(
    mat4.create(),
    vec3.fromValues(...camera.eye),
    vec3.fromValues(...VIEW_V2.target),
    vec3.fromValues(0, 1, 0)
  )!
  const proj = mat4.perspective(mat4.create(), camera.fovY, 1, camera.near, camera.far)
  const yaw = mat4.fromYRotation(mat4.create(), (yawDeg * Math.PI) / 180)
  const vp = mat4.mul(mat4.create(), proj, view)
  const pitch = Math.max(-PITCH_LIMIT_V2, Math.min(PITCH_LIMIT_V2, pitchDeg))
  // Yaw turns the head about its vertical axis first, then pitch tips it about the world's x axis.
  const model =
    pitch === 0
      ? yaw
      : mat4.mul(mat4.create(), mat4.fromXRotation(mat4.create(), (pitch * Math.PI) / 180), yaw)
  let viewProj = mat4.mul(mat4.create(), vp, model)
  if (frame) viewProj = mat4.mul(mat4.create(), frameMatrix(frame), viewProj)
  // A zooming frame shows more of the head per pixel's worth of cm: texture detail follows the true scale.
  const zoom = frameZoom(frame)
  // The camera in model space: undo the pitch (rotate the world-space eye by -pitch about x), then the yaw.
  const [wx, wy0, wz0] = camera.eye
  const p = (-pitch * Math.PI) / 180
  const [wy, wz] =
    pitch === 0
      ? [wy0, wz0]
      : [wy0 * Math.cos(p) - wz0 * Math.sin(p), wy0 * Math.sin(p) + wz0 * Math.cos(p)]
  const c = Math.cos((-yawDeg * Math.PI) / 180)
  const s = Math.sin((-yawDeg * Math.PI) / 180)
  const visibleCm = 2 * VIEW_V2.eye[2] * Math.tan((VIEW_V2.fovYDeg * Math.PI) / 360)
  return {
    viewProj,
    eye: [c * wx + s * wz, wy, -s * wx + c * wz],
    sampleCm: visibleCm / size / zoom,
  }
}
