/**
 * @module engine/v2/head-mesh — assembles a HeadMesh from morphed positions: the skin (split at UV seams), the
 * chosen proxies fitted to the morphed body, extra generated parts (beard shell, glasses), smooth normals
 * accumulated on the unsplit points (so seams do not show), and triangles ordered by drawing pass.
 */
import { fitProxy, type HeadAssets } from './assets.ts'
import { MATERIAL, type HeadMesh, type MaterialId, type SkinMasks } from './mesh-types.ts'

/** A part to add: points (cm), per render vertex the point it uses and its uv, triangles, material. */
export interface MeshPart {
  points: Float32Array
  pointOf: ArrayLike<number>
  uvs: Float32Array
  indices: ArrayLike<number>
  material: MaterialId
  doubleSided: boolean
  /** Optional fixed normals per point (3 each); computed from the triangles when absent. */
  normals?: Float32Array
}

/** Materials drawn last (they may blend). */
const LATE: ReadonlySet<number> = new Set([MATERIAL.cornea, MATERIAL.glassesLens])

/** The proxy material of a proxy kind. */
export function proxyMaterial(kind: string): MaterialId {
  switch (kind) {
    case 'eyes':
      return MATERIAL.eyeball
    case 'brow':
      return MATERIAL.brow
    case 'lash':
      return MATERIAL.lash
    case 'teeth':
      return MATERIAL.teeth
    case 'tongue':
      return MATERIAL.tongue
    default:
      return MATERIAL.hair
  }
}

/** The skin part of morphed positions. */
export function skinPart(assets: HeadAssets, pos: Float32Array): MeshPart {
  return {
    points: pos,
    pointOf: assets.skin.pointOf,
    uvs: assets.skin.uvs,
    indices: assets.skin.indices,
    material: MATERIAL.skin,
    doubleSided: false,
  }
}

/**
 * The eye proxy's UV layout (its atlas, brown_eye.png): each eyeball's iris is a disc around one of
 * EYE_IRIS_UV (v up) of radius EYE_IRIS_R (pupil EYE_PUPIL_R); the cornea shells map into the disc around
 * EYE_CORNEA_UV, which is how their triangles are told apart.
 */
export const EYE_IRIS_UV = [
  [0.705, 0.702],
  [0.29, 0.292],
] as const
export const EYE_IRIS_R = 0.112
export const EYE_PUPIL_R = 0.035
export const EYE_CORNEA_UV = [0.933, 0.067] as const
const EYE_CORNEA_R = 0.07

/** A proxy part fitted to morphed positions (cm); the eyes come as two parts (eyeballs, then corneas). */
export function proxyPart(assets: HeadAssets, name: string, pos: Float32Array): MeshPart[] {
  const p = assets.proxy(name)
  const points = fitProxy(p, pos, 10, new Float32Array(p.points * 3))
  const part = {
    points,
    pointOf: p.pointOf,
    uvs: p.uvs,
    indices: p.indices,
    material: proxyMaterial(p.kind),
    doubleSided: p.doubleSided,
  }
  if (p.kind !== 'eyes') return [part]
  const inCornea = (v: number) =>
    Math.hypot(p.uvs[v * 2]! - EYE_CORNEA_UV[0], p.uvs[v * 2 + 1]! - EYE_CORNEA_UV[1]) <
    EYE_CORNEA_R
  const ball: number[] = []
  const cornea: number[] = []
  for (let t = 0; t < p.indices.length; t += 3) {
    const tri = [p.indices[t]!, p.indices[t + 1]!, p.indices[t + 2]!]
    ;(tri.every(inCornea) ? cornea : ball).push(...tri)
  }
  return [
    { ...part, indices: ball },
    { ...part, indices: cornea, material: MATERIAL.cornea },
  ]
}

/** Smooth unit normals per point from a part's triangles (area-weighted). */
export function pointNormals(part: MeshPart): Float32Array {
  const n = new Float32Array(part.points.length)
  const { points: P, pointOf, indices } = part
  for (let t = 0; t < indices.length; t += 3) {
    const a = pointOf[indices[t]!]! * 3,
      b = pointOf[indices[t + 1]!]! * 3,
      c = pointOf[indices[t + 2]!]! * 3
    const ux = P[b]! - P[a]!,
      uy = P[b + 1]! - P[a + 1]!,
      uz = P[b + 2]! - P[a + 2]!
    const vx = P[c]! - P[a]!,
      vy = P[c + 1]! - P[a + 1]!,
      vz = P[c + 2]! - P[a + 2]!
    const nx = uy * vz - uz * vy,
      ny = uz * vx - ux * vz,
      nz = ux * vy - uy * vx
    for (const o of [a, b, c]) {
      n[o] = n[o]! + nx
      n[o + 1] = n[o + 1]! + ny
      n[o + 2] = n[o + 2]! + nz
    }
  }
  for (let i = 0; i < n.length; i += 3) {
    const l = Math.hypot(n[i]!, n[i + 1]!, n[i + 2]!)
    if (l > 0) {
      n[i] = n[i]! / l
      n[i + 1] = n[i + 1]! / l
      n[i + 2] = n[i + 2]! / l
    } else {
      n[i + 2] = 1 // isolated point: any unit vector
    }
  }
  return n
}

/**
 * Concatenates parts into one HeadMesh. `skinMasks` are per skin render vertex (the first part must be the
 * skin); other parts get 0. Double-sided parts get a second, reversed copy of each triangle.
 */
export function assemble(parts: MeshPart[], skinMasks: SkinMasks): HeadMesh {
  let V = 0
  let T = 0
  for (const p of parts) {
    V += p.pointOf.length
    T += (p.indices.length / 3) * (p.doubleSided ? 2 : 1)
  }
  const positions = new Float32Array(V * 3)
  const normals = new Float32Array(V * 3)
  const uvs = new Float32Array(V * 2)
  // Drawing passes: small opaque/alpha-tested parts, then the skin (the costliest fragments; skin under hair
  // then fails the depth test before it is shaded), then the blending materials.
  const idxOf: number[][] = [[], [], []]
  const matOf: number[][] = [[], [], []]
  let v0 = 0
  for (const p of parts) {
    const pn = p.normals ?? pointNormals(p)
    const n = p.pointOf.length
    for (let i = 0; i < n; i++) {
      const s = p.pointOf[i]! * 3
      const d = (v0 + i) * 3
      positions[d] = p.points[s]!
      positions[d + 1] = p.points[s + 1]!
      positions[d + 2] = p.points[s + 2]!
      normals[d] = pn[s]!
      normals[d + 1] = pn[s + 1]!
      normals[d + 2] = pn[s + 2]!
      uvs[(v0 + i) * 2] = p.uvs[i * 2]!
      uvs[(v0 + i) * 2 + 1] = p.uvs[i * 2 + 1]!
    }
    const pass = LATE.has(p.material) ? 2 : p.material === MATERIAL.skin ? 1 : 0
    const idx = idxOf[pass]!
    const mat = matOf[pass]!
    for (let t = 0; t < p.indices.length; t += 3) {
      idx.push(v0 + p.indices[t]!, v0 + p.indices[t + 1]!, v0 + p.indices[t + 2]!)
      mat.push(p.material)
      if (p.doubleSided) {
        idx.push(v0 + p.indices[t]!, v0 + p.indices[t + 2]!, v0 + p.indices[t + 1]!)
        mat.push(p.material)
      }
    }
    v0 += n
  }
  const indices = new Uint32Array(T * 3)
  const material = new Uint8Array(T)
  let o = 0
  for (let pass = 0; pass < 3; pass++) {
    indices.set(idxOf[pass]!, o * 3)
    material.set(matOf[pass]!, o)
    o += matOf[pass]!.length
  }
  const pad = (m: Float32Array) => {
    const out = new Float32Array(V)
    out.set(m.subarray(0, Math.min(m.length, V)))
    return out
  }
  return {
    positions,
    normals,
    uvs,
    indices,
    material,
    masks: {
      lips: pad(skinMasks.lips),
      cheeks: pad(skinMasks.cheeks),
      beard: pad(skinMasks.beard),
      scalp: pad(skinMasks.scalp),
      eyes: pad(skinMasks.eyes),
    },
    vertexCount: V,
    triangleCount: T,
  }
}
