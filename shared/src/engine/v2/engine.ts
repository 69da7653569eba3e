/**
 * @module engine/v2/engine — EngineV2: poses the head (sparse morph sum, proxies fitted to the morphed body,
 * generated parts) into a HeadMesh and rasterises it with a shader (the look layer's, or the plain Lambert
 * one). Reuse one engine per asset pack: it keeps its scratch buffers.
 */
import {
  clearTarget,
  createTarget,
  rasterize,
  resolveImage,
  type RenderTarget,
} from '../../render/index.ts'
import {
  createProjected,
  createVisibility,
  DRAW_DEFERRED,
  DRAW_NONE,
  DRAW_PER_TRIANGLE,
  projectVertices,
  rasterizeDeferred,
  rasterizeDeferredRun,
  runOccluded,
  rasterizeProjected,
  shadeDeferred,
  shadeDeferredQuads,
  type IndexedShader,
  type ProjectedVertices,
  type Shader,
  type VisibilityBuffer,
} from '../../render/rasterize.ts'
import { mat4 } from '../../math/index.ts'
import type { RgbaImage } from '../../image/types.ts'
import type { HeadAssets } from './assets.ts'
import {
  assemble,
  assemblePositions,
  meshTopology,
  pointNormals,
  proxyPart,
  skinPart,
  topologyFits,
  type MeshPart,
  type MeshTopology,
} from './head-mesh.ts'
import {
  MATERIAL,
  type Appearance,
  type HeadMesh,
  type HeadView,
  type SkinMasks,
} from './mesh-types.ts'
import { addTargets, morph, type TargetWeights } from './morph.ts'
import { frameZoom, headView, type FrameAffine } from './view.ts'
import { LOD_MAX_SIZE, lodTriangles, type LodTriangles } from './lod.ts'
import { SKIN_BAND_SIGMA, skinBand } from './skin-band.ts'

/** Which optional parts a head wears (proxy names of the pack, or null for none). */
export interface HeadParts {
  hair: string | null
  brow: string | null
  lash: string | null
  /**
   * Extra generated parts (beard shells, glasses), built from the morphed positions (and the skin's smooth
   * normals per morph vertex, computed once per pose).
   */
  extra?: (positions: Float32Array, skinNormals: Float32Array) => MeshPart[]
  /**
   * Names this combination of parts: the neutral-head positions (HeadMesh.rest) and the mesh topology
   * (triangles, materials, UVs, masks) are cached by it, so equal keys must mean equal parts.
   */
  key?: string
}

/** Options of a v2 render (as v1's RenderOptions). */
export interface RenderOptionsV2 {
  /** Output width and height in pixels (square), 16-2048; default 256. */
  size?: number
  /** Head yaw in degrees; + turns the nose toward the subject's left (the viewer's right). Default 0. */
  yaw?: number
  /**
   * Head pitch in degrees; + tips the head toward the camera, so the view looks down on it (a turntable's
   * "little pitch"). Clamped to +-PITCH_LIMIT_V2. Default 0 (the canonical framing, byte-identical to no pitch).
   */
  pitch?: number
  /**
   * Camera distance in cm, at least DISTANCE_MIN_V2 (20): the lens widens so the head plane keeps the canonical
   * framing, and nearer parts (the nose) grow against further ones (the jaw, the ears) as in a selfie taken at arm's
   * length. Default 100 (the canonical portrait view).
   */
  distance?: number
  /** 'transparent' (default) or an sRGB background colour, 0-255 per channel. */
  background?: 'transparent' | readonly [number, number, number]
  /** Re-frames the canonical framing by a unit-image affine (see FrameAffine); default none. */
  frame?: FrameAffine
  /**
   * Draw renders of at most LOD_MAX_SIZE (256) px (and not magnified by `frame`) at the level of detail, for
   * thumbnails and grids: skin, eyeballs, teeth and tongue decimated over the same vertices (engine/v2/lod), the
   * skin drawn before the hair cards (cards behind it are skipped) and one shading per face and output pixel. It looks the same but is not the same bytes
   * (mean absolute difference ~0.5-0.65 of 255 over 20 plausible characters at 128-256 px). Larger renders, renders without it and
   * landmarks are unchanged. Default false: datasets and evaluations keep full detail.
   */
  lod?: boolean
}

/**
 * A shader that can draw other triangles over the same vertices (a level of detail): after
 * `useTriangles(indices, material)`, face ids passed to vertex/bind/opaque refer to those triangles (until the
 * shader is prepared for another draw).
 */
export interface LodShader {
  useTriangles(indices: Uint32Array, material: Uint8Array): void
}

const canSwapTriangles = (s: Shader): s is Shader & LodShader =>
  typeof (s as Partial<LodShader>).useTriangles === 'function'

/**
 * A shader whose skin fragments write their detail's gain and support to color[4], color[5] when `skinBand` is
 * true: the engine then lets the photo's fine shading replace its own there (engine/v2/skin-band).
 */
export interface SkinBandShader {
  readonly skinBand: boolean
}

const wantsSkinBand = (s: Shader): boolean => (s as Partial<SkinBandShader>).skinBand === true

/** Builds a shader for a posed mesh (the look layer's createHeadShader has this shape). */
export type ShaderFactory = (mesh: HeadMesh, appearance: Appearance, view: HeadView) => Shader

/**
 * Supersampling per output size (fixed per size, so a size always gives the same bytes): 2x2 up to 384 px as
 * v1; larger renders resolve with the edge filter instead (4x the samples would cost 4x the time).
 */
export function supersamplingV2(size: number): number {
  return size <= 384 ? 2 : 1
}

const isIndexed = (s: Shader): s is IndexedShader =>
  typeof (s as Partial<IndexedShader>).bind === 'function' &&
  (s as IndexedShader).clip4 !== undefined

function centroid(pos: Float32Array, idx: Uint32Array): [number, number, number] {
  let x = 0,
    y = 0,
    z = 0
  for (const i of idx) {
    x += pos[i * 3]!
    y += pos[i * 3 + 1]!
    z += pos[i * 3 + 2]!
  }
  const n = Math.max(1, idx.length)
  return [x / n, y / n, z / n]
}

/**
 * A clear back face in the projected corners (screen area above a hundredth of a sample, clockwise: fill()'s
 * culling sign); false when a corner is behind the camera or the triangle is near edge-on (left to fill()).
 */
function backFacing(p: ProjectedVertices, a: number, b: number, c: number): boolean {
  if (!p.front[a] || !p.front[b] || !p.front[c]) return false
  const x0 = p.sx[a]!,
    y0 = p.sy[a]!
  const area = (p.sx[b]! - x0) * (p.sy[c]! - y0) - (p.sx[c]! - x0) * (p.sy[b]! - y0)
  return area > 0.01
}

let engines = 0
/**
 * Triangles per occlusion test of the mouth's inside (a proxy's triangles lie near their neighbours in index
 * order; 16: 90% of teeth chunks are skipped on plausible characters, 84% with 32).
 */
const OCCLUSION_CHUNK = 16

/**
 * Occlusion test margins of an inflated card (level of detail only): its corners grow by 0.75 sample in model
 * space (head shader), so 2 samples of box and 0.003 window z (~0.4 cm at the head, window z changing by about
 * 75 / w^2 per cm at a distance of w cm) are safely more.
 */
const CARD_GROW = 2
const CARD_Z_MARGIN = 0.003

export class EngineV2 {
  private readonly pos: Float32Array
  private targetCache: RenderTarget | null = null
  private readonly restCache = new Map<string, Float32Array>()
  private readonly projected = createProjected()
  private visibility: VisibilityBuffer | null = null
  private readonly topologyCache = new Map<string, MeshTopology>()
  private restNormals: Float32Array | null = null

  private readonly anchorRest: [number, number, number]

  /**
   * `anchor`: morph vertices whose centroid is pinned to its rest place after morphing. Macro targets move the
   * whole body (a shorter body lowers the head), so without the pin heads would wander out of the frame.
   */
  constructor(
    readonly assets: HeadAssets,
    readonly masks: SkinMasks,
    readonly anchor: Uint32Array
  ) {
    this.pos = new Float32Array(assets.rest.length)
    this.anchorRest = centroid(assets.rest, anchor)
  }

  /**
   * Morphed positions of the morph vertices (cm, model space); the buffer is reused per call. The shift that
   * pins the anchor is measured after the MACRO targets only, so face and expression sliders still move the
   * anchor region itself (a brow slider moves the eyes' surroundings, not the whole head).
   */
  morph(weights: TargetWeights): Float32Array {
    const macro = new Map<string, number>()
    const rest = new Map<string, number>()
    for (const [name, w] of weights) (name.startsWith('macro/') ? macro : rest).set(name, w)
    const pos = morph(this.assets, macro, this.pos)
    const c = centroid(pos, this.anchor)
    addTargets(this.assets, rest, pos)
    const dx = this.anchorRest[0] - c[0],
      dy = this.anchorRest[1] - c[1],
      dz = this.anchorRest[2] - c[2]
    for (let i = 0; i < pos.length; i += 3) {
      pos[i] = pos[i]! + dx
      pos[i + 1] = pos[i + 1]! + dy
      pos[i + 2] = pos[i + 2]! + dz
    }
    return pos
  }

  /** The positions of the last morph() (the shared buffer: valid until the next morph or pose). */
  get lastMorph(): Float32Array {
    return this.pos
  }

  /**
   * A posed HeadMesh: skin, eyes, teeth, tongue and the chosen parts, fitted to the morphed head; with
   * `parts.key`, `rest` holds the same vertices on the neutral head (cached per key).
   */
  pose(weights: TargetWeights, parts: HeadParts): HeadMesh {
    const list = this.parts(this.morph(weights), parts)
    const key = parts.key
    if (key === undefined) return assemble(list, this.masks)
    const mesh = assemble(list, this.masks, this.topology(key, list))
    let rest = this.restCache.get(key)
    if (!rest) {
      // Positions only (the neutral head's normals are not needed), with the neutral skin's normals kept.
      const restParts = this.parts(
        this.assets.rest,
        parts,
        (this.restNormals ??= this.skinNormals())
      )
      rest = assemblePositions(restParts, this.topology(key, restParts))
      if (this.restCache.size >= 32) this.restCache.delete(this.restCache.keys().next().value!)
      this.restCache.set(key, rest)
    }
    mesh.rest = rest
    return mesh
  }

  /** The cached topology of a parts key (rebuilt if the parts no longer fit it). */
  private topology(key: string, list: MeshPart[]): MeshTopology {
    let topo = this.topologyCache.get(key)
    if (!topo || !topologyFits(topo, list)) {
      topo = meshTopology(list, this.masks)
      if (this.topologyCache.size >= 32)
        this.topologyCache.delete(this.topologyCache.keys().next().value!)
      this.topologyCache.set(key, topo)
    }
    return topo
  }

  /** Smooth normals of the neutral skin (per morph vertex). */
  private skinNormals(): Float32Array {
    return pointNormals(skinPart(this.assets, this.assets.rest))
  }

  /** Proxies fitted to the neutral head, per proxy name: a new combination of parts refits none of them. */
  private readonly restProxies = new Map<string, MeshPart[]>()

  /** A proxy fitted to `pos` (cached per name when `pos` is the neutral head: parts are never modified). */
  private proxy(name: string, pos: Float32Array): MeshPart[] {
    if (pos !== this.assets.rest) return this.named(name, proxyPart(this.assets, name, pos))
    let hit = this.restProxies.get(name)
    if (!hit)
      this.restProxies.set(name, (hit = this.named(name, proxyPart(this.assets, name, pos))))
    return hit
  }

  /** Names the parts of a proxy (PartRange.key): the proxy's name on this engine's pack, and its index. */
  private named(name: string, list: MeshPart[]): MeshPart[] {
    list.forEach((p, i) => (p.key = `${this.uid}:${name}:${i}`))
    return list
  }

  /** Tells this engine's part keys from another engine's (another pack may name different parts alike). */
  private readonly uid = `engine${++engines}`

  private parts(pos: Float32Array, parts: HeadParts, skinNormals?: Float32Array): MeshPart[] {
    const skin = skinPart(this.assets, pos)
    skin.key = `${this.uid}:skin`
    skin.normals = skinNormals ?? pointNormals(skin)
    const list: MeshPart[] = [skin, ...this.proxy('eyes', pos)]
    list.push(...this.proxy('teeth', pos), ...this.proxy('tongue', pos))
    if (parts.brow) list.push(...this.proxy(parts.brow, pos))
    if (parts.lash) list.push(...this.proxy(parts.lash, pos))
    if (parts.hair) list.push(...this.proxy(parts.hair, pos))
    if (parts.extra) list.push(...parts.extra(pos, skin.normals))
    return list
  }

  /** Rasterises a posed mesh with a shader built by `shade`, then resolves to an sRGB image. */
  render(
    mesh: HeadMesh,
    appearance: Appearance,
    shade: ShaderFactory,
    options: RenderOptionsV2 = {}
  ): RgbaImage {
    const size = options.size ?? 256
    if (!Number.isInteger(size) || size < 16 || size > 2048) {
      throw new Error(`Render size must be an integer from 16 to 2048 pixels, got ${size}.`)
    }
    const ss = supersamplingV2(size)
    const full = size * ss
    const view = headView(
      options.yaw ?? 0,
      full,
      options.frame,
      options.pitch ?? 0,
      options.distance
    )
    const shader = shade(mesh, appearance, view)
    const band = wantsSkinBand(shader)
    const target = this.target(full, band)
    const screen = mat4.viewport(mat4.create(), full, full)
    // Not through a magnifying frame: its pixels are as fine on the head as a larger render's.
    const small = size <= LOD_MAX_SIZE && frameZoom(options.frame) <= 1
    let lod = options.lod === true && small ? this.lodOf(mesh) : null
    if (lod && canSwapTriangles(shader)) shader.useTriangles(lod.indices, lod.material)
    else lod = null
    const I = lod?.indices ?? mesh.indices
    const M = lod?.material ?? mesh.material
    const T = lod?.triangleCount ?? mesh.triangleCount
    if (isIndexed(shader)) {
      // Corners projected once per vertex (each is shared by ~6 triangles); same bytes as rasterize().
      const p = projectVertices(shader.clip4, mesh.vertexCount, screen, this.projected)
      if (shader.opaque) {
        // Deferred shading of opaque triangles: a depth pass records each sample's last opaque writer, then only
        // the survivors are shaded (skin under hair, the eyeballs behind the lids are never shaded). Alpha-tested
        // triangles are drawn at once, in order; the bytes are those of drawing every triangle in order.
        if (this.visibility?.face.length !== full * full)
          this.visibility = createVisibility(full * full)
        const vis = this.visibility
        // Hair cards overdraw each other (and the skin wins some of their samples): with covers(), only the
        // samples they finally win are shaded.
        const deferCovered = shader.covers !== undefined
        const paths = shader.drawPaths
        if (paths) {
          // The draws of the loop below, without binding the deferred triangles (shading binds the survivors).
          for (let t = 0; t < T; t++) {
            const path = paths[M[t]!]
            if (path === DRAW_DEFERRED) {
              // A run of deferred triangles of one material (a part: the skin, the teeth) in one call.
              const m = M[t]!
              let end = t + 1
              while (end < T && M[end] === m) end++
              if (m === MATERIAL.teeth || m === MATERIAL.tongue) {
                // The mouth's inside, drawn after the skin: chunks of it that lie wholly behind what is drawn
                // (teeth behind closed lips) are skipped (runOccluded: they would change nothing).
                for (let c = t; c < end; c += OCCLUSION_CHUNK) {
                  const e = Math.min(end, c + OCCLUSION_CHUNK)
                  if (!runOccluded(target, p, I, c, e))
                    rasterizeDeferredRun(target, p, I, c, e, vis)
                }
              } else rasterizeDeferredRun(target, p, I, t, end, vis)
              t = end - 1
              continue
            }
            if (path === DRAW_NONE) continue
            const i0 = I[t * 3]!,
              i1 = I[t * 3 + 1]!,
              i2 = I[t * 3 + 2]!
            if (path === DRAW_PER_TRIANGLE) {
              // At the level of detail the skin is drawn first, so cards behind it (most of the back of the
              // hair) are skipped before their corners are inflated.
              if (
                !backFacing(p, i0, i1, i2) &&
                !(lod && runOccluded(target, p, I, t, t + 1, CARD_GROW, CARD_Z_MARGIN))
              )
                rasterize(t, shader, target, screen, vis, deferCovered)
            } else {
              shader.bind(t)
              rasterizeProjected(shader, target, p, i0, i1, i2, vis)
            }
          }
        } else
          for (let t = 0; t < T; t++) {
            if (!shader.bind(t)) {
              // Corners inflated per triangle (hair cards): a clear back face stays one after inflation (growing a
              // triangle about its centroid keeps its plane), so the reversed copies of double-sided cards are
              // dropped before their corners are inflated and projected.
              if (!backFacing(p, I[t * 3]!, I[t * 3 + 1]!, I[t * 3 + 2]!))
                rasterize(t, shader, target, screen, vis, deferCovered)
            } else if (shader.opaque(t))
              rasterizeDeferred(target, p, t, I[t * 3]!, I[t * 3 + 1]!, I[t * 3 + 2]!, vis)
            else rasterizeProjected(shader, target, p, I[t * 3]!, I[t * 3 + 1]!, I[t * 3 + 2]!, vis)
          }
        // The level of detail shades once per face and output pixel (see shadeDeferredQuads).
        if (lod && ss === 2) shadeDeferredQuads(shader, target, vis)
        else shadeDeferred(shader, target, vis)
      } else {
        for (let t = 0; t < T; t++) {
          if (shader.bind(t))
            rasterizeProjected(shader, target, p, I[t * 3]!, I[t * 3 + 1]!, I[t * 3 + 2]!)
          else rasterize(t, shader, target, screen)
        }
      }
    } else for (let t = 0; t < T; t++) rasterize(t, shader, target, screen)
    // Where the photo's detail stands, its fine shading replaces the engine's own (engine/v2/skin-band).
    if (band) skinBand(target, SKIN_BAND_SIGMA * full * frameZoom(options.frame))
    const bg = options.background
    return resolveImage(target.color, full, full, ss, bg && bg !== 'transparent' ? bg : null)
  }

  /** Per named part, its decimated triangles (local vertex ids): decimation runs once per part. */
  private readonly lodParts = new Map<string, Uint32Array>()
  /** Per mesh topology (its shared index buffer), its level of detail. */
  private readonly lodCache = new WeakMap<Uint32Array, LodTriangles | null>()

  /** The level of detail of a posed mesh (built once per topology; null when the mesh cannot say its parts). */
  lodOf(mesh: HeadMesh): LodTriangles | null {
    let lod = this.lodCache.get(mesh.indices)
    if (lod === undefined)
      this.lodCache.set(mesh.indices, (lod = lodTriangles(mesh, this.lodParts)))
    return lod
  }

  private auxCache: Float32Array | null = null

  /** The cleared target of a size x size render, with an aux buffer when `aux` (both reused across renders). */
  private target(size: number, aux: boolean): RenderTarget {
    if (!this.targetCache || this.targetCache.width !== size)
      this.targetCache = createTarget(size, size)
    if (aux && this.auxCache?.length !== size * size * 2)
      this.auxCache = new Float32Array(size * size * 2)
    this.targetCache.aux = aux ? this.auxCache! : undefined
    return clearTarget(this.targetCache)
  }
}
