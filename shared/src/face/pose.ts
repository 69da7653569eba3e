/** @module face/pose — head rotation from the 3D FaceMesh: yaw/pitch/roll and the pose-normalised mesh. */
import type { HeadPose } from './types.ts'

/** Mirror pairs (subject's right, subject's left) of mesh points that span the face left to right. */
const LEFT_RIGHT_PAIRS: readonly [number, number][] = [
  [33, 263], // outer eye corners
  [133, 362], // inner eye corners
  [234, 454], // cheek sides
  [127, 356], // temples
  [61, 291], // mouth corners
  [93, 323],
  [132, 361],
]
/** Top (forehead, 10) to bottom (chin, 152) of the face midline. */
const MIDLINE: readonly [number, number][] = [[10, 152]]

/**
 * The head's rotation as a 3x3 matrix, column-major [x axis, y axis, z axis] of the face in camera space
 * (x right, y down, z away from the camera): x runs from the subject's right to left, y from forehead to chin.
 */
export function headRotation(mesh: Float32Array): Float64Array {
  const x = axis(mesh, LEFT_RIGHT_PAIRS)
  const yRaw = axis(mesh, MIDLINE)
  // Gram-Schmidt: y orthogonal to x, then z = x cross y.
  const d = x[0]! * yRaw[0]! + x[1]! * yRaw[1]! + x[2]! * yRaw[2]!
  const y = normalise([yRaw[0]! - d * x[0]!, yRaw[1]! - d * x[1]!, yRaw[2]! - d * x[2]!])
  const z = cross(x, y)
  return Float64Array.from([...x, ...y, ...z])
}

function cross(a: number[], b: number[]): number[] {
  return [
    a[1]! * b[2]! - a[2]! * b[1]!,
    a[2]! * b[0]! - a[0]! * b[2]!,
    a[0]! * b[1]! - a[1]! * b[0]!,
  ]
}

function axis(mesh: Float32Array, pairs: readonly [number, number][]): number[] {
  const v = [0, 0, 0]
  for (const [a, b] of pairs)
    for (let c = 0; c < 3; c++) v[c]! += mesh[b * 3 + c]! - mesh[a * 3 + c]!
  return normalise(v)
}

function normalise(v: number[]): number[] {
  const n = Math.hypot(v[0]!, v[1]!, v[2]!) || 1
  return [v[0]! / n, v[1]! / n, v[2]! / n]
}

const DEG = 180 / Math.PI
/**
 * The forehead top (10) sits further back than the chin (152), so the raw midline leans back on a level face;
 * this is the median raw pitch (degrees) of the 22 faces in face-api's demo photos, subtracted so that a level
 * face reads about 0. Re-measure it on the engine's yaw-0 front renders.
 */
const MIDLINE_PITCH_BIAS = -13

/** Yaw, pitch and roll in degrees (see HeadPose for the signs) from a 468-point mesh. */
export function headPose(mesh: Float32Array): HeadPose {
  const r = headRotation(mesh)
  const yaw = Math.atan2(r[2]!, Math.hypot(r[0]!, r[1]!)) * DEG // x axis turning away on the subject's left
  const pitch = Math.atan2(-r[5]!, Math.hypot(r[3]!, r[4]!)) * DEG - MIDLINE_PITCH_BIAS // chin towards camera
  const roll = Math.atan2(r[1]!, r[0]!) * DEG // subject's left side lower on screen
  return { yaw, pitch, roll }
}

/**
 * The mesh with the head rotation removed: centred on its mean, rotated to frontal, scaled so that the outer eye
 * corners (33, 263) are 1 apart. Flat [x, y, z] * 468, x towards the subject's left, y down, z away from camera.
 */
export function normaliseMesh(mesh: Float32Array): Float32Array {
  const r = headRotation(mesh)
  const c = meanPoint(mesh)
  const iod = eyeSpan(mesh)
  const out = new Float32Array(1404)
  for (let i = 0; i < 468; i++) {
    const p = [mesh[i * 3]! - c[0]!, mesh[i * 3 + 1]! - c[1]!, mesh[i * 3 + 2]! - c[2]!]
    for (let k = 0; k < 3; k++) {
      // R^T p: the dot product with each face axis (columns of r).
      out[i * 3 + k] = (r[k * 3]! * p[0]! + r[k * 3 + 1]! * p[1]! + r[k * 3 + 2]! * p[2]!) / iod
    }
  }
  return out
}

/**
 * The mesh with the head's turn (yaw) taken out: rotated about its mean so that the face's left-right axis lies in
 * the image plane, its midline (and so its pitch and roll) kept; same units and place as the mesh. Why: where a
 * turned face's outline would lie if it faced the camera (create/hair-mask turnMap). Its 68 points come back to
 * within 0.026 inter-ocular of the front view's at 20 degrees (0.10 as seen). Pitch is kept because the midline's
 * lean is not a sure guide to it (MIDLINE_PITCH_BIAS): taking it out too moved frontal faces' points by 0.017.
 */
export function unturnedMesh(mesh: Float32Array): Float32Array {
  const r = headRotation(mesh)
  const y = [r[3]!, r[4]!, r[5]!]
  // x: perpendicular to the midline and to the camera's axis, on the side of the face's own x axis
  const sign = r[0]! * y[1]! - r[1]! * y[0]! >= 0 ? 1 : -1
  const x = normalise([sign * y[1]!, -sign * y[0]!, 0])
  const z = cross(x, y)
  // the face's own coordinates (normaliseMesh), put back through the unturned axes
  const f = normaliseMesh(mesh)
  const c = meanPoint(mesh)
  const iod = eyeSpan(mesh)
  const out = new Float32Array(1404)
  for (let i = 0; i < 468; i++)
    for (let k = 0; k < 3; k++)
      out[i * 3 + k] =
        c[k]! + iod * (x[k]! * f[i * 3]! + y[k]! * f[i * 3 + 1]! + z[k]! * f[i * 3 + 2]!)
  return out
}

function meanPoint(mesh: Float32Array): number[] {
  const c = [0, 0, 0]
  for (let i = 0; i < 468; i++) for (let k = 0; k < 3; k++) c[k]! += mesh[i * 3 + k]! / 468
  return c
}

/** The outer eye corners' distance (FaceMesh 33-263) in 3D, in the mesh's units: a turn does not shorten it. */
export function eyeSpan(mesh: ArrayLike<number>): number {
  return Math.hypot(
    mesh[263 * 3]! - mesh[33 * 3]!,
    mesh[263 * 3 + 1]! - mesh[33 * 3 + 1]!,
    mesh[263 * 3 + 2]! - mesh[33 * 3 + 2]!
  )
}
