/**
 * @module engine/deform — linear-blend skinning by levels, and smooth vertex normals.
 * Within a level every bone reads the same input positions and their displacements add (order-independent);
 * the next level then moves the result. Runs per render, allocation-free after the first call.
 */
import type { Character } from '../rig/schema.ts'
import { isRestPose, poseMatrix, posesFor } from './bones.ts'
import type { BoneWeights } from './mesh.ts'

const m = new Float64Array(12)
let delta: Float64Array = new Float64Array(0)

/** Writes the posed positions of `mesh` (any rest points with bone weights) for character `c` into `out` (3 floats per vertex, head space cm). */
export function deformMesh(
  mesh: { rest: Float32Array; bones: readonly BoneWeights[] },
  c: Character,
  out: Float32Array
): Float32Array {
  out.set(mesh.rest)
  if (delta.length < out.length) delta = new Float64Array(out.length)
  const poses = posesFor(c)
  let level = -1
  for (const bw of mesh.bones) {
    if (bw.bone.def.level !== level) {
      flush(out)
      level = bw.bone.def.level
    }
    const pose = poses.get(bw.bone.def.name)!
    if (isRestPose(pose)) continue
    poseMatrix(bw.bone, pose, m)
    const { verts, weights } = bw
    for (let k = 0; k < verts.length; k++) {
      const o = verts[k]! * 3
      const w = weights[k]!
      const x = out[o]!,
        y = out[o + 1]!,
        z = out[o + 2]!
      delta[o] = delta[o]! + w * (m[0]! * x + m[1]! * y + m[2]! * z + m[3]! - x)
      delta[o + 1] = delta[o + 1]! + w * (m[4]! * x + m[5]! * y + m[6]! * z + m[7]! - y)
      delta[o + 2] = delta[o + 2]! + w * (m[8]! * x + m[9]! * y + m[10]! * z + m[11]! - z)
    }
  }
  flush(out)
  return out
}

function flush(out: Float32Array): void {
  for (let i = 0; i < out.length; i++) {
    if (delta[i] !== 0) {
      out[i] = out[i]! + delta[i]!
      delta[i] = 0
    }
  }
}

/** Area-weighted smooth normals of the triangles `indices` over `positions`, normalised, into `out`. */
export function vertexNormals(
  positions: Float32Array,
  indices: Uint32Array,
  out: Float32Array
): Float32Array {
  out.fill(0)
  for (let t = 0; t < indices.length; t += 3) {
    const a = indices[t]! * 3,
      b = indices[t + 1]! * 3,
      c = indices[t + 2]! * 3
    const ax = positions[a]!,
      ay = positions[a + 1]!,
      az = positions[a + 2]!
    const ux = positions[b]! - ax,
      uy = positions[b + 1]! - ay,
      uz = positions[b + 2]! - az
    const vx = positions[c]! - ax,
      vy = positions[c + 1]! - ay,
      vz = positions[c + 2]! - az
    const nx = uy * vz - uz * vy,
      ny = uz * vx - ux * vz,
      nz = ux * vy - uy * vx
    out[a] = out[a]! + nx
    out[a + 1] = out[a + 1]! + ny
    out[a + 2] = out[a + 2]! + nz
    out[b] = out[b]! + nx
    out[b + 1] = out[b + 1]! + ny
    out[b + 2] = out[b + 2]! + nz
    out[c] = out[c]! + nx
    out[c + 1] = out[c + 1]! + ny
    out[c + 2] = out[c + 2]! + nz
  }
  for (let i = 0; i < out.length; i += 3) {
    const x = out[i]!,
      y = out[i + 1]!,
      z = out[i + 2]!
    const len = Math.sqrt(x * x + y * y + z * z)
    const inv = len > 0 ? 1 / len : 0
    out[i] = x * inv
    out[i + 1] = y * inv
    out[i + 2] = z * inv
  }
  return out
}
