/**
 * @module engine/v2/look/head-shader — the textured Shader of v2 heads. `prepare` does the per-vertex work once
 * per draw (clip positions, lighting, strand coordinates, eye normals); `fragment` samples the procedural
 * textures with perspective-correct barycentrics: bilinear skin (albedo + gloss), the eye patch with a sharp
 * per-pixel catchlight, alpha-tested strands for hair, brows and lashes, flat teeth, tongue and glasses.
 * Nothing is allocated per triangle or per pixel; buffers grow once and are reused.
 */
import {
  DRAW_BOUND,
  DRAW_DEFERRED,
  DRAW_NONE,
  DRAW_PER_TRIANGLE,
  type IndexedShader,
} from '../../../render/rasterize.ts'
import { MATERIAL, type Appearance, type HeadMesh, type HeadView } from '../mesh-types.ts'
import { IRIS_CENTERS, PATCH, PATCH_HALF, SCLERA } from './eye.ts'
import { KEY, SURFACE, lightVertex } from './lights.ts'
import { SKIN_COARSE, SKIN_FINE, restOf, type SkinGrid } from './skin.ts'
import { beardDensity } from './skin-layers.ts'
import { hash2 } from './noise.ts'
import { clump, coil } from './curls.ts'
import { TRIMMED_STYLES, sideburnTrim } from './sideburns.ts'
import { STRAND_H, STRAND_STYLES, STRAND_W, isCombedBack, isCurly } from './strands.ts'
import { COARSE_SAMPLE_CM, type LookTextures } from './textures.ts'
import { strandTopology, type StrandTopology } from './topology.ts'
import type { UvGrid } from './uv-bake.ts'
import { hypot3 } from '../../../math/hypot.ts'

/** Surface kind of each material (for lighting). */
const KIND: number[] = [
  SURFACE.skin,
  SURFACE.eye,
  SURFACE.eye,
  SURFACE.hair,
  SURFACE.hair,
  SURFACE.plain,
  SURFACE.plain,
  SURFACE.hair,
  SURFACE.hair,
  SURFACE.plain,
  SURFACE.plain,
]
/** 1 for materials whose fragments never discard (see HeadShader.opaque). */
const OPAQUE = new Uint8Array(16)
for (const m of [
  MATERIAL.skin,
  MATERIAL.eyeball,
  MATERIAL.teeth,
  MATERIAL.tongue,
  MATERIAL.glassesFrame,
])
  OPAQUE[m] = 1
/** How each material is drawn (IndexedShader.drawPaths): as bind() and opaque() say. */
const DRAW_PATHS = new Uint8Array(256).fill(DRAW_BOUND)
for (let m = 0; m < OPAQUE.length; m++) if (OPAQUE[m]) DRAW_PATHS[m] = DRAW_DEFERRED
DRAW_PATHS[MATERIAL.hair] = DRAW_PER_TRIANGLE
DRAW_PATHS[MATERIAL.beard] = DRAW_PER_TRIANGLE
// fragment() discards every cornea fragment (the eyeball draws the cornea's highlight itself).
DRAW_PATHS[MATERIAL.cornea] = DRAW_NONE
/**
 * How far (cm) scalp hair is drawn nearer the camera than it lies, along each pixel's own ray (a depth bias): a
 * fringe lying on the forehead, and cards a morphed head pushes into the skin, were cut by the skin into blotches.
 */
const HAIR_LIFT = 0.25

/** Share of the strands' sheen that curly hair keeps. */
const CURL_SHEEN = 0.3
/** The rest-frame offset (cm, from the face-space origin) of the vertical axis hair strands turn around. */
const HAIR_AXIS: readonly [number, number, number] = [0, 2, -6.8]
/** Strand texture repeats around the head (hair). */
const HAIR_WRAPS = 6
/**
 * Strands along one brow and one lash row. Brows: 100 fine hairs, so a brow drawn at 512-1024 px is a soft mass
 * of hair with skin between, not 40 marker strokes (30 London people, refined, FaceRes own-photo cosine +0.006,
 * dlib flat; docs/likeness.md "Session 46").
 */
const BROW_STRANDS = 100
const LASH_STRANDS = 45
/**
 * Lashes, against their earlier tuning (read at 128-256 px): upper lashes 1.6 times as many (session 46), and a
 * man's lower lashes half as long (they drew as ticks, stitches under the eye).
 */
const LASH_DENSITY = 1.6
const MEN_LOWER_LASH_LENGTH = 0.5
/**
 * Lashes as a photo shows them from the front (session 49). Upper lashes curl toward the camera, so they show SHORT
 * (`LASH_LENGTH` of the strip's height: drawn the whole height, a woman's stood over the lid as a fringe of spikes),
 * solid where they crowd the lid margin and parting into fine tips (`LASH_ROOT`, `LASH_TIP`: a lash's width, as a
 * share of the spacing between lashes, at its root and tip, over the square of its height), and fanned: each lash
 * leans toward the outer corner in proportion to how far out it grows (`LASH_CURL`; upright lashes all along read as
 * a comb). Lower lashes alike, shorter and finer (a row of even ticks read as stitches). London FaceRes: refined
 * id_cos +0.0023, id_margin +0.0020, sex read as before; the dice's women read female 0.73 -> 0.71 (longer women's
 * lashes gave some back but stood over the lid again; docs/likeness.md "Session 49"). `lashes.test.ts`.
 */
const LASH_LENGTH = 0.6
const LASH_ROOT = 0.6
const LASH_TIP = 0.03
const LASH_CURL = 0.3
/** Where along the strip (s) lashes stand upright; inward of it they lean toward the inner corner. */
const LASH_UPRIGHT = 0.35
const LOWER_LASH_LENGTH = 0.6
const LOWER_LASH_ROOT = 0.2
const LOWER_LASH_TIP = 0.02
/** Width of a brow hair as a share of the spacing between hairs (before its random variation). */
const BROW_GAP = 0.5
/** How far the brow's core closes the gaps between its hairs (0: even hairs all through, 1: solid). */
const BROW_CORE = 0.5
/** How much the strand texture's cover frays the brow's edge (0: a clean outline, 1: ragged hair by hair). */
const BROW_FRAY = 0.165
/**
 * The darkest a brow hair is drawn (linear RGB): a dark brown. Short hairs lying on lit skin take light from it, so
 * even black brows photograph as a deep brown-grey; drawn at the palette's black they read as ink (and the
 * likeness was closer with the lift: +0.004 FaceRes on the dark-browed of 30 London people).
 */
const BROW_FLOOR = [0.05, 0.0375, 0.03] as const
/** Specular strengths per material family. */
const SKIN_SPEC = 0.16
const HAIR_SPEC = 0.11
/** Mean shade of the hair strand texture's covered texels (strands.ts; light-hair.test.ts checks it). */
export const STRAND_SHADE_MEAN = 0.82
/**
 * Share of the strand texture's shade variation a hair colour keeps: all of it for dark hair, less for light hair.
 * Why: light fibres pass most light on to the fibres around them (multiple scattering), so blond, grey and white
 * hair look soft, where the same per-strand contrast drew them as a striped knit cap.
 */
export function strandContrast(c: readonly number[]): number {
  // 0.45 of the variation is left on blond, platinum and grey hair (max channel >= 0.6 linear), less taken from
  // light brown (0.2) down: the strands then show by about as many sRGB levels as on dark hair (light-hair.test.ts).
  const v = Math.max(c[0]!, c[1]!, c[2]!)
  return 1 - 0.55 * smooth(0.05, 0.6, v)
}
/** Fixed linear colours of the mouth and glasses. */
// Teeth sit in the mouth's shadow (bright teeth read as a white line between closed lips).
const TEETH = [0.34, 0.31, 0.26] as const
const TONGUE = [0.42, 0.13, 0.13] as const
/** Share of the teeth's colour left when the lips are together (Appearance.mouthOpen 0). */
const TEETH_SHUT = 0.3
const FRAME = [0.025, 0.022, 0.022] as const

/** A skin sample: LINEAR RGB, gloss, and the grid's band (SkinGrid.band: detail gain and support; 1, 0 without). */
const sample = new Float32Array(6)

/** Bilinear sample of a 4-channel grid texture (and its band) at (u, v) into `sample`. */
function sampleGrid(grid: SkinGrid, g: UvGrid, u: number, v: number): void {
  const tex = grid.data
  const W = g.width,
    H = g.height
  let x = ((u - g.u0) / (g.u1 - g.u0)) * W - 0.5
  let y = ((v - g.v0) / (g.v1 - g.v0)) * H - 0.5
  x = x < 0 ? 0 : x > W - 1.001 ? W - 1.001 : x
  y = y < 0 ? 0 : y > H - 1.001 ? H - 1.001 : y
  const ix = Math.floor(x),
    iy = Math.floor(y)
  const fx = x - ix,
    fy = y - iy
  const o00 = (ix + iy * W) * 4
  const o10 = o00 + 4
  const o01 = o00 + W * 4
  const o11 = o01 + 4
  grid.ensure(o00 >> 2)
  grid.ensure(o10 >> 2)
  grid.ensure(o01 >> 2)
  grid.ensure(o11 >> 2)
  const w00 = (1 - fx) * (1 - fy),
    w10 = fx * (1 - fy),
    w01 = (1 - fx) * fy,
    w11 = fx * fy
  for (let c = 0; c < 4; c++) {
    sample[c] =
      tex[o00 + c]! * w00 + tex[o10 + c]! * w10 + tex[o01 + c]! * w01 + tex[o11 + c]! * w11
  }
  const band = grid.band
  if (band === null) {
    sample[4] = 1
    sample[5] = 0
  } else
    for (let c = 0; c < 2; c++) {
      sample[4 + c] =
        band[(o00 >> 1) + c]! * w00 +
        band[(o10 >> 1) + c]! * w10 +
        band[(o01 >> 1) + c]! * w01 +
        band[(o11 >> 1) + c]! * w11
    }
}

/**
 * Nearest-texel sample of a 4-channel grid texture (used when a sample spans about a texel or more); `even`: only
 * even texels hold values (a half-resolution composition).
 */
function nearestGrid(
  grid: SkinGrid,
  g: UvGrid,
  u: number,
  v: number,
  even = false,
  compact = false
): void {
  const W = g.width,
    H = g.height
  let x = Math.floor(((u - g.u0) / (g.u1 - g.u0)) * W)
  let y = Math.floor(((v - g.v0) / (g.v1 - g.v0)) * H)
  x = x < 0 ? 0 : x >= W ? W - 1 : x
  y = y < 0 ? 0 : y >= H ? H - 1 : y
  if (even) {
    x &= ~1
    y &= ~1
  }
  // `compact`: only the even texels are stored, at half the width (see SkinTexture.fineStep).
  const o = compact ? ((x >> 1) + (y >> 1) * (W >> 1)) * 4 : (x + y * W) * 4
  grid.ensure(o >> 2)
  const tex = grid.data
  sample[0] = tex[o]!
  sample[1] = tex[o + 1]!
  sample[2] = tex[o + 2]!
  sample[3] = tex[o + 3]!
  const band = grid.band
  sample[4] = band === null ? 1 : band[o >> 1]!
  sample[5] = band === null ? 0 : band[(o >> 1) + 1]!
}

/** Skin micro-detail: a 64x64 tile of pores and grain, repeated DETAIL_REPEAT times across the UV layout. */
const DETAIL = 64
const DETAIL_REPEAT = 1536
let detailTile: Float32Array | null = null

/** The detail tile (built once): a multiplier around 1, pits at pores (periodic, so the tiling is seamless). */
function detail(): Float32Array {
  if (detailTile) return detailTile
  const t = new Float32Array(DETAIL * DETAIL)
  const cells = 32 // pore lattice cells per tile side (2 texels each)
  for (let j = 0; j < DETAIL; j++) {
    for (let i = 0; i < DETAIL; i++) {
      const x = (i + 0.5) / 2,
        y = (j + 0.5) / 2
      const ix = Math.floor(x),
        iy = Math.floor(y)
      let best = 9
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const cx = (((ix + dx) % cells) + cells) % cells
          const cy = (((iy + dy) % cells) + cells) % cells
          const px = ix + dx + hash2(cx, cy, 41)
          const py = iy + dy + hash2(cx, cy, 43)
          best = Math.min(best, (px - x) ** 2 + (py - y) ** 2)
        }
      }
      const pit = smooth(0.12, 0.0, best) // a pore: a small dark pit
      t[i + j * DETAIL] = 1 - 0.07 * pit + 0.03 * (hash2(i, j, 47) - 0.5)
    }
  }
  return (detailTile = t)
}

/** The head Shader. Create once, then `prepare` it for each draw. */
export class HeadShader implements IndexedShader {
  private mesh: HeadMesh | null = null
  private tex: LookTextures | null = null
  private look: Appearance | null = null
  private clip = new Float32Array(0)
  private light = new Float32Array(0)
  private spec = new Float32Array(0)
  /** Strands: across (texture widths) and along (0 root .. 1 tip). Eyes: sphere normal (3 per vertex). */
  private across = new Float32Array(0)
  private along = new Float32Array(0)
  private eyeN = new Float32Array(0)
  /** Curly hair: how squarely each vertex's card faces the camera (|card normal . view|, 0 = edge-on). */
  private facing = new Float32Array(0)
  private i0 = 0
  private inflated = false
  private readonly fat = new Float32Array(12)
  private viewProj: Float32Array = new Float32Array(16)
  private sampleCm = 0.1
  private bilinear = true
  private readonly detail = detail()
  /** 0 for fine sampling (large renders) .. 1 for coarse (small renders): fuller lash lines and brows. */
  private coarse = 0
  private i1 = 0
  private i2 = 0
  private mat = 0
  private a0 = 0
  private a1 = 0
  private a2 = 0
  /** Eye catchlight half-vector (key light and the view direction), model space. */
  private hx = 0
  private hy = 0
  private hz = 1
  /** State of the lazy per-vertex pass (see perVertex): 1 per vertex done in this draw. */
  private lit = new Uint8Array(0)
  private vmat: Uint8Array = new Uint8Array(0)
  private rest: Float32Array = new Float32Array(0)
  private topo: StrandTopology | null = null
  private readonly ec = new Float64Array(7)
  private ex = 0
  private ey = 0
  private ez = 0
  /** Lash colour of this draw (linear). */
  private readonly lashRgb = new Float32Array(3)
  /** The brow hairs' colour: the character's, no darker than BROW_FLOOR. */
  private readonly browRgb = new Float32Array(3)
  /** Facial hair style of this draw: the beard shell's density (skin-layers beardDensity) follows it. */
  private beardStyle = 'none'
  /** The triangles face ids refer to: the mesh's, or a level of detail's (useTriangles). */
  private tris: Uint32Array = new Uint32Array(0)
  private triMaterial: Uint8Array = new Uint8Array(0)
  /** Curly hair (the Afro): a solid coil texture and round normals instead of strands along cards (curls.ts). */
  private curly = false
  /** Whether the hair's sideburns are trimmed (sideburns.ts: the short cuts), and by how much at each vertex. */
  private trimSideburns = false
  /** Whether the hair is combed back (strands.ts isCombedBack): its strands run front to back. */
  private combedBack = false
  private trim = new Float32Array(0)
  /** Posed centre of the curly hair's vertices: its normals point away from it, as off a ball of hair. */
  private readonly hairC = new Float64Array(3)
  /** Shade of the last curly texel (strandTexel -> fragment; a typed array, as a double field would box). */
  private readonly curlShade = new Float32Array(1)
  /**
   * Whether this draw's skin carries a photo's detail with its support: then a skin fragment also writes the
   * detail's gain and support to out[4], out[5] (RenderTarget.aux), and the engine lets the photo's fine shading
   * replace its own there (engine/v2/skin-band).
   */
  skinBand = false
  /** How much of the strand texture's shade variation the scalp hair and the beard keep (strandContrast). */
  private hairContrast = 1
  private beardContrast = 1

  /**
   * Draws other triangles over the same vertices (a level of detail, engine LodShader): face ids given to
   * vertex/bind/opaque refer to `indices` (T*3) and `material` (T) until the next prepare().
   */
  useTriangles(indices: Uint32Array, material: Uint8Array): void {
    this.tris = indices
    this.triMaterial = material
  }

  /** Per-vertex pass of a draw: must be called before rasterizing `mesh`'s triangles with this shader. */
  prepare(mesh: HeadMesh, a: Appearance, view: HeadView, tex: LookTextures): void {
    const V = mesh.vertexCount
    if (this.clip.length < V * 4) {
      this.clip = new Float32Array(V * 4)
      this.light = new Float32Array(V * 3)
      this.spec = new Float32Array(V)
      this.across = new Float32Array(V)
      this.along = new Float32Array(V)
      this.trim = new Float32Array(V)
      this.eyeN = new Float32Array(V * 3)
      this.facing = new Float32Array(V)
      this.lit = new Uint8Array(V)
    }
    this.mesh = mesh
    this.tris = mesh.indices
    this.triMaterial = mesh.material
    this.tex = tex
    this.look = a
    this.skinBand = a.detail?.support !== undefined
    this.curly = isCurly(a.hairStyle ?? '')
    this.trimSideburns = TRIMMED_STYLES.has(a.hairStyle ?? '')
    this.combedBack = isCombedBack(a.hairStyle ?? '')
    // Lashes: near black on dark-browed people and wherever women's lashes are dense (mascara); fair people's
    // bare lashes are lighter, toward their brows' colour (a black line on a blond man read as eyeliner).
    this.beardStyle = a.beardStyle
    this.hairContrast = strandContrast(a.hairColor)
    this.beardContrast = strandContrast(a.beardColor)
    const bare = 0.8 * smooth(0.4, 0.55, a.gender)
    for (let c = 0; c < 3; c++) this.browRgb[c] = Math.max(BROW_FLOOR[c]!, a.browColor[c]!)
    for (let c = 0; c < 3; c++)
      this.lashRgb[c] = LASH[c]! + (Math.max(LASH[c]!, 0.5 * a.browColor[c]!) - LASH[c]!) * bare
    const fo = this.faceOrigin
    this.restCentre = [fo[0] + HAIR_AXIS[0], fo[1] + HAIR_AXIS[1], fo[2] + HAIR_AXIS[2]]
    const m = view.viewProj
    this.viewProj = m
    this.sampleCm = view.sampleCm
    // Small renders read only the even texels of the fine grid, from a full or a half composition alike (same
    // values there), so the bytes never depend on which texture happened to be cached.
    this.bilinear = !(view.sampleCm >= COARSE_SAMPLE_CM)
    if (this.bilinear && tex.skin.fineStep !== 1) {
      throw new Error(
        'A close-up needs the full skin texture; get it with texturesFor(..., half = false).'
      )
    }
    // Small renders: fine hair would vanish between samples, so lash lines and brows are drawn fuller.
    this.coarse = smooth(0.05, 0.14, view.sampleCm)
    const P = mesh.positions
    for (let v = 0; v < V; v++) {
      const x = P[v * 3]!,
        y = P[v * 3 + 1]!,
        z = P[v * 3 + 2]!
      this.clip[v * 4] = m[0]! * x + m[4]! * y + m[8]! * z + m[12]!
      this.clip[v * 4 + 1] = m[1]! * x + m[5]! * y + m[9]! * z + m[13]!
      this.clip[v * 4 + 2] = m[2]! * x + m[6]! * y + m[10]! * z + m[14]!
      this.clip[v * 4 + 3] = m[3]! * x + m[7]! * y + m[11]! * z + m[15]!
    }
    this.perVertex(mesh, view)
  }

  /**
   * Sets up the per-vertex pass of a draw. The pass itself (lighting, eye normals, strand coordinates: each vertex
   * on its own) runs LAZILY, for a vertex when a triangle using it is first bound (ensureCorners): with the draw
   * loop binding only the triangles drawn at once and the deferred survivors (IndexedShader.drawPaths), the
   * vertices of back faces and hidden parts (most of the teeth, the back of the head) are never lit. Same values
   * as lighting every vertex up front.
   */
  private perVertex(mesh: HeadMesh, view: HeadView): void {
    this.rest = restOf(mesh)
    this.topo = strandTopology(mesh, this.rest)
    this.ex = view.eye[0]
    this.ey = view.eye[1]
    this.ez = view.eye[2]
    // Eye centres (posed), for the eyeballs' sphere normals and lid shadows.
    this.ec.set(eyeCentres(mesh))
    // Each vertex once, with the material of (one of) its triangles: a vertex never spans two materials.
    this.vmat = vertexMaterials(mesh)
    this.lit.fill(0, 0, mesh.vertexCount)
    if (this.curly) this.hairCentre(mesh)
    // Catchlight: key light reflected toward the camera.
    const hx = KEY[0] + 0,
      hy = KEY[1] + 0,
      hz = KEY[2] + 1
    const hl = hypot3(hx, hy, hz)
    this.hx = hx / hl
    this.hy = hy / hl
    this.hz = hz / hl
  }

  /** The posed centre of the hair's vertices (hairC). */
  private hairCentre(mesh: HeadMesh): void {
    const P = mesh.positions
    let n = 0,
      x = 0,
      y = 0,
      z = 0
    for (let v = 0; v < mesh.vertexCount; v++) {
      if (this.vmat[v] !== MATERIAL.hair) continue
      x += P[v * 3]!
      y += P[v * 3 + 1]!
      z += P[v * 3 + 2]!
      n++
    }
    this.hairC[0] = n ? x / n : 0
    this.hairC[1] = n ? y / n : 0
    this.hairC[2] = n ? z / n : 0
  }

  /** Runs the per-vertex pass for the bound triangle's corners that have not had it in this draw. */
  private ensureCorners(): void {
    const lit = this.lit
    if (!lit[this.i0]) this.vertexPass(this.i0)
    if (!lit[this.i1]) this.vertexPass(this.i1)
    if (!lit[this.i2]) this.vertexPass(this.i2)
  }

  /** The per-vertex pass of vertex `v` (see perVertex). */
  private vertexPass(v: number): void {
    this.lit[v] = 1
    const mat = this.vmat[v]!
    if (mat === NONE) return
    const mesh = this.mesh!
    const P = mesh.positions
    const N = mesh.normals
    const ec = this.ec
    const kind = KIND[mat] ?? SURFACE.plain
    {
      const x = P[v * 3]!,
        y = P[v * 3 + 1]!,
        z = P[v * 3 + 2]!
      let wx = this.ex - x,
        wy = this.ey - y,
        wz = this.ez - z
      const wl = 1 / hypot3(wx, wy, wz)
      wx *= wl
      wy *= wl
      wz *= wl
      let nx = N[v * 3]!,
        ny = N[v * 3 + 1]!,
        nz = N[v * 3 + 2]!
      let ao = 1
      if (mat === MATERIAL.eyeball || mat === MATERIAL.cornea) {
        const e = x >= ec[6]! ? 0 : 3
        const dx = x - ec[e]!,
          dy = y - ec[e + 1]!,
          dz = z - ec[e + 2]!
        const r = hypot3(dx, dy, dz) || 1
        nx = dx / r
        ny = dy / r
        nz = dz / r
        this.eyeN[v * 3] = nx
        this.eyeN[v * 3 + 1] = ny
        this.eyeN[v * 3 + 2] = nz
        // The upper lid and lashes shade the top of the eyeball; the corners sit deep in the orbit.
        ao =
          (1 - 0.6 * smooth(-0.2, 0.55, ny)) *
          (1 - 0.45 * smooth(0.35, 0.8, Math.abs(nx))) *
          (1 - 0.2 * smooth(-0.45, -0.8, ny))
      }
      if (this.curly && mat === MATERIAL.hair) {
        // A ball of coils is lit as one round mass: the cards' own normals (each loose card facing its own way)
        // lit every card as a facet. A tenth of the card's normal, turned outward, keeps some unevenness.
        const h = this.hairC
        const dx = x - h[0]!,
          dy = y - h[1]!,
          dz = z - h[2]!
        const r = hypot3(dx, dy, dz) || 1
        this.facing[v] = Math.abs(nx * wx + ny * wy + nz * wz)
        const out = nx * dx + ny * dy + nz * dz < 0 ? -0.1 : 0.1
        nx = nx * out + (0.9 * dx) / r
        ny = ny * out + (0.9 * dy) / r
        nz = nz * out + (0.9 * dz) / r
        const l = hypot3(nx, ny, nz) || 1
        nx /= l
        ny /= l
        nz /= l
      }
      const s = lightVertex(nx, ny, nz, wx, wy, wz, kind, this.light, v * 3)
      this.light[v * 3] = this.light[v * 3]! * ao
      this.light[v * 3 + 1] = this.light[v * 3 + 1]! * ao
      this.light[v * 3 + 2] = this.light[v * 3 + 2]! * ao
      // Coils scatter light every way: an Afro has no sheen band (at the strands' sheen it read as a helmet).
      this.spec[v] = s * ao * (this.curly && mat === MATERIAL.hair ? CURL_SHEEN : 1)
      if (kind === SURFACE.hair) this.strandCoords(v, mat, this.rest, this.topo!)
    }
  }

  private strandCoords(v: number, mat: number, rest: Float32Array, topo: StrandTopology): void {
    const x = rest[v * 3]!,
      z = rest[v * 3 + 2]!
    if (mat === MATERIAL.hair || mat === MATERIAL.beard) {
      // Around a vertical axis through the head's centre: strands fall along meridians from the crown. Combed-back
      // cuts turn around a front-to-back axis instead, so their strands run from the hairline over the top and
      // back along the sides (around the vertical axis the sides showed vertical grain when the head turned).
      const c = this.restCentre
      const around = this.combedBack ? rest[v * 3 + 1]! - c[1] : z - c[2]
      this.across[v] = (Math.atan2(x - c[0], around) / (2 * Math.PI)) * HAIR_WRAPS
      const y = rest[v * 3 + 1]!
      if (mat === MATERIAL.beard) {
        // A beard shell ends where its style's density does (face space), not at its triangles' border.
        const o = this.faceOrigin
        this.along[v] = 1 - beardDensity(this.beardStyle, x - o[0], y - o[1], z - o[2])
        this.trim[v] = 0
      } else {
        this.along[v] = 1 - topo.border[v]!
        this.trim[v] = this.trimSideburns ? sideburnTrim(x, y, z) : 0
      }
    } else {
      // Brows and lashes: strip coordinates (s along the piece, t across it).
      this.across[v] = topo.s[v]!
      this.along[v] = topo.t[v]!
    }
  }

  /**
   * Rest-frame origin of face space (the skin bake's origin: the eyeball centres' midpoint): set before prepare().
   * The beard's density is read in face space, and the hair's meridians turn around HAIR_AXIS from it.
   */
  faceOrigin: readonly [number, number, number] = [0, 0, 0]
  /** Rest-frame point the hair's meridians turn around (faceOrigin + HAIR_AXIS, set by prepare). */
  private restCentre: [number, number, number] = [0, 0, 0]

  vertex(face: number, corner: number, out: Float32Array): void {
    const v = this.tris[face * 3 + corner]!
    if (corner === 0) {
      this.i0 = v
      this.mat = this.triMaterial[face]!
      this.inflated = this.mat === MATERIAL.hair || this.mat === MATERIAL.beard
      if (this.inflated) this.inflate(face)
    } else if (corner === 1) this.i1 = v
    else {
      this.i2 = v
      this.ensureCorners()
      if (KIND[this.mat] === SURFACE.hair) this.unwrap()
    }
    const c = this.inflated ? this.fat : this.clip
    const o = this.inflated ? corner * 4 : v * 4
    out[0] = c[o]!
    out[1] = c[o + 1]!
    out[2] = c[o + 2]!
    out[3] = c[o + 3]!
  }

  /** Unwraps the strand coordinate across the atan2 seam (per triangle, into fields: no allocation). */
  private unwrap(): void {
    const a = this.across
    this.a0 = a[this.i0]!
    this.a1 = a[this.i1]!
    this.a2 = a[this.i2]!
    const half = HAIR_WRAPS / 2
    if (this.a1 - this.a0 > half) this.a1 -= HAIR_WRAPS
    else if (this.a0 - this.a1 > half) this.a1 += HAIR_WRAPS
    if (this.a2 - this.a0 > half) this.a2 -= HAIR_WRAPS
    else if (this.a0 - this.a2 > half) this.a2 += HAIR_WRAPS
  }

  /** Every vertex's clip position (x, y, z, w), for projecting once per draw (IndexedShader). */
  get clip4(): Float32Array {
    return this.clip
  }

  /**
   * Sets triangle `face` up for fragment() as vertex() does (IndexedShader); false for hair and beard triangles,
   * whose corners are inflated per triangle (draw those with rasterize()).
   */
  bind(face: number): boolean {
    const I = this.tris
    const mat = this.triMaterial[face]!
    this.mat = mat
    this.inflated = false
    this.i0 = I[face * 3]!
    this.i1 = I[face * 3 + 1]!
    this.i2 = I[face * 3 + 2]!
    this.ensureCorners()
    if (KIND[mat] === SURFACE.hair) this.unwrap()
    // Hair and beard: set up for fragment() all the same (deferred shading binds them so), but drawn per triangle.
    return mat !== MATERIAL.hair && mat !== MATERIAL.beard
  }

  /**
   * fragment()'s alpha test alone, for the hair and beard triangles drawn per triangle (IndexedShader.covers):
   * their colour then depends only on the bound face and the barycentrics, so only the samples they finally win
   * are shaded (4 in 5 of their fragments are overdrawn by nearer hair or skin).
   */
  covers(bary: Float32Array): boolean {
    if (this.curly && this.mat === MATERIAL.hair)
      return this.curlTexel(bary[0]!, bary[1]!, bary[2]!, false) >= 0
    return this.strandTexel(bary[0]!, bary[1]!, bary[2]!) >= 0
  }

  /** The strand texel of a hair or beard fragment (its offset in the strand texture), or -1 where it is cut. */
  private strandTexel(b0: number, b1: number, b2: number): number {
    const i0 = this.i0,
      i1 = this.i1,
      i2 = this.i2
    const mat = this.mat
    const tex = this.tex!
    const across = b0 * this.a0 + b1 * this.a1 + b2 * this.a2
    let along = b0 * this.along[i0]! + b1 * this.along[i1]! + b2 * this.along[i2]!
    // A trimmed sideburn (sideburns.ts) ends in the strands' own tips: its trim counts as nearness to the border.
    const trim = b0 * this.trim[i0]! + b1 * this.trim[i1]! + b2 * this.trim[i2]!
    if (trim > along) along = trim
    let col = wrapStrand(Math.floor(across * STRAND_W))
    if (col < 0) col += STRAND_W
    const row = Math.min(STRAND_H - 1, Math.max(0, Math.floor(along * STRAND_H)))
    const o = (col + row * STRAND_W) * 2
    const st = mat === MATERIAL.beard ? tex.beard : tex.hair
    // Alpha test; a beard shell thins out as its density falls (a frayed edge, not the zigzag of its triangles),
    // and past a sideburn's frayed end nothing is left.
    const cut =
      mat === MATERIAL.beard ? 0.5 + 0.45 * smooth(0.35, 1, along) : 0.5 + smooth(0.8, 1, trim)
    return st[o + 1]! < cut ? -1 : o
  }

  /**
   * strandTexel for curly hair: coverage and shade from the solid coil and clump fields at the fragment's rest
   * position (curls.ts), so the pattern runs on across cards. The cap is dense (fraying only toward its hanging
   * border); each loose card draws a round puff of coils, its outline decided by the coils (its corners and
   * straight edges drew tiles and shards), and thins away seen edge-on (it drew a straight sliver). Returns 0 when
   * drawn, -1 where cut; with `shade`, the drawn texel's shade goes to curlShade (the alpha test alone, covers(),
   * runs for every hair sample and skips the finer coils, which only shade).
   */
  private curlTexel(b0: number, b1: number, b2: number, shade: boolean): number {
    const topo = this.topo!
    const tuft = topo.tuft[this.i0] === 1
    let cut: number
    if (tuft) {
      const s = b0 * topo.s[this.i0]! + b1 * topo.s[this.i1]! + b2 * topo.s[this.i2]! - 0.5
      const t = b0 * topo.t[this.i0]! + b1 * topo.t[this.i1]! + b2 * topo.t[this.i2]! - 0.5
      const F = this.facing
      const facing = b0 * F[this.i0]! + b1 * F[this.i1]! + b2 * F[this.i2]!
      cut = 0.3 + 0.7 * smooth(0.3, 0.5, Math.sqrt(s * s + t * t)) + 0.6 * smooth(0.6, 0.2, facing)
      // The fields take off less than 1 (clump < 1): past a card's round puff nothing is drawn.
      if (cut >= 1) return -1
    } else {
      cut =
        0.08 +
        0.4 * (b0 * this.along[this.i0]! + b1 * this.along[this.i1]! + b2 * this.along[this.i2]!)
    }
    const i0 = this.i0 * 3,
      i1 = this.i1 * 3,
      i2 = this.i2 * 3
    const R = this.rest
    const x = b0 * R[i0]! + b1 * R[i1]! + b2 * R[i2]!
    const y = b0 * R[i0 + 1]! + b1 * R[i1 + 1]! + b2 * R[i2 + 1]!
    const z = b0 * R[i0 + 2]! + b1 * R[i1 + 2]! + b2 * R[i2 + 2]!
    const k = coil(x, y, z)
    const c = clump(x, y, z)
    if (cut > (tuft ? 0.6 * k + 0.4 * c : 0.35 * k + 0.65 * c)) return -1
    if (shade) {
      // Crests catch the light; creases and the cap under the tufts lie in the mass's shade. Finer coils (at an
      // odd scale and offset, so the two sizes never line up) break up the crests.
      const kk = 0.7 * k + 0.3 * coil(x * 2.17 + 3.1, y * 2.17 + 1.7, z * 2.17 + 5.3)
      this.curlShade[0] = (0.35 + 0.85 * kk) * (0.8 + 0.4 * c) * (tuft ? 1 : 0.85)
    }
    return 0
  }

  /**
   * Opaque triangles (IndexedShader.opaque): skin, eyeballs, teeth, tongue and glasses frames never discard, and
   * their fragments depend only on the bound face and the barycentrics, so they may be shaded deferred.
   */
  opaque(face: number): boolean {
    return OPAQUE[this.triMaterial[face]!] === 1
  }

  /** How each material's triangles are drawn (IndexedShader.drawPaths). */
  readonly drawPaths = DRAW_PATHS

  /**
   * Hair cards and shells abut without sharing vertices, and the hairline cracks between them would show the
   * skin: each hair triangle is grown by about one sample (away from its centroid) before projection.
   */
  private inflate(face: number): void {
    const mesh = this.mesh!
    const P = mesh.positions
    const m = this.viewProj
    const ia = this.tris[face * 3]! * 3,
      ib = this.tris[face * 3 + 1]! * 3,
      ic = this.tris[face * 3 + 2]! * 3
    const cx = (P[ia]! + P[ib]! + P[ic]!) / 3,
      cy = (P[ia + 1]! + P[ib + 1]! + P[ic + 1]!) / 3,
      cz = (P[ia + 2]! + P[ib + 2]! + P[ic + 2]!) / 3
    const grow = this.sampleCm * 0.75
    const lift = this.mat === MATERIAL.hair ? HAIR_LIFT : 0
    for (let k = 0; k < 3; k++) {
      const q = k === 0 ? ia : k === 1 ? ib : ic
      let dx = P[q]! - cx,
        dy = P[q + 1]! - cy,
        dz = P[q + 2]! - cz
      const l = hypot3(dx, dy, dz)
      const f = l > 0 ? (l + grow) / l : 1
      dx = cx + dx * f
      dy = cy + dy * f
      dz = cz + dz * f
      if (lift) {
        // toward the eye along its own ray: the same pixel, nearer (see HAIR_LIFT)
        const ux = this.ex - dx,
          uy = this.ey - dy,
          uz = this.ez - dz
        const d = lift / (hypot3(ux, uy, uz) || 1)
        dx += ux * d
        dy += uy * d
        dz += uz * d
      }
      const o = k * 4
      this.fat[o] = m[0]! * dx + m[4]! * dy + m[8]! * dz + m[12]!
      this.fat[o + 1] = m[1]! * dx + m[5]! * dy + m[9]! * dz + m[13]!
      this.fat[o + 2] = m[2]! * dx + m[6]! * dy + m[10]! * dz + m[14]!
      this.fat[o + 3] = m[3]! * dx + m[7]! * dy + m[11]! * dz + m[15]!
    }
  }

  fragment(bary: Float32Array, out: Float32Array): boolean {
    const b0 = bary[0]!,
      b1 = bary[1]!,
      b2 = bary[2]!
    const i0 = this.i0,
      i1 = this.i1,
      i2 = this.i2
    const mat = this.mat
    if (mat === MATERIAL.cornea) return false // the eyeball draws the cornea's highlight itself
    const L = this.light
    const lr = b0 * L[i0 * 3]! + b1 * L[i1 * 3]! + b2 * L[i2 * 3]!
    const lg = b0 * L[i0 * 3 + 1]! + b1 * L[i1 * 3 + 1]! + b2 * L[i2 * 3 + 1]!
    const lb = b0 * L[i0 * 3 + 2]! + b1 * L[i1 * 3 + 2]! + b2 * L[i2 * 3 + 2]!
    const sp = b0 * this.spec[i0]! + b1 * this.spec[i1]! + b2 * this.spec[i2]!
    const tex = this.tex!
    const a = this.look!
    let r: number, g: number, bl: number, s: number
    // Texture coordinates: only the skin and the eyes read them (not computed for hair, the costliest overdraw).
    // Locals, not fields: a double stored in a field was boxed per fragment (~1.4 MB of garbage per render).
    let u = 0,
      v = 0
    if (mat === MATERIAL.skin || mat === MATERIAL.eyeball) {
      const uvs = this.mesh!.uvs
      u = b0 * uvs[i0 * 2]! + b1 * uvs[i1 * 2]! + b2 * uvs[i2 * 2]!
      v = b0 * uvs[i0 * 2 + 1]! + b1 * uvs[i1 * 2 + 1]! + b2 * uvs[i2 * 2 + 1]!
    }
    if (mat === MATERIAL.skin) {
      const fine = SKIN_FINE
      const inFine = u >= fine.u0 && u <= fine.u1 && v >= fine.v0 && v <= fine.v1
      if (this.bilinear) {
        if (inFine) sampleGrid(tex.skin.fineGrid, fine, u, v)
        else sampleGrid(tex.skin.coarseGrid, SKIN_COARSE, u, v)
      } else {
        // One call site (inlined: a call boxed u and v per fragment).
        nearestGrid(
          inFine ? tex.skin.fineGrid : tex.skin.coarseGrid,
          inFine ? fine : SKIN_COARSE,
          u,
          v,
          inFine,
          inFine && tex.skin.fineStep === 2
        )
      }
      r = sample[0]!
      g = sample[1]!
      bl = sample[2]!
      let pores = 1
      if (this.bilinear) {
        // Close up: pores and grain finer than the skin texture.
        pores =
          this.detail[
            (Math.floor(u * DETAIL_REPEAT) & (DETAIL - 1)) +
              (Math.floor(v * DETAIL_REPEAT) & (DETAIL - 1)) * DETAIL
          ]!
        r *= pores
        g *= pores
        bl *= pores
      }
      s = sp * SKIN_SPEC * sample[3]!
      if (this.skinBand) {
        // The pores go back on with the photo's detail: up close the skin keeps its grain.
        out[4] = sample[4]! * pores
        out[5] = sample[5]!
      }
    } else if (mat === MATERIAL.eyeball) {
      this.eyeAlbedo(u, v)
      r = sample[0]!
      g = sample[1]!
      bl = sample[2]!
      s = this.catchlight(b0, b1, b2)
    } else if (mat === MATERIAL.brow) {
      const ps = b0 * this.a0 + b1 * this.a1 + b2 * this.a2 // along the brow, 0 medial .. 1 lateral
      const pt = b0 * this.along[i0]! + b1 * this.along[i1]! + b2 * this.along[i2]! // across, -1 .. 1
      // Hairs lean: a brow's head points up; past it the hairs lie along the brow toward the tail, the lower
      // ones rising and the upper ones falling to meet along its middle (a herringbone; upright hairs all along
      // read as a comb). The strand index runs along the brow.
      // (In units of the 40 hairs the lean was shaped for, so finer hairs lean the same.)
      const q =
        (ps * 40 + pt * 0.9 * (1 - ps) + Math.abs(pt) * 6 * smooth(0.08, 0.45, ps)) *
        (BROW_STRANDS / 40)
      const per = STRAND_W / STRAND_STYLES.brow.count
      let col = wrapStrand(Math.floor(q * per))
      if (col < 0) col += STRAND_W
      const at = Math.abs(pt)
      const o = (col + Math.min(STRAND_H - 1, Math.floor(at * STRAND_H)) * STRAND_W) * 2
      // Thick medial head tapering to a thin tail; edges fray hair by hair.
      const inside = (1.0 - 0.5 * ps * ps - at) / 0.32
      const ends = smooth(0, 0.12, ps) * smooth(1, 0.82, ps)
      const cover = tex.brow[o + 1]!
      const body = inside * ends
      if (body < (0.3 + BROW_FRAY * (1 - cover)) * (1 - 0.45 * this.coarse)) return false
      // Irregular hairs: each its own offset and width, bending a little across the brow. Skin shows between
      // them all through, less in the core: in photos (Canada train set, 128-256 px faces) a brow reads as a soft
      // mass of tone whose hairs show at its border; hairs spaced evenly all through it read as a scribble, and a
      // closed core as a marker stroke at 512-1024 px. Small renders keep it fuller (hairs vanish between samples).
      const hq = q + 0.35 * (hash2(Math.floor(q * 0.5), 5, 31) - 0.5) * (1 + pt)
      const hid = Math.floor(hq)
      const fq = hq - hid - 0.5 + 0.3 * (hash2(hid, 6, 31) - 0.5) // across one hair
      const hw = BROW_GAP * (0.55 + 0.9 * hash2(hid, 7, 31))
      const core = smooth(0.55, 1.25, body)
      const full = Math.max(this.coarse, BROW_CORE * core)
      if (
        Math.abs(fq) >
        Math.min(1, hw + (1 - hw) * full) * 0.5 * (0.6 + 0.4 * Math.max(cover, core))
      )
        return false
      // Hair-to-hair tone (a brow is not one flat colour up close), denser and darker in its core.
      const shade = tex.brow[o]! * (0.82 + 0.3 * hash2(hid, 8, 31)) * (1 - 0.15 * core)
      r = this.browRgb[0]! * shade
      g = this.browRgb[1]! * shade
      bl = this.browRgb[2]! * shade
      // A faint sheen only: short hairs lying flat do not carry the scalp hair's sheen band (on black brows over
      // dark skin it read as grey brows).
      s = sp * HAIR_SPEC * 0.15
    } else if (mat === MATERIAL.lash) {
      if (!this.lash(b0, b1, b2)) return false
      r = this.lashRgb[0]!
      g = this.lashRgb[1]!
      bl = this.lashRgb[2]!
      s = sp * HAIR_SPEC * 0.3
    } else if (KIND[mat] === SURFACE.hair) {
      const curl = this.curly && mat === MATERIAL.hair
      const o = curl ? this.curlTexel(b0, b1, b2, true) : this.strandTexel(b0, b1, b2)
      if (o < 0) return false
      const st = mat === MATERIAL.beard ? tex.beard : tex.hair
      const c = mat === MATERIAL.beard ? a.beardColor : a.hairColor
      const k = mat === MATERIAL.beard ? this.beardContrast : this.hairContrast
      const shade = curl ? this.curlShade[0]! : STRAND_SHADE_MEAN + (st[o]! - STRAND_SHADE_MEAN) * k
      // The highlight takes some of the hair's colour (light passes through the fibre before reflecting).
      const hs = (sp * HAIR_SPEC * (0.5 + shade * 0.5)) / (Math.max(c[0], c[1], c[2]) + 0.02)
      out[0] = shoulder(c[0] * shade * lr + hs * (0.4 * c[0] + 0.6 * Math.max(c[0], c[1], c[2])))
      out[1] = shoulder(c[1] * shade * lg + hs * (0.4 * c[1] + 0.6 * Math.max(c[0], c[1], c[2])))
      out[2] = shoulder(c[2] * shade * lb + hs * (0.4 * c[2] + 0.6 * Math.max(c[0], c[1], c[2])))
      out[3] = 1
      return true
    } else if (mat === MATERIAL.teeth) {
      // Through lips that (nearly) meet the teeth lie in deep shadow: lit as in an open mouth they showed as a
      // row of light dots along the closed mouth's line.
      const lit = TEETH_SHUT + (1 - TEETH_SHUT) * smooth(0, 0.6, a.mouthOpen ?? 0)
      r = TEETH[0] * lit
      g = TEETH[1] * lit
      bl = TEETH[2] * lit
      s = sp * 0.2
    } else if (mat === MATERIAL.tongue) {
      r = TONGUE[0]
      g = TONGUE[1]
      bl = TONGUE[2]
      s = sp * 0.15
    } else if (mat === MATERIAL.glassesLens) {
      const tint = a.lensTint
      if (tint < 0.05 && sp < 0.35) return false // a clear lens only shows its glint
      // A tinted lens: dark glass (a little blue-green), a soft reflection of the key light.
      r = 0.012 * (1 - tint) + 0.004
      g = 0.014 * (1 - tint) + 0.005
      bl = 0.016 * (1 - tint) + 0.006
      s = sp * 0.25
    } else {
      r = FRAME[0]
      g = FRAME[1]
      bl = FRAME[2]
      s = sp * 0.5
    }
    out[0] = shoulder(r * lr + s)
    out[1] = shoulder(g * lg + s)
    out[2] = shoulder(bl * lb + s)
    out[3] = 1
    return true
  }

  /**
   * Lash coverage: a solid line at the lid margin, then separate thin lashes of random length (upper row), or
   * fewer, shorter ones (lower row, strip s in [2, 3]).
   */
  private lash(b0: number, b1: number, b2: number): boolean {
    let ps = b0 * this.a0 + b1 * this.a1 + b2 * this.a2
    const pt = b0 * this.along[this.i0]! + b1 * this.along[this.i1]! + b2 * this.along[this.i2]!
    const lower = ps > 1.5
    if (lower) ps -= 2
    const root = (pt + 1) / 2 // 0 at the lid margin .. 1 at the free edge
    // Women's lashes read darker and denser (most women in photos wear mascara, and FaceRes reads a strong lash
    // line as female: 102 London people, translator gender_agree 0.745 with fine lashes on everyone, 0.882 with
    // this): `dense` is 1 up to a gender of 0.4, 0 from 0.55 up.
    const dense = smooth(0.55, 0.4, this.look!.gender)
    // The line and the lashes thin out toward the outer corner (drawn full to the strip's end, they read as a
    // winged eyeliner on a man); full lashes (the style) keep their density further out.
    const full = this.look!.lashes ?? 0.3
    // Dense lashes thin out too, over a shorter end: drawn full to the strip's end they made black wings
    // past the eye's outer corner.
    const thin = LASH_TAPER * (1 - 0.4 * full) * (1 - 0.3 * dense) // share of the strip the line thins over
    const taper = thin > 0 ? smooth(1, 1 - thin, ps) : 1
    // A thin line at the lid margin (the lashes' roots), a little fuller in small renders so it does not vanish
    // between samples, and in full or dense lashes.
    // The upper line also grows in from the inner corner (it began there at full width, a square black end).
    const line = lower
      ? 0.06 + 0.04 * dense
      : ((0.22 + 0.2 * full + this.coarse * 0.14) * (1 - dense) +
          (DENSE_LASH_LINE + this.coarse * 0.35) * dense) *
        smooth(0.04, 0.04 + LASH_INNER_TAPER, ps)
    if (root < line * taper)
      return lower
        ? ps > 0.2 * (1 - dense) + 0.04 && ps < LOWER_LINE_END + 0.07 * dense
        : ps > 0.04 && ps < LINE_END
    // the fan: a lash's position along the strip moves outward with the square of its height
    const fan = ps - LASH_CURL * (ps - LASH_UPRIGHT) * root * root
    if (lower) {
      // Lower lashes are short, sparse and fine (drawn as strong as the upper ones on a man they read as stitches).
      const q = fan * LASH_STRANDS * (0.3 + 0.15 * dense)
      const id = Math.floor(q)
      const h = hash2(id, 1, 77)
      // Shorter still in small renders and on dense (women's) lashes: in photos the lower lash line is a faint
      // darker rim, and a row of dark ticks under the eye read as stitches at 128-256 px.
      const len =
        ((0.2 + 0.25 * h) * (1 - dense) + (0.3 + 0.25 * h) * dense) *
        taper *
        (1 - 0.4 * this.coarse) *
        (1 - (1 - MEN_LOWER_LASH_LENGTH) * (1 - dense)) *
        LOWER_LASH_LENGTH
      if (root > len || ps < 0.25 * (1 - dense)) return false
      return Math.abs(q - id - 0.5) < LOWER_LASH_TIP + LOWER_LASH_ROOT * (1 - root / len) ** 2
    }
    // Upper lashes: dense, fine and clumped (a soft fringe, not a comb of separate spikes).
    const q = fan * LASH_STRANDS * (1.6 - 0.6 * dense) * LASH_DENSITY
    const id = Math.floor(q)
    const h = hash2(id >> 1, 0, 77)
    const len =
      ((0.5 + 0.15 * full + 0.3 * h) * (1 - dense) + (0.65 + 0.35 * h) * dense) *
      (0.2 + 0.8 * taper) *
      LASH_LENGTH
    // None at the strip's very end: past the eye's outer corner the strip turns down, many fragments share s ~ 1
    // there, and short lashes packed into them drew a black stub (a wing) beyond the corner.
    if (root > len || ps > LASH_END) return false
    return Math.abs(q - id - 0.5) < LASH_TIP + LASH_ROOT * (1 - root / len) ** 2
  }

  /** Eye albedo at (u, v): the patch around the nearer iris centre, sclera outside it. */
  private eyeAlbedo(u: number, v: number): void {
    const c0 = IRIS_CENTERS[0]!,
      c1 = IRIS_CENTERS[1]!
    const d0 = (u - c0[0]) ** 2 + (v - c0[1]) ** 2
    const d1 = (u - c1[0]) ** 2 + (v - c1[1]) ** 2
    const c = d0 < d1 ? c0 : c1
    const du = u - c[0],
      dv = v - c[1]
    if (Math.abs(du) >= PATCH_HALF || Math.abs(dv) >= PATCH_HALF) {
      sample[0] = SCLERA[0]
      sample[1] = SCLERA[1]
      sample[2] = SCLERA[2]
      return
    }
    const x = ((du / PATCH_HALF + 1) / 2) * PATCH - 0.5
    const y = ((dv / PATCH_HALF + 1) / 2) * PATCH - 0.5
    const ix = Math.max(0, Math.min(PATCH - 2, Math.floor(x)))
    const iy = Math.max(0, Math.min(PATCH - 2, Math.floor(y)))
    const fx = Math.min(1, Math.max(0, x - ix)),
      fy = Math.min(1, Math.max(0, y - iy))
    const e = this.tex!.eye
    const o = (ix + iy * PATCH) * 3
    const q = o + PATCH * 3
    for (let k = 0; k < 3; k++) {
      const top = e[o + k]! + (e[o + 3 + k]! - e[o + k]!) * fx
      const bot = e[q + k]! + (e[q + 3 + k]! - e[q + k]!) * fx
      sample[k] = top + (bot - top) * fy
    }
  }

  /** The cornea's sharp reflection of the key light (per pixel, from the interpolated sphere normal). */
  private catchlight(b0: number, b1: number, b2: number): number {
    const n = this.eyeN
    const i0 = this.i0 * 3,
      i1 = this.i1 * 3,
      i2 = this.i2 * 3
    const nx = b0 * n[i0]! + b1 * n[i1]! + b2 * n[i2]!
    const ny = b0 * n[i0 + 1]! + b1 * n[i1 + 1]! + b2 * n[i2 + 1]!
    const nz = b0 * n[i0 + 2]! + b1 * n[i1 + 2]! + b2 * n[i2 + 2]!
    const l = hypot3(nx, ny, nz) || 1
    let h = Math.max(0, (nx * this.hx + ny * this.hy + nz * this.hz) / l)
    let soft = h
    for (let k = 0; k < 4; k++) soft *= soft // ^16: the cornea's broad sheen
    for (let k = 0; k < 9; k++) h *= h // ^512: the catchlight
    return 2.5 * h + 0.05 * soft
  }
}

/**
 * A soft shoulder above SHOULDER (linear light): values roll off toward 1 instead of clipping, so very light
 * skin in the key light keeps its colour instead of burning to white (and highlights keep a gradient).
 */
const SHOULDER = 0.7
const shoulder = (x: number) =>
  x <= SHOULDER ? x : SHOULDER + (x - SHOULDER) / (1 + (x - SHOULDER) / (1 - SHOULDER))

/**
 * f % STRAND_W for an integer-valued f (Math.floor's), without a floating-point modulo: STRAND_W is a power of
 * two, so f / STRAND_W, its truncation, the product and the difference are all exact (the same value, up to the
 * sign of a zero, which an index sum does not see).
 */
const wrapStrand = (f: number) =>
  // An int32 f (every real one) by its low bits: f mod STRAND_W already in [0, STRAND_W), the column the callers'
  // `col < 0 ? col + STRAND_W` would give (no division per hair fragment).
  (f | 0) === f ? f & (STRAND_W - 1) : f - Math.trunc(f / STRAND_W) * STRAND_W

/** No triangle uses this vertex. */
const NONE = 255

/** Share of the lash strip (from its outer end) over which the lash line and lashes thin out. */
const LASH_TAPER = 0.7

/** Share of the upper lash strip (from its inner end) over which the lash line grows to its width. */
const LASH_INNER_TAPER = 0.2

/**
 * The upper lash line's width (share of the strip's height, from the root) where lashes are dense (women's). Was
 * 0.4 while the strip's heights came from bins (look/topology.ts): the bins' errors hid how wide that is; drawn
 * right it was a band of eyeliner over the lid. 0.25: London translator FaceRes +0.0006, women's P(female) flat.
 */
const DENSE_LASH_LINE = 0.25

/**
 * Where the upper lashes end along their strip (s): the rest lies past the eye's outer corner, where the strip
 * folds down; lashes there stood alone, past the line's end, as specks and flat dashes beside a man's eye
 * (session 49; was 0.93).
 */
const LASH_END = 0.68
/**
 * Where the upper lash LINE ends (s): the strip's outer ~30% lies past the eye's outer corner (seen by colouring
 * fragments by s), where a full-strength line drew a black wing (0.72), and its last folded piece a black
 * triangle at the corner (session 49).
 */
const LINE_END = 0.66
/** Where the lower lash line ends (s; plus 0.07 on dense lashes): past it a dash lay under the corner (was 0.9). */
const LOWER_LINE_END = 0.75

/** Lash colour (near black, a touch warm). */
const LASH = [0.012, 0.01, 0.009] as const

const smooth = (e0: number, e1: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)))
  return t * t * (3 - 2 * t)
}

/** Facts of a mesh topology the per-vertex pass needs, cached by its (shared, read-only) index array. */
interface TopologyFacts {
  material: Uint8Array
  /** Each vertex's material (of one of its triangles; NONE when no triangle uses it). */
  vmat: Uint8Array
  /** The corners of the eyeball triangles, in triangle order. */
  eyeCorners: Uint32Array
}
const factsCache = new WeakMap<Uint32Array, TopologyFacts>()

function topologyFacts(mesh: HeadMesh): TopologyFacts {
  const hit = factsCache.get(mesh.indices)
  if (hit && hit.material === mesh.material && hit.vmat.length === mesh.vertexCount) return hit
  // A vertex never spans two materials, so the last triangle's material is every triangle's.
  // (Once per new combination of parts: typed arrays and hoisted loads, no growing array.)
  const I = mesh.indices,
    M = mesh.material,
    T = mesh.triangleCount
  const vmat = new Uint8Array(mesh.vertexCount).fill(NONE)
  let eyes = 0
  for (let t = 0; t < T; t++) {
    const m = M[t]!
    vmat[I[t * 3]!] = m
    vmat[I[t * 3 + 1]!] = m
    vmat[I[t * 3 + 2]!] = m
    if (m === MATERIAL.eyeball) eyes++
  }
  const eyeCorners = new Uint32Array(eyes * 3)
  for (let t = 0, j = 0; j < eyeCorners.length; t++)
    if (M[t] === MATERIAL.eyeball) {
      eyeCorners[j++] = I[t * 3]!
      eyeCorners[j++] = I[t * 3 + 1]!
      eyeCorners[j++] = I[t * 3 + 2]!
    }
  const facts = { material: mesh.material, vmat, eyeCorners }
  factsCache.set(mesh.indices, facts)
  return facts
}

/** Each vertex's material (see TopologyFacts). */
function vertexMaterials(mesh: HeadMesh): Uint8Array {
  return topologyFacts(mesh).vmat
}

const centres = new Float64Array(7)
/** Centres of the left (+x) eyeball [0..2] and right eyeball [3..5] (posed), and the x that splits them [6]. */
function eyeCentres(mesh: HeadMesh): Float64Array {
  const P = mesh.positions
  const corners = topologyFacts(mesh).eyeCorners
  // First pass: the midline between all eyeball vertices; second: the centre of each side.
  let sx = 0
  for (let i = 0; i < corners.length; i++) sx += P[corners[i]! * 3]!
  const n = corners.length
  const mid = n ? sx / n : 0
  centres.fill(0)
  let nl = 0,
    nr = 0
  for (let i = 0; i < corners.length; i++) {
    const v = corners[i]!
    const o = P[v * 3]! >= mid ? 0 : 3
    centres[o] = centres[o]! + P[v * 3]!
    centres[o + 1] = centres[o + 1]! + P[v * 3 + 1]!
    centres[o + 2] = centres[o + 2]! + P[v * 3 + 2]!
    if (o === 0) nl++
    else nr++
  }
  for (let k = 0; k < 3; k++) {
    centres[k] = nl ? centres[k]! / nl : 0
    centres[3 + k] = nr ? centres[3 + k]! / nr : 0
  }
  centres[6] = mid
  return centres
}
