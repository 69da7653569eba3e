/**
 * @module engine/v2/view — the v2 camera: a 20-degree portrait lens 100 cm in front of the head, looking at a
 * point just below eye height: the whole head and hair fit, the shoulders' cut edge stays out of frame. Model space is cm with the origin
 * between the ears at eye height (see engine/v2/assets). Yaw turns the HEAD (the camera and lights stay).
 */
import { mat4, vec3 } from '../../math/index.ts'
import type { HeadView } from './mesh-types.ts'

/** Canonical framing of v2 renders. */
export const VIEW_V2 = Object.freeze({
  eye: Object.freeze([0, -0.5, 100] as const),
  target: Object.freeze([0, -0.5, 0] as const),
  fovYDeg: 20,
  near: 50,
  far: 150,
})

/** Model -> clip matrix for a head turned by `yawDeg` (+ turns the nose toward the subject's left). */
export function headView(yawDeg: number, size: number): HeadView {
  const view = mat4.lookAt(
    mat4.create(),
    vec3.fromValues(...VIEW_V2.eye),
    vec3.fromValues(...VIEW_V2.target),
    vec3.fromValues(0, 1, 0)
  )!
  const proj = mat4.perspective(
    mat4.create(),
    (VIEW_V2.fovYDeg * Math.PI) / 180,
    1,
    VIEW_V2.near,
    VIEW_V2.far
  )
  const yaw = mat4.fromYRotation(mat4.create(), (yawDeg * Math.PI) / 180)
  const vp = mat4.mul(mat4.create(), proj, view)
  const viewProj = mat4.mul(mat4.create(), vp, yaw)
  // The camera in model space: rotate the world-space eye by -yaw.
  const c = Math.cos((-yawDeg * Math.PI) / 180)
  const s = Math.sin((-yawDeg * Math.PI) / 180)
  const [ex, ey, ez] = VIEW_V2.eye
  const visibleCm = 2 * VIEW_V2.eye[2] * Math.tan((VIEW_V2.fovYDeg * Math.PI) / 360)
  return {
    viewProj,
    eye: [c * ex + s * ez, ey, -s * ex + c * ez],
    sampleCm: visibleCm / size,
  }
}
