/**
 * @module engine/v2/head-mesh — assembles a HeadMesh from morphed positions: the skin (split at UV seams), the
 * chosen proxies fitted to the morphed body, extra generated parts (beard shell, glasses), smooth normals
 * accumulated on the unsplit points (so seams do not show), and triangles ordered by drawing pass.
 */
import { fitProxy, type HeadAssets } from './assets.ts'
import {
  MATERIAL,
  type HeadMesh,
  type MaterialId,
  type PartRange,
  type SkinMasks,
} from './mesh-types.ts'
import { hypot2, hypot3 } from '../../math/hypot.ts'

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
  /** Names the part's content (see PartRange.key); absent for generated parts. */
  key?: string
}

/** Materials drawn last (they may blend). */
const LATE: ReadonlySet<number> = new Set([MATERIAL.cornea, MATERIAL.glassesLens])
/** Materials inside the mouth, drawn after the skin that mostly hides them. */
const INSIDE: ReadonlySet<number> = new Set([MATERIAL.teeth, MATERIAL.tongue])

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
  const split = eyeSplit(p.uvs, p.indices)
  return [
    { ...part, indices: split.ball },
    { ...part, indices: split.cornea, material: MATERIAL.cornea },
  ]
}

const eyeSplits = new WeakMap<ArrayLike<number>, { ball: Uint32Array; cornea: Uint32Array }>()

/** The eye proxy's triangles split into eyeballs and corneas (once per proxy: it depends on UVs alone). */
function eyeSplit(
  uvs: Float32Array,
  indices: ArrayLike<number>
): { ball: Uint32Array; cornea: Uint32Array } {
  let hit = eyeSplits.get(indices)
  if (hit) return hit
  const inCornea = (v: number) =>
    hypot2(uvs[v * 2]! - EYE_CORNEA_UV[0], uvs[v * 2 + 1]! - EYE_CORNEA_UV[1]) < EYE_CORNEA_R
  const ball: number[] = []
  const cornea: number[] = []
  for (let t = 0; t < indices.length; t += 3) {
    const tri = [indices[t]!, indices[t + 1]!, indices[t + 2]!]
    ;(tri.every(inCornea) ? cornea : ball).push(...tri)
  }
  hit = { ball: Uint32Array.from(ball), cornea: Uint32Array.from(cornea) }
  eyeSplits.set(indices, hit)
  return hit
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
    // Unrolled over the three corners (no per-triangle array).
    n[a] = n[a]! + nx
    n[a + 1] = n[a + 1]! + ny
    n[a + 2] = n[a + 2]! + nz
    n[b] = n[b]! + nx
    n[b + 1] = n[b + 1]! + ny
    n[b + 2] = n[b + 2]! + nz
    n[c] = n[c]! + nx
    n[c + 1] = n[c + 1]! + ny
    n[c + 2] = n[c + 2]! + nz
  }
  for (let i = 0; i < n.length; i += 3) {
    const l = hypot3(n[i]!, n[i + 1]!, n[i + 2]!)
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
 * What a combination of parts shares whatever the morph: triangles in drawing order, materials, UVs and masks.
 * Read-only once built (every mesh posed with the same parts shares these arrays).
 */
export interface MeshTopology {
  vertexCount: number
  triangleCount: number
  indices: Uint32Array
  material: Uint8Array
  uvs: Float32Array
  masks: SkinMasks
  /** Per part: its point count (pointOf length) and triangle count, to check a cached topology still fits. */
  shape: Int32Array
  /** Where each part lies (HeadMesh.parts). */
  parts: PartRange[]
}

/** Point and triangle counts of each part (a cheap fingerprint of a combination's topology). */
function shapeOf(parts: MeshPart[]): Int32Array {
  const s = new Int32Array(parts.length * 3)
  parts.forEach((p, i) => {
    s[i * 3] = p.pointOf.length
    s[i * 3 + 1] = p.indices.length
    s[i * 3 + 2] = p.material
  })
  return s
}

/** Whether a topology was built from parts of these counts and materials. */
export function topologyFits(topo: MeshTopology, parts: MeshPart[]): boolean {
  const s = topo.shape
  if (s.length !== parts.length * 3) return false
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!
    if (
      s[i * 3] !== p.pointOf.length ||
      s[i * 3 + 1] !== p.indices.length ||
      s[i * 3 + 2] !== p.material
    )
      return false
  }
  return true
}

/** The topology of a combination of parts (see MeshTopology); double-sided parts get reversed copies. */
export function meshTopology(parts: MeshPart[], skinMasks: SkinMasks): MeshTopology {
  let V = 0
  let T = 0
  for (const p of parts) {
    V += p.pointOf.length
    T += (p.indices.length / 3) * (p.doubleSided ? 2 : 1)
  }
  const uvs = new Float32Array(V * 2)
  const indices = new Uint32Array(T * 3)
  const material = new Uint8Array(T)
  // Drawing passes: small opaque/alpha-tested parts, then the skin (the costliest fragments; skin under hair
  // then fails the depth test before it is shaded), then the mouth's inside (teeth and tongue, mostly hidden
  // by the lips: their hidden fragments then fail the depth test unshaded), then the blending materials.
  // Opaque and alpha-tested results do not depend on this order (z-buffer); only the cost does.
  const count = [0, 0, 0, 0]
  const passOf = (p: MeshPart) =>
    LATE.has(p.material) ? 3 : p.material === MATERIAL.skin ? 1 : INSIDE.has(p.material) ? 2 : 0
  for (const p of parts) count[passOf(p)]! += (p.indices.length / 3) * (p.doubleSided ? 2 : 1)
  const at = [0, count[0]!, count[0]! + count[1]!, count[0]! + count[1]! + count[2]!]
  let v0 = 0
  const ranges: PartRange[] = []
  for (const p of parts) {
    const n = p.pointOf.length
    uvs.set(p.uvs.subarray(0, n * 2), v0 * 2)
    const pass = passOf(p)
    let t0 = at[pass]!
    const range: PartRange = {
      material: p.material,
      firstVertex: v0,
      vertexCount: n,
      firstTriangle: t0,
      triangleCount: (p.indices.length / 3) * (p.doubleSided ? 2 : 1),
    }
    if (p.key !== undefined) range.key = p.key
    ranges.push(range)
    const I = p.indices
    const m = p.material
    const n3 = I.length
    if (p.doubleSided)
      for (let t = 0; t < n3; t += 3) {
        const a = v0 + I[t]!,
          b = v0 + I[t + 1]!,
          c = v0 + I[t + 2]!
        indices[t0 * 3] = a
        indices[t0 * 3 + 1] = b
        indices[t0 * 3 + 2] = c
        material[t0++] = m
        indices[t0 * 3] = a // the reversed copy
        indices[t0 * 3 + 1] = c
        indices[t0 * 3 + 2] = b
        material[t0++] = m
      }
    else
      for (let t = 0; t < n3; t += 3) {
        indices[t0 * 3] = v0 + I[t]!
        indices[t0 * 3 + 1] = v0 + I[t + 1]!
        indices[t0 * 3 + 2] = v0 + I[t + 2]!
        material[t0++] = m
      }
    at[pass] = t0
    v0 += n
  }
  const pad = (m: Float32Array) => {
    const out = new Float32Array(V)
    out.set(m.subarray(0, Math.min(m.length, V)))
    return out
  }
  return {
    vertexCount: V,
    triangleCount: T,
    indices,
    material,
    uvs,
    masks: {
      lips: pad(skinMasks.lips),
      cheeks: pad(skinMasks.cheeks),
      beard: pad(skinMasks.beard),
      scalp: pad(skinMasks.scalp),
      eyes: pad(skinMasks.eyes),
    },
    shape: shapeOf(parts),
    parts: ranges,
  }
}

/**
 * Concatenates parts into one HeadMesh. `skinMasks` are per skin render vertex (the first part must be the
 * skin); other parts get 0. Double-sided parts get a second, reversed copy of each triangle. `topology`: the
 * parts' MeshTopology when the caller keeps it (the same parts: only positions and normals are computed).
 */
export function assemble(
  parts: MeshPart[],
  skinMasks: SkinMasks,
  topology: MeshTopology = meshTopology(parts, skinMasks)
): HeadMesh {
  const V = topology.vertexCount
  const positions = new Float32Array(V * 3)
  const normals = new Float32Array(V * 3)
  let v0 = 0
  for (const p of parts) {
    const pn = p.normals ?? pointNormals(p)
    const n = p.pointOf.length
    const { pointOf, points } = p
    for (let i = 0; i < n; i++) {
      const s = pointOf[i]! * 3
      const d = (v0 + i) * 3
      positions[d] = points[s]!
      positions[d + 1] = points[s + 1]!
      positions[d + 2] = points[s + 2]!
      normals[d] = pn[s]!
      normals[d + 1] = pn[s + 1]!
      normals[d + 2] = pn[s + 2]!
    }
    v0 += n
  }
  return {
    positions,
    normals,
    uvs: topology.uvs,
    indices: topology.indices,
    material: topology.material,
    masks: topology.masks,
    vertexCount: V,
    triangleCount: topology.triangleCount,
    parts: topology.parts,
  }
}

/** The vertex positions alone of parts assembled on `topology` (as assemble's, without normals). */
export function assemblePositions(parts: MeshPart[], topology: MeshTopology): Float32Array {
  const positions = new Float32Array(topology.vertexCount * 3)
  let v0 = 0
  for (const p of parts) {
    const n = p.pointOf.length
    const { pointOf, points } = p
    for (let i = 0; i < n; i++) {
      const s = pointOf[i]! * 3
      const d = (v0 + i) * 3
      positions[d] = points[s]!
      positions[d + 1] = points[s + 1]!
      positions[d + 2] = points[s + 2]!
    }
    v0 += n
  }
  return positions
}
