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
  rightEye: Object.freeze([0.4186, 0.4574] as const),
  leftEye: Object.freeze([0.5814, 0.4574] as const),
  mouth: Object.freeze([0.5, 0.6699] as const),
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

/** Clip-space positions (4 floats per vertex) of `count` world points, into `out` (grown when too small). */
export function project(
  vp: Mat4,
  pos: Float32Array,
  count: number,
  out: Float32Array
): Float32Array {
  if (out.length < count * 4) out = new Float32Array(count * 4)
  const m = vp
  for (let v = 0; v < count; v++) {
    const x = pos[v * 3]!,
      y = pos[v * 3 + 1]!,
      z = pos[v * 3 + 2]!
    out[v * 4] = m[0]! * x + m[4]! * y + m[8]! * z + m[12]!
    out[v * 4 + 1] = m[1]! * x + m[5]! * y + m[9]! * z + m[13]!
    out[v * 4 + 2] = m[2]! * x + m[6]! * y + m[10]! * z + m[14]!
    out[v * 4 + 3] = m[3]! * x + m[7]! * y + m[11]! * z + m[15]!
  }
  return out
}
