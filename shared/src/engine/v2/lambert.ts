/**
 * @module engine/v2/lambert — the geometry engine's own plain shader: flat material colours, per-vertex key +
 * fill Lambert light (Gouraud). Used for geometry previews, contact sheets of slider extremes and tests that
 * must not depend on the look layer; the textured shader lives in engine/v2/look.
 */
import type { Shader } from '../../render/rasterize.ts'
import type { LodShader } from './engine.ts'
import { EYE_IRIS_R, EYE_IRIS_UV, EYE_PUPIL_R } from './head-mesh.ts'
import { MATERIAL, type Appearance, type HeadMesh, type HeadView } from './mesh-types.ts'

const norm = (x: number, y: number, z: number) => {
  const l = Math.sqrt(x * x + y * y + z * z)
  return [x / l, y / l, z / l] as const
}
const KEY = norm(-0.5, 0.6, 0.8)
const FILL = norm(0.7, 0.1, 0.6)

/** Per-material base colour (linear) for the appearance. */
function materialColors(a: Appearance): number[][] {
  const t = a.skinTone
  const skin = [0.06 + 0.62 * t, 0.03 + 0.42 * t, 0.02 + 0.33 * t]
  const out: number[][] = []
  out[MATERIAL.skin] = skin
  out[MATERIAL.eyeball] = [0.75, 0.72, 0.7]
  out[MATERIAL.cornea] = [0.8, 0.8, 0.8]
  out[MATERIAL.brow] = [...a.browColor]
  out[MATERIAL.lash] = [0.02, 0.02, 0.02]
  out[MATERIAL.teeth] = [0.7, 0.66, 0.58]
  out[MATERIAL.tongue] = [0.5, 0.15, 0.15]
  out[MATERIAL.hair] = [...a.hairColor]
  out[MATERIAL.beard] = [...a.beardColor]
  out[MATERIAL.glassesFrame] = [0.03, 0.03, 0.03]
  out[MATERIAL.glassesLens] = [0.3, 0.32, 0.35]
  return out
}

/** A Gouraud-lit, flat-coloured shader for a mesh (model space) seen through `view`. */
export function createLambertShader(
  mesh: HeadMesh,
  appearance: Appearance,
  view: HeadView
): Shader & LodShader {
  const V = mesh.vertexCount
  const clipPos = new Float32Array(V * 4)
  const m = view.viewProj
  const P = mesh.positions
  for (let v = 0; v < V; v++) {
    const x = P[v * 3]!,
      y = P[v * 3 + 1]!,
      z = P[v * 3 + 2]!
    for (let r = 0; r < 4; r++) {
      clipPos[v * 4 + r] = m[r]! * x + m[4 + r]! * y + m[8 + r]! * z + m[12 + r]!
    }
  }
  // Vertex colours: every vertex belongs to one material (parts never share vertices).
  const colors = materialColors(appearance)
  const vmat = new Uint8Array(V)
  for (let t = 0; t < mesh.triangleCount; t++) {
    for (let k = 0; k < 3; k++) vmat[mesh.indices[t * 3 + k]!] = mesh.material[t]!
  }
  // Lights fixed to the camera: rotate them into model space with the view's yaw (eye direction).
  const ex = view.eye[0],
    ez = view.eye[2]
  const el = Math.sqrt(ex * ex + ez * ez)
  const c = ez / el,
    s = ex / el
  const rot = (d: readonly number[]) => [c * d[0]! + s * d[2]!, d[1]!, -s * d[0]! + c * d[2]!]
  const key = rot(KEY)
  const fill = rot(FILL)
  const lit = new Float32Array(V * 3)
  const N = mesh.normals
  for (let v = 0; v < V; v++) {
    let nx = N[v * 3]!,
      ny = N[v * 3 + 1]!,
      nz = N[v * 3 + 2]!
    const mat = vmat[v]!
    if (mat === MATERIAL.hair || mat === MATERIAL.brow || mat === MATERIAL.lash) {
      // Cards are seen from both sides: light the side facing the camera.
      const d =
        (view.eye[0] - P[v * 3]!) * nx +
        (view.eye[1] - P[v * 3 + 1]!) * ny +
        (view.eye[2] - P[v * 3 + 2]!) * nz
      if (d < 0) {
        nx = -nx
        ny = -ny
        nz = -nz
      }
    }
    const kd = Math.max(0, nx * key[0]! + ny * key[1]! + nz * key[2]!)
    const fd = Math.max(0, nx * fill[0]! + ny * fill[1]! + nz * fill[2]!)
    const l = 0.18 + 0.1 * ny + 0.85 * kd + 0.3 * fd
    const col = colors[mat]!
    lit[v * 3] = col[0]! * l
    lit[v * 3 + 1] = col[1]! * l
    lit[v * 3 + 2] = col[2]! * l
  }
  let idx = mesh.indices
  let triMaterial = mesh.material
  const uv = mesh.uvs
  const iris = appearance.irisColor
  let mat = 0
  let c0 = 0,
    c1 = 0,
    c2 = 0
  return {
    // A level of detail over the same vertices (engine LodShader).
    useTriangles(indices: Uint32Array, material: Uint8Array) {
      idx = indices
      triMaterial = material
    },
    vertex(face, corner, clip) {
      const v = idx[face * 3 + corner]!
      clip[0] = clipPos[v * 4]!
      clip[1] = clipPos[v * 4 + 1]!
      clip[2] = clipPos[v * 4 + 2]!
      clip[3] = clipPos[v * 4 + 3]!
      if (corner === 0) {
        c0 = v
        mat = triMaterial[face]!
      } else if (corner === 1) c1 = v
      else c2 = v
    },
    fragment(b, color) {
      if (mat === MATERIAL.cornea || mat === MATERIAL.glassesLens) return false // clear in this preview
      const b0 = b[0]!,
        b1 = b[1]!,
        b2 = b[2]!
      if (mat === MATERIAL.eyeball) {
        // Iris and pupil from the eye atlas's layout (a disc per eyeball), lit by the vertex light.
        const u = b0 * uv[c0 * 2]! + b1 * uv[c1 * 2]! + b2 * uv[c2 * 2]!
        const w = b0 * uv[c0 * 2 + 1]! + b1 * uv[c1 * 2 + 1]! + b2 * uv[c2 * 2 + 1]!
        for (const [cu, cv] of EYE_IRIS_UV) {
          const d = Math.sqrt((u - cu) * (u - cu) + (w - cv) * (w - cv))
          if (d < EYE_IRIS_R) {
            const k = d < EYE_PUPIL_R ? 0.02 : 1
            const l = (b0 * lit[c0 * 3 + 1]! + b1 * lit[c1 * 3 + 1]! + b2 * lit[c2 * 3 + 1]!) / 0.72
            color[0] = iris[0] * k * l
            color[1] = iris[1] * k * l
            color[2] = iris[2] * k * l
            color[3] = 1
            return true
          }
        }
      }
      color[0] = b0 * lit[c0 * 3]! + b1 * lit[c1 * 3]! + b2 * lit[c2 * 3]!
      color[1] = b0 * lit[c0 * 3 + 1]! + b1 * lit[c1 * 3 + 1]! + b2 * lit[c2 * 3 + 1]!
      color[2] = b0 * lit[c0 * 3 + 2]! + b1 * lit[c1 * 3 + 2]! + b2 * lit[c2 * 3 + 2]!
      color[3] = 1
      return true
    },
  }
}
