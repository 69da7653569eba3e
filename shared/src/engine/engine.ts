/**
 * @module engine/engine — the Engine: builds each level of detail once, then poses, paints, lights and renders
 * characters and reports their landmarks. Reuse one Engine (getEngine) for speed.
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
import { srgbToLinear } from '../render/resolve.ts'
import type { RgbaImage } from '../image/types.ts'
import type { Character } from '../rig/schema.ts'
import { evalColors } from '../rig/eval-colors.ts'
import { posesFor } from './bones.ts'
import { project, viewProjection } from './front-view.ts'
import {
  computeLandmarks,
  type CharacterLandmarks,
  type LandmarkRig,
  buildLandmarkRig,
} from './landmarks.ts'
import { PART } from './mesh.ts'
import { Model, type Lod } from './model.ts'
import { MeshShader } from './shader.ts'

/** Options of a render or a landmark query. */
export interface RenderOptions {
  /** Output width and height in pixels (square), 16-2048; default 256. */
  size?: number
  /** Head yaw in degrees; + turns the subject's nose toward the subject's left (the viewer's right). Default 0. */
  yaw?: number
  /** 'transparent' (default) or an sRGB background colour, 0-255 per channel. */
  background?: 'transparent' | readonly [number, number, number]
}

export const DEFAULT_SIZE = 256

/** Supersampling factor per output size (fixed per size, so a size always gives the same bytes). */
export function supersampling(size: number): number {
  return size <= 384 ? 2 : 1
}

/** Level of detail per output size: below 160 px the fine grid's triangles would be smaller than a sample. */
export function lodFor(size: number): Lod {
  return size < 160 ? 'low' : 'high'
}

/** Validates an output size: an integer from 16 to 2048. */
export function checkSize(size: number): number {
  if (!Number.isInteger(size) || size < 16 || size > 2048) {
    throw new Error(`Render size must be an integer from 16 to 2048 pixels, got ${size}.`)
  }
  return size
}

const linear = (c: readonly number[]) =>
  c.map((v) => srgbToLinear(v * 255)) as [number, number, number]

export class Engine {
  private readonly models = new Map<Lod, Model>()
  private readonly landmarkRigs = new Map<string, LandmarkRig>()
  private readonly vp: Mat4 = viewProjection(mat4.create())
  private clip: Float32Array = new Float32Array(0)
  private hairClip: Float32Array = new Float32Array(0)
  private targetCache: RenderTarget | null = null

  /** The model of a level of detail (built on first use). */
  model(lod: Lod = 'high'): Model {
    let m = this.models.get(lod)
    if (!m) this.models.set(lod, (m = new Model(lod)))
    return m
  }

  /** Triangles drawn for the default character (default hairstyle) at a level of detail. */
  triangleCount(lod: Lod = 'high', hairStyle = 'crop'): number {
    const m = this.model(lod)
    const hair = m.hairShell(hairStyle)
    return m.mesh.indices.length / 3 + (hair ? hair.indices.length / 3 : 0)
  }

  /** Renders a character to an sRGB image (see RenderOptions). */
  render(c: Character, options: RenderOptions = {}): RgbaImage {
    const size = checkSize(options.size ?? DEFAULT_SIZE)
    const ss = supersampling(size)
    const full = size * ss
    const target = this.target(full)
    const model = this.model(lodFor(size))
    const col = evalColors(c)
    model.pose(c, ((options.yaw ?? 0) * Math.PI) / 180)
    model.shade(c, linear(col.hair))
    const poses = posesFor(c)
    const shader = new MeshShader({
      iris: linear(col.iris),
      irisScale: poses.get('iris')!.s[0]!,
      pupilScale: poses.get('pupil')!.s[0]!,
    })
    const screen = mat4.viewport(mat4.create(), full, full)
    const mesh = model.mesh
    this.clip = project(this.vp, model.pos, mesh.vertexCount, this.clip)
    shader.bind({
      indices: mesh.indices,
      clip: this.clip,
      light: model.light,
      spec: model.spec,
      albedo: model.painter.albedo,
      part: mesh.triPart,
      paint: mesh.paint,
      // Per-pixel paint only where a sample is finer than the mesh (the high level of detail).
      detail: lodFor(size) === 'high' ? model.painter.detail : undefined,
      pixelAlbedo: (x, y, z, out) => model.painter.pixelAlbedo(x, y, z, out),
    })
    const tris = mesh.indices.length / 3
    for (let t = 0; t < tris; t++) rasterize(t, shader, target, screen)
    const hair = model.hair
    if (hair) {
      this.hairClip = project(this.vp, model.hairPos, hair.vertices.length, this.hairClip)
      shader.bind({
        indices: hair.indices,
        clip: this.hairClip,
        light: model.hairLight,
        spec: model.hairSpec,
        albedo: model.hairAlbedo,
        part: PART.hair,
        paint: hair.phase,
      })
      const ht = hair.indices.length / 3
      for (let t = 0; t < ht; t++) rasterize(t, shader, target, screen)
    }
    const bg = options.background
    return resolveImage(target.color, full, full, ss, bg && bg !== 'transparent' ? bg : null)
  }

  /** Image-space landmarks of a character for a render with the same options (see CharacterLandmarks). */
  landmarks(c: Character, options: RenderOptions = {}): CharacterLandmarks {
    const size = checkSize(options.size ?? DEFAULT_SIZE)
    const model = this.model('high')
    model.pose(c, ((options.yaw ?? 0) * Math.PI) / 180)
    const style = c.styles['brows.style'] ?? 'soft-arch'
    let rig = this.landmarkRigs.get(style)
    if (!rig) this.landmarkRigs.set(style, (rig = buildLandmarkRig(model.mesh, style)))
    return computeLandmarks(rig, model, c, options.yaw ?? 0, size, this.vp)
  }

  private target(size: number): RenderTarget {
    if (!this.targetCache || this.targetCache.width !== size)
      this.targetCache = createTarget(size, size)
    return clearTarget(this.targetCache)
  }
}

let shared: Engine | null = null
/** The process-wide engine (each level of detail is built on first use, a few tenths of a second). */
export function getEngine(): Engine {
  return (shared ??= new Engine())
}
