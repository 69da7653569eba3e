/**
 * @module face/mesh — FaceMesh (468 points) on a rotated square crop: ROI from a detection or from a previous
 * mesh -> preprocess (warp to 192x192 RGB 0..1) -> run -> postprocess (map the points back to the image).
 */
import type { ModelSession } from '../ml/session.ts'
import { applyAffine, cropToImage } from './affine.ts'
import type { ImagePyramid } from './pyramid.ts'
import type { Detection } from './types.ts'

const INPUT = 192
/** Crop side / face box side: a 25% margin on each side, as FaceMesh was trained (MediaPipe's scale 1.5). */
const ROI_SCALE = 1.5

/** A rotated square region: centre and side in image pixels, angle in radians (see cropToImage). */
export interface Roi {
  cx: number
  cy: number
  side: number
  angle: number
}

/** The ROI around a detection: box centre, long side x 1.5, rotated so that the eyes are level. */
export function roiFromDetection(d: Detection): Roi {
  const k = d.keypoints
  const angle = Math.atan2(k[3]! - k[1]!, k[2]! - k[0]!) // right eye -> left eye
  return {
    cx: d.box.x + d.box.width / 2,
    cy: d.box.y + d.box.height / 2,
    side: Math.max(d.box.width, d.box.height) * ROI_SCALE,
    angle,
  }
}

/** The ROI around a mesh (MediaPipe's landmarks-to-ROI): outer eye corners set the angle, the rotated bounds the box. */
export function roiFromMesh(mesh: Float32Array): Roi {
  const angle = Math.atan2(mesh[263 * 3 + 1]! - mesh[33 * 3 + 1]!, mesh[263 * 3]! - mesh[33 * 3]!)
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity // prettier-ignore
  for (let i = 0; i < 468; i++) {
    const x = mesh[i * 3]!
    const y = mesh[i * 3 + 1]!
    const u = cos * x + sin * y // into the face-upright frame
    const v = -sin * x + cos * y
    minU = Math.min(minU, u)
    maxU = Math.max(maxU, u)
    minV = Math.min(minV, v)
    maxV = Math.max(maxV, v)
  }
  const u = (minU + maxU) / 2
  const v = (minV + maxV) / 2
  return {
    cx: cos * u - sin * v,
    cy: sin * u + cos * v,
    side: Math.max(maxU - minU, maxV - minV) * ROI_SCALE,
    angle,
  }
}

/** 468 points in image pixels ([x, y, z] * 468) and the face-presence score 0..1. */
export interface MeshResult {
  mesh: Float32Array
  score: number
}

/** Runs FaceMesh on `roi`. */
export async function runMesh(
  session: ModelSession,
  pyramid: ImagePyramid,
  roi: Roi
): Promise<MeshResult> {
  const toImage = cropToImage(roi.cx, roi.cy, roi.side, roi.angle, INPUT)
  const input = pyramid.warp(toImage, INPUT, INPUT) // (1, 192, 192, 3) NHWC RGB 0..1
  const name = session.entry.inputs[0]!.name
  const outputs = Object.values(
    await session.run({ [name]: { data: input, dims: [1, INPUT, INPUT, 3] } })
  )
  const points = outputs.find((o) => o.data.length === 1404)
  const flag = outputs.find((o) => o.data.length === 1)
  if (!points) throw new Error(`Model '${session.entry.id}' did not return 1404 landmark values.`)
  const mesh = new Float32Array(1404)
  const zScale = roi.side / INPUT
  for (let i = 0; i < 468; i++) {
    const [x, y] = applyAffine(toImage, points.data[i * 3]!, points.data[i * 3 + 1]!)
    mesh[i * 3] = x
    mesh[i * 3 + 1] = y
    mesh[i * 3 + 2] = points.data[i * 3 + 2]! * zScale
  }
  const raw = flag?.data[0] ?? 1
  // The face flag is a logit in some exports and a probability in others.
  const score = raw >= 0 && raw <= 1 ? raw : 1 / (1 + Math.exp(-raw))
  return { mesh, score }
}
