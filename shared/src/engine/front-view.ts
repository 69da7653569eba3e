/**
 * @module engine/front-view — the canonical camera every model sees (the FRONT view), and the yawed variants
 * the editor uses. A 24-degree portrait lens 100 cm from the head looks at (0, -1.5, 0) cm in head space, so the
 * whole head, hair and chin included, fits with about a fifth of the frame as margin on every side.
 */
import { mat4, vec3, type Mat4 } from '../math/index.ts'

/** Canonical framing. Image positions are fractions of the image size (multiply by the size in pixels). */
export const FRONT_VIEW = Object.freeze({
  /** Camera position and look-at target, head space cm. */
  eye: Object.freeze([0, -1.5, 100] as const),
  target: Object.freeze([0, -1.5, 0] as const),
  /** Vertical field of view, degrees. */
  fovYDeg: 24,
  near: 50,
  far: 150,
  /** Default character, yaw 0: image positions (x right, y down, fractions of the size) of the pupil centres
   * (subject's right eye is on the image LEFT) and of the mouth centre. Checked by engine.test.ts. */
  rightEye: Object.freeze([0, 0] as const),
  leftEye: Object.freeze([0, 0] as const),
  mouth: Object.freeze([0, 0] as const),
})

/** View-projection matrix for the front camera (head space -> clip space), with no yaw. */
export function viewProjection(out: Mat4): Mat4 {
  const view = mat4.lookAt(
    mat4.create(),
    vec3.fromValues(...FRONT_VIEW.eye),
    vec3.fromValues(...FRONT_VIEW.target),
    vec3.fromValues(0, 1, 0)
  )!
  const proj = mat4.perspective(
    mat4.create(),
    (FRONT_VIEW.fovYDeg * Math.PI) / 180,
    1,
    FRONT_VIEW.near,
    FRONT_VIEW.far
  )
  return mat4.mul(out, proj, view)
}
