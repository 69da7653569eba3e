/**
 * @module engine/mesh — builds the rest-pose character mesh once: a closed skin (head, face, neck) from a
 * face-dense sphere grid, two eyeballs and two ears (each a closed surface), plus per-vertex skinning weights.
 * Vertex order: skin grid, left eye, right eye, left ear, right ear. Positions are head space (cm).
 */
import { EYEBALL, FACE, smoothstep } from './anatomy.ts'
import { BONE_INSTANCES, boneWeight, type BoneInstance } from './bones.ts'
import { sphereGrid, type SphereGrid } from './grid.ts'
import { skinRadius } from './shape.ts'

/** Material of a triangle. */
export const PART = { skin: 0, eye: 1, ear: 2, hair: 3 } as const

/** Sparse weights of one bone instance: parallel arrays of vertex indices and weights (0, 1]. */
export interface BoneWeights {
  bone: BoneInstance
  verts: Int32Array
  weights: Float32Array
}

export interface BaseMesh {
  rest: Float32Array
  indices: Uint32Array
  triPart: Uint8Array
  /** Paint coordinates per vertex: skin and ears: rest position; eyes: unit-sphere local (z = gaze axis). */
  paint: Float32Array
  /** Side of each vertex's eye or ear: 1 left, -1 right, 0 skin. */
  side: Int8Array
  /** Ambient occlusion from the rest shape's concavity, 0-1 (1 = open). */
  ao: Float32Array
  skinGrid: SphereGrid
  skinCount: number
  /** First vertex and end (exclusive) of the two eyeballs. */
  eyeStart: number
  eyeEnd: number
  vertexCount: number
  bones: BoneWeights[]
}

/** Default grid resolution of the skin: rings x segments (face-dense). */
export const SKIN_RINGS = 108
export const SKIN_SEGMENTS = 128

/** Ear local frame: origin at the front attachment, u outward, v up, w forward (left ear). */
const EAR_FLARE = 0.35
export const EAR_ORIGIN = [FACE.earX, FACE.earY, 0.2] as const
export function earToHead(
  lu: number,
  lv: number,
  lw: number,
  side: number,
  out: number[]
): number[] {
  const c = Math.cos(EAR_FLARE)
  const s = Math.sin(EAR_FLARE)
  out[0] = side * (EAR_ORIGIN[0] + c * lu - s * lw)
  out[1] = EAR_ORIGIN[1] + lv
  out[2] = EAR_ORIGIN[2] + s * lu + c * lw
  return out
}

function buildSkin(grid: SphereGrid, rest: Float32Array, paint: Float32Array): void {
  const n = grid.dirs.length / 3
  for (let v = 0; v < n; v++) {
    const dx = grid.dirs[v * 3]!,
      dy = grid.dirs[v * 3 + 1]!,
      dz = grid.dirs[v * 3 + 2]!
    const r = skinRadius(dx, dy, dz)
    rest[v * 3] = paint[v * 3] = dx * r
    rest[v * 3 + 1] = paint[v * 3 + 1] = dy * r
    rest[v * 3 + 2] = paint[v * 3 + 2] = dz * r
  }
}

/** Eyeball: the grid's +y pole turned to +z (the gaze), a slight corneal bulge. */
function buildEye(
  grid: SphereGrid,
  side: number,
  base: number,
  rest: Float32Array,
  paint: Float32Array
): void {
  const n = grid.dirs.length / 3
  for (let v = 0; v < n; v++) {
    const a = grid.dirs[v * 3]!,
      b = grid.dirs[v * 3 + 1]!,
      c = grid.dirs[v * 3 + 2]!
    const lx = a,
      ly = -c,
      lz = b // rotation by +90 degrees about x
    const o = (base + v) * 3
    paint[o] = lx
    paint[o + 1] = ly
    paint[o + 2] = lz
    const bulge = 0.12 * smoothstep(0.8, 1, lz)
    rest[o] = side * EYEBALL.x + lx * EYEBALL.rx
    rest[o + 1] = EYEBALL.y + ly * EYEBALL.ry
    rest[o + 2] = EYEBALL.z + lz * EYEBALL.rz + bulge
  }
}

/** Ear: a flattened closed surface with a raised helix rim, a hollow concha and a fleshy lobe. */
function buildEar(
  grid: SphereGrid,
  side: number,
  base: number,
  rest: Float32Array,
  paint: Float32Array
): void {
  const n = grid.dirs.length / 3
  const p = [0, 0, 0]
  for (let v = 0; v < n; v++) {
    const a = grid.dirs[v * 3]!,
      b = grid.dirs[v * 3 + 1]!,
      c = grid.dirs[v * 3 + 2]!
    const rho = Math.hypot(b, c)
    const lobe = smoothstep(-0.45, -0.75, b)
    const rim = 0.3 + 0.85 * Math.exp(-(((rho - 0.84) / 0.11) ** 2))
    const height = rim + (0.55 - rim) * lobe
    const lu = a >= 0 ? height * Math.pow(a, 0.3) : 0.35 * a
    earToHead(lu, 3.0 * b, -1.55 + 1.7 * c, side, p)
    const o = (base + v) * 3
    rest[o] = paint[o] = p[0]!
    rest[o + 1] = paint[o + 1] = p[1]!
    rest[o + 2] = paint[o + 2] = p[2]!
  }
}

/** Concavity of the skin grid: how far a vertex sits below the mean of its ring neighbours (cm). */
function skinAo(grid: SphereGrid, rest: Float32Array, ao: Float32Array): void {
  const { rings, segments } = grid
  const r = (v: number) => Math.hypot(rest[v * 3]!, rest[v * 3 + 1]!, rest[v * 3 + 2]!)
  for (let i = 1; i + 1 < rings; i++) {
    for (let j = 0; j < segments; j++) {
      const v = 1 + i * segments + j
      const mean =
        (r(v - segments) +
          r(v + segments) +
          r(1 + i * segments + ((j + 1) % segments)) +
          r(1 + i * segments + ((j + segments - 1) % segments))) /
        4
      const x = rest[v * 3]!,
        y = rest[v * 3 + 1]!,
        z = rest[v * 3 + 2]!
      // The jaw shades the neck under it (skylight blocked): darkest just below the jaw's underside.
      const under = -12.45 + (9 - z) * (4.45 / 10.5) - y
      const jawShadow =
        z > -3 ? 0.6 * smoothstep(-0.3, 0.8, under) * smoothstep(6.5, 1.5, under) : 0
      void x
      // Below the jaw the grid's rings are far apart and the radius changes fast along them: their "concavity"
      // is sampling, not anatomy, so it fades out there.
      const concave = (mean - r(v)) * smoothstep(-16, -12, y)
      ao[v] = Math.min(1, Math.max(0.35, 1 - 1.6 * concave)) * (1 - jawShadow)
    }
  }
}

/** Builds the rest mesh and its weights (about 0.1-0.3 s; the engine does it once). */
export function buildBaseMesh(rings = SKIN_RINGS, segments = SKIN_SEGMENTS): BaseMesh {
  const skinGrid = sphereGrid(
    rings,
    segments,
    // Rings gather on the face, and on the neck: seen from the head origin the whole neck spans only about
    // 0.2 rad of latitude (65-77 degrees down), so uniform rings there would draw it with long, striped triangles.
    [
      { center: -0.3, sigma: 0.55, boost: 2.2 },
      { center: -1.24, sigma: 0.09, boost: 5 },
    ],
    { center: 0, sigma: 0.75, boost: 2.2 }
  )
  const eyeGrid = sphereGrid(
    14,
    24,
    { center: 0.95, sigma: 0.45, boost: 2 },
    { center: 0, sigma: 1, boost: 0 }
  )
  const earGrid = sphereGrid(
    16,
    24,
    { center: 0, sigma: 1, boost: 0 },
    { center: 0, sigma: 1, boost: 0 }
  )
  const skinCount = skinGrid.dirs.length / 3
  const eyeCount = eyeGrid.dirs.length / 3
  const earCount = earGrid.dirs.length / 3
  const vertexCount = skinCount + 2 * eyeCount + 2 * earCount
  const rest = new Float32Array(vertexCount * 3)
  const paint = new Float32Array(vertexCount * 3)
  const side = new Int8Array(vertexCount)
  const ao = new Float32Array(vertexCount).fill(1)
  buildSkin(skinGrid, rest, paint)
  skinAo(skinGrid, rest, ao)
  const parts: [SphereGrid, number, number, number][] = [] // grid, base vertex, side, part
  let base = skinCount
  for (const s of [1, -1]) {
    buildEye(eyeGrid, s, base, rest, paint)
    side.fill(s, base, base + eyeCount)
    parts.push([eyeGrid, base, s, PART.eye])
    base += eyeCount
  }
  for (const s of [1, -1]) {
    buildEar(earGrid, s, base, rest, paint)
    side.fill(s, base, base + earCount)
    for (let v = 0; v < earCount; v++)
      ao[base + v] =
        0.75 +
        0.25 * smoothstep(0.3, 0.8, Math.hypot(earGrid.dirs[v * 3 + 1]!, earGrid.dirs[v * 3 + 2]!))
    parts.push([earGrid, base, s, PART.ear])
    base += earCount
  }
  const tris: number[] = [...skinGrid.indices]
  const triPart: number[] = new Array(skinGrid.indices.length / 3).fill(PART.skin)
  for (const [grid, b, s, part] of parts) {
    const idx = grid.indices
    for (let t = 0; t < idx.length; t += 3) {
      // The right ear is a reflection of the left, which reverses its winding; the eyes are translated copies.
      if (s === 1 || part === PART.eye) tris.push(b + idx[t]!, b + idx[t + 1]!, b + idx[t + 2]!)
      else tris.push(b + idx[t]!, b + idx[t + 2]!, b + idx[t + 1]!)
      triPart.push(part)
    }
  }
  const mesh: BaseMesh = {
    rest,
    indices: Uint32Array.from(tris),
    triPart: Uint8Array.from(triPart),
    paint,
    side,
    ao,
    skinGrid,
    skinCount,
    eyeStart: skinCount,
    eyeEnd: skinCount + 2 * eyeCount,
    vertexCount,
    bones: [],
  }
  const attach: Attach[] = new Array(vertexCount)
  attach.fill({ kind: 'skin' }, 0, skinCount)
  for (const [grid, b, s, part] of parts) {
    for (let v = 0; v < grid.dirs.length / 3; v++) {
      attach[b + v] =
        part === PART.eye
          ? { kind: 'eye', side: s }
          : { kind: 'ear', side: s, up: grid.dirs[v * 3 + 1]! }
    }
  }
  mesh.bones = weightsOf(rest, (i) => attach[i]!)
  return mesh
}

/** What a point is attached to: skin (weights from regions), an eye, or an ear (with local up -1..1). */
export type Attach =
  { kind: 'skin' } | { kind: 'eye'; side: number } | { kind: 'ear'; side: number; up: number }

/** Weight of a bone instance on a rest-pose point with the given attachment. */
export function pointWeight(
  bone: BoneInstance,
  a: Attach,
  x: number,
  y: number,
  z: number
): number {
  if (a.kind === 'skin') return boneWeight(bone, x, y, z)
  const own = bone.def.carries === a.kind
  const coarse = bone.def.level >= 1 && !bone.def.carries
  if (a.kind === 'eye') {
    // Eyeballs ride rigidly with their own eye bone and with the coarse bones at the eye centre.
    if (own) return bone.side === a.side ? 1 : 0
    return coarse ? boneWeight(bone, a.side * EYEBALL.x, EYEBALL.y, EYEBALL.z + 1.2) : 0
  }
  if (own) {
    if (bone.side !== a.side) return 0
    const name = bone.def.name
    if (name === 'ear') return 1
    return name === 'ear_lobe' ? smoothstep(-0.35, -0.8, a.up) : smoothstep(0.35, 0.8, a.up)
  }
  return coarse ? boneWeight(bone, a.side * FACE.earX, FACE.earY, FACE.earZ) : 0
}

/** Sparse weights of every bone instance over points with attachments `attach(i)`. */
export function weightsOf(rest: Float32Array, attach: (i: number) => Attach): BoneWeights[] {
  const n = rest.length / 3
  return BONE_INSTANCES.map((bone) => {
    const verts: number[] = []
    const weights: number[] = []
    for (let v = 0; v < n; v++) {
      const w = pointWeight(bone, attach(v), rest[v * 3]!, rest[v * 3 + 1]!, rest[v * 3 + 2]!)
      if (w > 1e-4) {
        verts.push(v)
        weights.push(w)
      }
    }
    return { bone, verts: Int32Array.from(verts), weights: Float32Array.from(weights) }
  })
}
