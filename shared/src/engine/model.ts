/**
 * @module engine/model — one level of detail of the character: its rest mesh, paint, hair shells and the
 * per-render buffers, and the passes that fill them (pose, light). The Engine keeps one Model per LOD.
 */
import type { Character } from '../rig/schema.ts'
import { posesFor } from './bones.ts'
import { deformMesh, vertexNormals } from './deform.ts'
import { buildHairShell, type HairShell } from './hair.ts'
import { buildBaseMesh, type BaseMesh } from './mesh.ts'
import { Painter } from './paint.ts'
import { lightVertices } from './shader.ts'

/** Skin grid resolution (rings x segments) of each level of detail. */
export const LODS = { high: [112, 150], low: [66, 92] } as const
export type Lod = keyof typeof LODS

export class Model {
  readonly mesh: BaseMesh
  readonly painter: Painter
  private readonly hairCache = new Map<string, HairShell | null>()
  /** Posed head-space positions, world positions and normals of the base mesh (3 floats per vertex). */
  readonly head: Float32Array
  readonly pos: Float32Array
  readonly nrm: Float32Array
  readonly light: Float32Array
  readonly spec: Float32Array
  /** Hair shell of the last pose: world positions, normals, light, specular, albedo. */
  hair: HairShell | null = null
  readonly hairPos: Float32Array
  readonly hairNrm: Float32Array
  readonly hairLight: Float32Array
  readonly hairSpec: Float32Array
  readonly hairAlbedo: Float32Array

  constructor(lod: Lod) {
    const [rings, segments] = LODS[lod]
    this.mesh = buildBaseMesh(rings, segments)
    this.painter = new Painter(this.mesh)
    const n = this.mesh.vertexCount
    const h = this.mesh.skinCount
    this.head = new Float32Array(n * 3)
    this.pos = new Float32Array(n * 3)
    this.nrm = new Float32Array(n * 3)
    this.light = new Float32Array(n * 3)
    this.spec = new Float32Array(n)
    this.hairPos = new Float32Array(h * 3)
    this.hairNrm = new Float32Array(h * 3)
    this.hairLight = new Float32Array(h * 3)
    this.hairSpec = new Float32Array(h)
    this.hairAlbedo = new Float32Array(h * 3)
  }

  hairShell(style: string): HairShell | null {
    if (!this.hairCache.has(style)) this.hairCache.set(style, buildHairShell(this.mesh, style))
    return this.hairCache.get(style)!
  }

  /** Poses the character, turned by yaw (radians) about the vertical axis: fills head, pos, nrm and the hair. */
  pose(c: Character, yaw: number): void {
    deformMesh(this.mesh, c, this.head)
    const cs = Math.cos(yaw)
    const sn = Math.sin(yaw)
    rotateY(this.head, this.pos, cs, sn)
    vertexNormals(this.pos, this.mesh.indices, this.nrm)
    const hair = this.hairShell(c.styles['hair.style'] ?? 'crop')
    this.hair = hair
    if (!hair) return
    const scale = posesFor(c).get('head')!.s
    const verts = hair.vertices
    const hp = this.hairPos
    for (let k = 0; k < verts.length; k++) {
      const v = verts[k]!
      for (let a = 0; a < 3; a++) {
        hp[k * 3 + a] = this.head[v * 3 + a]! + hair.offset[v * 3 + a]! * scale[a]!
      }
    }
    const used = hp.subarray(0, verts.length * 3)
    rotateY(used, used, cs, sn)
    vertexNormals(used, hair.indices, this.hairNrm.subarray(0, verts.length * 3))
  }

  /** Paints and lights the last pose for character c (hair colour: LINEAR rgb). */
  shade(c: Character, hairRgb: readonly [number, number, number]): void {
    const m = this.mesh
    this.painter.paint(c)
    const skinSpec = this.painter.spec
    lightVertices(
      this.nrm,
      m.eyeStart,
      { scatter: 1, spec: skinSpec, shininess: 32, ao: m.ao },
      this.light,
      this.spec
    )
    const eyes = m.eyeEnd - m.eyeStart
    lightVertices(
      this.nrm.subarray(m.eyeStart * 3),
      eyes,
      { scatter: 0, spec: 0.9, shininess: 128, ao: 0.92 },
      this.light.subarray(m.eyeStart * 3),
      this.spec.subarray(m.eyeStart)
    )
    const ears = m.vertexCount - m.eyeEnd
    lightVertices(
      this.nrm.subarray(m.eyeEnd * 3),
      ears,
      { scatter: 1, spec: 0.08, shininess: 32, ao: m.ao.subarray(m.eyeEnd) },
      this.light.subarray(m.eyeEnd * 3),
      this.spec.subarray(m.eyeEnd)
    )
    const hair = this.hair
    if (!hair) return
    const hv = hair.vertices.length
    lightVertices(
      this.hairNrm,
      hv,
      { scatter: 0, spec: 0.12, shininess: 16, ao: 0.9 },
      this.hairLight,
      this.hairSpec
    )
    for (let k = 0; k < hv; k++) {
      this.hairAlbedo[k * 3] = hairRgb[0]
      this.hairAlbedo[k * 3 + 1] = hairRgb[1]
      this.hairAlbedo[k * 3 + 2] = hairRgb[2]
    }
  }
}

/** dst = src turned by the angle whose cosine/sine are cs/sn about +y (+z toward +x). */
export function rotateY(src: Float32Array, dst: Float32Array, cs: number, sn: number): void {
  for (let i = 0; i < src.length; i += 3) {
    const x = src[i]!
    const z = src[i + 2]!
    dst[i] = x * cs + z * sn
    dst[i + 1] = src[i + 1]!
    dst[i + 2] = -x * sn + z * cs
  }
}
