/**
 * @module engine/engine — the Engine: builds the mesh once, then poses, paints and renders characters and
 * reports their landmarks. Reuse one Engine (see getEngine) for speed; everything per render is allocation-light.
 */
import { mat4 } from '../math/index.ts'
import type { Mat4 } from '../math/mat4.ts'
import {
  clearTarget,
  createTarget,
  rasterize,
  resolveImage,
  type RenderTarget,
} from '../render/index.ts'
import type { RgbaImage } from '../image/types.ts'
import type { Character } from '../rig/schema.ts'
import { evalColors } from '../rig/eval-colors.ts'
import { srgbToLinear } from '../render/resolve.ts'
import { posesFor } from './bones.ts'
import { deformMesh, vertexNormals } from './deform.ts'
import { FRONT_VIEW, viewProjection } from './front-view.ts'
import { buildHairShell, type HairShell } from './hair.ts'
import { buildBaseMesh, type BaseMesh } from './mesh.ts'
import { Painter } from './paint.ts'
import { MeshShader, type EyeParams } from './shader.ts'
import {
  buildLandmarkRig,
  contourDirection,
  type CharacterLandmarks,
  type LandmarkRig,
} from './landmarks.ts'

/** Options of a render or a landmark query. */
export interface RenderOptions {
  /** Output width and height in pixels (square), 16-2048; default 256. */
  size?: number
  /** Head yaw in degrees; + turns the subject's nose toward the subject's left (the viewer's right). Default 0. */
  yaw?: number
  /** 'transparent' (default) or an sRGB background colour, 0-255 per channel. */
  background?: 'transparent' | readonly [number, number, number]
}

/** A posed character in world space (yaw applied): what both rendering and landmarks start from. */
export interface Posed {
  /** Skin, eyes and ears, then (separately) the hair shell: world positions and normals, 3 floats per vertex. */
  pos: Float32Array
  nrm: Float32Array
  hairPos: Float32Array
  hairNrm: Float32Array
  hair: HairShell | null
  /** Head-space (pre-yaw) posed positions of the base mesh. */
  head: Float32Array
}

export const DEFAULT_SIZE = 256

/** Supersampling factor per output size: fixed per size, so the same size always gives the same bytes. */
export function supersampling(size: number): number {
  return size <= 192 ? 3 : size <= 384 ? 2 : 1
}

export class Engine {
  readonly mesh: BaseMesh
  private readonly painter: Painter
  private readonly hairCache = new Map<string, HairShell | null>()
  private readonly posed: Posed
  private targetCache: RenderTarget | null = null
  private readonly vp: Mat4 = viewProjection(mat4.create())
  private clip: Float32Array = new Float32Array(0)
  private readonly landmarkRigs = new Map<string, LandmarkRig>()

  constructor() {
    this.mesh = buildBaseMesh()
    this.painter = new Painter(this.mesh)
    const n = this.mesh.vertexCount
    const h = this.mesh.skinCount
    this.posed = {
      pos: new Float32Array(n * 3),
      nrm: new Float32Array(n * 3),
      head: new Float32Array(n * 3),
      hairPos: new Float32Array(h * 3),
      hairNrm: new Float32Array(h * 3),
      hair: null,
    }
  }

  /** Triangles drawn for the default character (skin, eyes, ears and the default hairstyle). */
  triangleCount(style = 'crop'): number {
    const hair = this.hairShell(style)
    return this.mesh.indices.length / 3 + (hair ? hair.indices.length / 3 : 0)
  }

  hairShell(style: string): HairShell | null {
    if (!this.hairCache.has(style)) this.hairCache.set(style, buildHairShell(this.mesh, style))
    return this.hairCache.get(style)!
  }

  /** Poses the character and turns it by `yawDeg` (results are views into engine buffers, valid until next call). */
  pose(c: Character, yawDeg: number): Posed {
    const p = this.posed
    deformMesh(this.mesh, c, p.head)
    const hair = this.hairShell(c.styles['hair.style'] ?? 'crop')
    p.hair = hair
    const yaw = (yawDeg * Math.PI) / 180
    const cs = Math.cos(yaw),
      sn = Math.sin(yaw)
    rotateInto(p.head, p.pos, cs, sn)
    vertexNormals(p.pos, this.mesh.indices, p.nrm)
    if (hair) {
      const head = posesFor(c).get('head')!.s
      const verts = hair.vertices
      for (let k = 0; k < verts.length; k++) {
        const v = verts[k]!
        for (let a = 0; a < 3; a++)
          p.hairPos[k * 3 + a] = p.head[v * 3 + a]! + hair.offset[v * 3 + a]! * head[a]!
      }
      rotateInto(p.hairPos.subarray(0, verts.length * 3), p.hairPos, cs, sn)
      vertexNormals(
        p.hairPos.subarray(0, verts.length * 3),
        hair.indices,
        p.hairNrm.subarray(0, verts.length * 3)
      )
    }
    return p
  }

  /** Projects world positions to clip space (4 floats per vertex) into a reusable buffer. */
  project(pos: Float32Array, count: number): Float32Array {
    if (this.clip.length < count * 4) this.clip = new Float32Array(count * 4)
    const m = this.vp
    const out = this.clip
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

  /** Renders a character to an sRGB image (see RenderOptions). */
  render(c: Character, options: RenderOptions = {}): RgbaImage {
    const size = checkSize(options.size ?? DEFAULT_SIZE)
    const ss = supersampling(size)
    const full = size * ss
    const target = this.target(full)
    const posed = this.pose(c, options.yaw ?? 0)
    this.painter.paint(c)
    const screen = mat4.viewport(mat4.create(), full, full)
    const col = evalColors(c)
    const poses = posesFor(c)
    const eye: EyeParams = {
      iris: col.iris.map((v) => srgbToLinear(v * 255)) as [number, number, number],
      irisScale: poses.get('iris')!.s[0]!,
      pupilScale: poses.get('pupil')!.s[0]!,
    }
    const shader = new MeshShader(eye)
    const n = this.mesh.vertexCount
    shader.bind(this.project(posed.pos, n), posed.nrm, this.mesh, this.painter)
    const tris = this.mesh.indices.length / 3
    for (let t = 0; t < tris; t++) rasterize(t, shader, target, screen)
    if (posed.hair) {
      const hv = posed.hair.vertices.length
      const hair = lin(col.hair)
      shader.bindHair(this.project(posed.hairPos, hv), posed.hairNrm, posed.hair, this.mesh, hair)
      const ht = posed.hair.indices.length / 3
      for (let t = 0; t < ht; t++) rasterize(t, shader, target, screen)
    }
    const bg = options.background
    return resolveImage(target.color, full, full, ss, bg && bg !== 'transparent' ? bg : null)
  }

  /** Image-space landmarks of a character for a render with the same options (see CharacterLandmarks). */
  landmarks(c: Character, options: RenderOptions = {}): CharacterLandmarks {
    const size = checkSize(options.size ?? DEFAULT_SIZE)
    const yawDeg = options.yaw ?? 0
    const posed = this.pose(c, yawDeg)
    const style = c.styles['brows.style'] ?? 'soft-arch'
    let rig = this.landmarkRigs.get(style)
    if (!rig) this.landmarkRigs.set(style, (rig = buildLandmarkRig(this.mesh, style)))
    const yaw = (yawDeg * Math.PI) / 180
    const points = deformMesh(rig, c, new Float32Array(rig.rest.length))
    rotateInto(points, points, Math.cos(yaw), Math.sin(yaw))
    const px = this.toPixels(points, rig.rest.length / 3, size)
    const ibug68 = new Float32Array(136)
    const visible = new Uint8Array(68)
    const eye = FRONT_VIEW.eye
    for (let i = 17; i < 68; i++) {
      const k = i - 17
      ibug68[i * 2] = px[k * 2]!
      ibug68[i * 2 + 1] = px[k * 2 + 1]!
      const v = rig.normalVertex[k]!
      const o = v * 3
      const toCam = [
        eye[0] - points[k * 3]!,
        eye[1] - points[k * 3 + 1]!,
        eye[2] - points[k * 3 + 2]!,
      ]
      const facing =
        posed.nrm[o]! * toCam[0]! + posed.nrm[o + 1]! * toCam[1]! + posed.nrm[o + 2]! * toCam[2]!
      visible[i] = facing > 0 ? 1 : 0
    }
    const all = this.toPixels(posed.pos, this.mesh.skinCount, size)
    for (let k = 0; k < 17; k++) {
      const [dx, dy] = contourDirection(k)
      let best = -Infinity
      for (const v of rig.contour[k]!) {
        const d = all[v * 2]! * dx + all[v * 2 + 1]! * dy
        if (d > best) {
          best = d
          ibug68[k * 2] = all[v * 2]!
          ibug68[k * 2 + 1] = all[v * 2 + 1]!
        }
      }
      visible[k] = 1
    }
    const named: Record<string, [number, number]> = {}
    rig.names.forEach((name, j) => {
      const k = 51 + j
      named[name] = [px[k * 2]!, px[k * 2 + 1]!]
    })
    return { ibug68, visible, named }
  }

  /** Pixel positions (2 floats per point) of world points in an image of `size`. */
  private toPixels(pos: Float32Array, count: number, size: number): Float32Array {
    const clip = this.project(pos, count)
    const out = new Float32Array(count * 2)
    for (let v = 0; v < count; v++) {
      const w = clip[v * 4 + 3]!
      out[v * 2] = ((clip[v * 4]! / w + 1) / 2) * size
      out[v * 2 + 1] = ((1 - clip[v * 4 + 1]! / w) / 2) * size
    }
    return out
  }

  private target(size: number): RenderTarget {
    if (!this.targetCache || this.targetCache.width !== size)
      this.targetCache = createTarget(size, size)
    return clearTarget(this.targetCache)
  }
}

const lin = (c: readonly number[]) =>
  c.map((v) => srgbToLinear(v * 255)) as [number, number, number]

function rotateInto(src: Float32Array, dst: Float32Array, cs: number, sn: number): void {
  for (let i = 0; i < src.length; i += 3) {
    const x = src[i]!,
      z = src[i + 2]!
    dst[i] = x * cs + z * sn
    dst[i + 1] = src[i + 1]!
    dst[i + 2] = -x * sn + z * cs
  }
}

/** Validates an output size: an integer from 16 to 2048. */
export function checkSize(size: number): number {
  if (!Number.isInteger(size) || size < 16 || size > 2048) {
    throw new Error(`Render size must be an integer from 16 to 2048 pixels, got ${size}.`)
  }
  return size
}

let shared: Engine | null = null
/** The process-wide engine (built on first use, about 0.3 s). */
export function getEngine(): Engine {
  return (shared ??= new Engine())
}
