/**
 * @module engine/v2/look/skin — the procedural skin texture in the base mesh's UV layout. Bake (once per mesh
 * topology): the rest position of every texel, through uv-bake, turned into the layers of skin-layers. Compose
 * (once per appearance, cached by the caller): tone, undertone, mottling, redness, blush, eye shadows, freckles and
 * age spots, wrinkles, stubble, lips and lipstick, cavities, and the character's skin detail (read from a photo:
 * shared/src/detail), into LINEAR RGB + a gloss channel.
 * Two grids: a fine one over the head's UV island and a coarse one over the whole layout (ears, neck, shoulders).
 */
import { bilinear, templatePoints, thinPlate } from '../../../detail/frame.ts'
import type { Appearance, HeadMesh, SkinDetailLayer } from '../mesh-types.ts'
import { MATERIAL } from '../mesh-types.ts'
import { LAYER, LAYER_COUNT, beardStyleMask, evalLayers } from './skin-layers.ts'
import { skinAlbedo } from './skin-tone.ts'
import { hash2 } from './noise.ts'
import { bakeUv, type UvGrid } from './uv-bake.ts'
import { skinConcavity } from './concavity.ts'
import { underBrow, underHair, type BrowCover, type HairCover } from './hair-cover.ts'

/**
 * The fine grid: the head island of the base mesh's layout (about 9 texels per cm on the face). The island's u runs
 * down the face, to the chin's underside at u 0.99. Until session 35 the grid stopped at u 0.93, just under the
 * lower lip: the chin took the coarse grid, without the photo's detail, and a character with detail showed a
 * straight seam across its chin.
 */
export const SKIN_FINE: UvGrid = {
  width: 336,
  height: 616,
  u0: 0.635,
  v0: 0.15,
  u1: 1,
  v1: 0.82,
}
/** The coarse grid: the whole layout. */
export const SKIN_COARSE: UvGrid = { width: 128, height: 128, u0: 0, v0: 0, u1: 1, v1: 1 }

/** Appearance-independent skin layers of one mesh topology. */
export interface SkinBake {
  fine: Uint8Array
  coarse: Uint8Array
  /** Face-space rest position of each texel (cm), 3 per texel, for style-dependent layers (hair cover). */
  finePos: Float32Array
  coarsePos: Float32Array
  /** Texels inside (1) or next to (2) a skin triangle; 0 elsewhere. */
  fineCovered: Uint8Array
  coarseCovered: Uint8Array
  /** Face-space origin (cm, rest frame): the midpoint of the eyeball centres. */
  origin: [number, number, number]
}

/**
 * A composed skin texture: LINEAR RGB + gloss per texel, for both grids. Texels may be composed on demand (a
 * render reads a few thousand of the ~180k): read a texel's storage index `s` only after `fineGrid.ensure(s)` /
 * `coarseGrid.ensure(s)`, or call `complete()` on both first (texturesFor does for its callers).
 */
export interface SkinTexture {
  fine: Float32Array
  coarse: Float32Array
  /**
   * 1, or 2 when only even texels of the fine grid were composed (small renders sample those alone): then `fine`
   * holds them compactly, texel (x, y) at index (x / 2 + y / 2 * width / 2) * 4.
   */
  fineStep: 1 | 2
  fineGrid: SkinGrid
  coarseGrid: SkinGrid
}

/** Rest positions of a mesh (its `rest` if the geometry provides one, else its positions). */
export function restOf(mesh: HeadMesh): Float32Array {
  return (mesh as HeadMesh & { rest?: Float32Array }).rest ?? mesh.positions
}

/** Midpoint of all eyeball vertices (the face-space origin); the rest frame's (0, 0, 0) if there are none. */
export function eyeMidpoint(mesh: HeadMesh, pos: Float32Array): [number, number, number] {
  let n = 0,
    x = 0,
    y = 0,
    z = 0
  for (let t = 0; t < mesh.triangleCount; t++) {
    if (mesh.material[t] !== MATERIAL.eyeball) continue
    for (let k = 0; k < 3; k++) {
      const v = mesh.indices[t * 3 + k]!
      x += pos[v * 3]!
      y += pos[v * 3 + 1]!
      z += pos[v * 3 + 2]!
      n++
    }
  }
  return n ? [x / n, y / n, z / n] : [0, 0, 0]
}

/** Bakes the skin layers of `mesh` (its skin triangles, rest positions, UVs). Tens of ms; cache it. */
export function bakeSkin(mesh: HeadMesh): SkinBake {
  const rest = restOf(mesh)
  const origin = eyeMidpoint(mesh, rest)
  const tris: number[] = []
  for (let t = 0; t < mesh.triangleCount; t++) if (mesh.material[t] === MATERIAL.skin) tris.push(t)
  // Per vertex: face-space position and concavity (ambient occlusion), interpolated across the UV layout.
  const ao = skinConcavity(mesh, rest)
  const attr = new Float32Array(mesh.vertexCount * 4)
  for (let v = 0; v < mesh.vertexCount; v++) {
    for (let k = 0; k < 3; k++) attr[v * 4 + k] = rest[v * 3 + k]! - origin[k]!
    attr[v * 4 + 3] = ao[v]!
  }
  const layers = (grid: UvGrid) => {
    const { values, covered } = bakeUv(grid, mesh.uvs, mesh.indices, tris, attr, 4)
    const n = grid.width * grid.height
    const out = new Uint8Array(n * LAYER_COUNT)
    const pos = new Float32Array(n * 3)
    for (let i = 0; i < n; i++) {
      const o = i * LAYER_COUNT
      evalLayers(values[i * 4]!, values[i * 4 + 1]!, values[i * 4 + 2]!, out, o)
      out[o + LAYER.occlusion] = Math.round(Math.min(1, Math.max(0, values[i * 4 + 3]!)) * 255)
      for (let k = 0; k < 3; k++) pos[i * 3 + k] = values[i * 4 + k]!
    }
    return { out, pos, covered }
  }
  const fine = layers(SKIN_FINE)
  const coarse = layers(SKIN_COARSE)
  return {
    fine: fine.out,
    coarse: coarse.out,
    finePos: fine.pos,
    coarsePos: coarse.pos,
    fineCovered: fine.covered,
    coarseCovered: coarse.covered,
    origin,
  }
}

/**
 * Amount of painted facial hair per style (0-1) inside the style's region (beardStyleMask). Stubble is only paint;
 * the other styles are shells drawn by the geometry, so their paint is the dense short hair at the roots that
 * keeps skin from showing between the shell's strands. Unknown styles paint like a full beard.
 */
const BEARD_PAINT: Record<string, number> = {
  none: 0,
  stubble: 0.42,
  moustache: 0.55,
  goatee: 0.55,
  'chin-strap': 0.5,
  'full-beard': 0.55,
}

const base = new Float32Array(3)
/** Seed of the stubble's hair dots. */
const STUBBLE_SEED = 0x5b

/**
 * Composes the skin texture of an appearance from a bake and the covers of its hair and facial hair (hair first).
 * `lazy`: texels are composed when first read (see SkinTexture); else all now (a few ms, about 170k texels).
 */
export function composeSkin(
  bake: SkinBake,
  a: Appearance,
  covers: HairCover[],
  fineStep: 1 | 2 = 1,
  lazy = false,
  /** A texture nobody reads any more (evicted from a cache), whose buffers the new one may take over. */
  recycle: SkinTexture | null = null,
  /** The brows' cover (painted under and around them in their colour), or null. */
  brow: BrowCover | null = null
): SkinTexture {
  skinAlbedo(a.skinTone, a.undertone, base)
  const style = a.beardStyle ?? 'none'
  const layers = covers.map((c) => coverLayers(bake, c))
  const pick = (i: number, grid: 'fine' | 'coarse') => layers[i]?.[grid] ?? null
  const brows = brow ? browLayers(bake, brow) : null
  const fineGrid = new SkinGrid(
    bake.fine,
    bake.fineCovered,
    a,
    beardRegion(bake, style, 'fine'),
    pick(0, 'fine'),
    pick(1, 'fine'),
    fineStep === 2 ? SKIN_FINE.width : 0,
    recycle?.fineGrid ?? null,
    brows?.fine ?? null,
    a.detail
      ? {
          image: a.detail.image,
          size: a.detail.size,
          at: detailCoords(bake, a.detail),
          // the fade is computed (once per bake, ~0.1 s) only when a view first turns
          fade: (a.detail.turn ?? 0) > 0 ? detailFade(bake) : null,
          turn: a.detail.turn ?? 0,
          support: a.detail.support ?? null,
        }
      : null
  )
  const coarseGrid = new SkinGrid(
    bake.coarse,
    bake.coarseCovered,
    a,
    beardRegion(bake, style, 'coarse'),
    pick(0, 'coarse'),
    pick(1, 'coarse'),
    0,
    recycle?.coarseGrid ?? null,
    brows?.coarse ?? null
  )
  if (!lazy) {
    fineGrid.complete()
    coarseGrid.complete()
  }
  return { fine: fineGrid.data, coarse: coarseGrid.data, fineStep, fineGrid, coarseGrid }
}

const detailCache = new WeakMap<SkinBake, Map<string, Float32Array>>()

/**
 * Where each fine texel reads a skin-detail image (its x, y in the image's pixels; far outside for texels off the
 * skin): the texel's place on the NEUTRAL head mapped into the shape-free frame by the thin-plate spline that takes
 * the neutral head's 68 landmarks (seen from the front) onto the template's. The texture follows every morph from
 * there, so detail read at a photo's features lands on the character's. Cached per bake, rest points and size.
 */
function detailCoords(bake: SkinBake, detail: SkinDetailLayer): Float32Array {
  let m = detailCache.get(bake)
  if (!m) detailCache.set(bake, (m = new Map()))
  const key = `${detail.size}:${Array.from(detail.rest.subarray(0, 4), (v) => v.toFixed(4)).join(',')}`
  let at = m.get(key)
  if (!at) {
    const [ox, oy] = bake.origin
    const src = detail.rest.map((v, i) => v - (i & 1 ? oy : ox))
    const toFrame = thinPlate(src, templatePoints())
    const n = bake.fineCovered.length
    at = new Float32Array(n * 2).fill(-10)
    for (let i = 0; i < n; i++) {
      if (!bake.fineCovered[i]) continue
      const [u, v] = toFrame(bake.finePos[i * 3]!, bake.finePos[i * 3 + 1]!)
      at[i * 2] = u * detail.size - 0.5
      at[i * 2 + 1] = v * detail.size - 0.5
    }
    m.set(key, at)
  }
  return at
}

/**
 * Where a photo's skin detail is drawn in full and where it fades out, by how squarely the neutral head's skin faces
 * the front camera: its frontality, |d(x, y)| / |d(x, y, z)| between fine texels `stencil` apart along the lesser of
 * the grid's two directions (1 facing the camera, 0 edge-on), box-smoothed over `smooth` texels each way (the
 * triangles' facets otherwise show as blocks). Detail is drawn in full from `full` up, not at all from `none` down,
 * smoothstep between. Why: a front photo sees the face's sides edge-on, and its few pixels there (the cheek's turn,
 * the backdrop's edge) were warped across the whole side of the head: every character with detail, turned in the
 * editor, wore dark or light streaks from ear to jaw (docs/engine.md "Detail where the photo saw the skin"). The fade
 * comes in as the view turns (engine/v2/detail-turn); a front render draws all of the detail, as the photo showed it.
 */
export const DETAIL_FRONT = Object.freeze({ none: 0.2, full: 0.45, stencil: 4, smooth: 4 })

const fadeCache = new WeakMap<SkinBake, Float32Array>()

/** How much of a photo's detail each fine texel draws (0..1, DETAIL_FRONT; 1 off the skin). Cached per bake. */
export function detailFade(bake: SkinBake): Float32Array {
  let fade = fadeCache.get(bake)
  if (fade) return fade
  const { none, full, stencil: R, smooth: B } = DETAIL_FRONT
  const W = SKIN_FINE.width
  const covered = bake.fineCovered
  const n = covered.length
  const P = bake.finePos
  const rowOf = (k: number) => Math.floor(k / W)
  const front = new Float32Array(n).fill(1)
  const steps = [R, -R, R * W, -R * W]
  for (let k = 0; k < n; k++) {
    if (!covered[k]) continue
    for (const step of steps) {
      const j = k + step
      // a neighbour on the skin, in the same row for steps along u (rows do not wrap)
      if (j < 0 || j >= n || !covered[j] || (Math.abs(j - k) === R && rowOf(j) !== rowOf(k)))
        continue
      const dx = P[j * 3]! - P[k * 3]!
      const dy = P[j * 3 + 1]! - P[k * 3 + 1]!
      const l3 = Math.hypot(dx, dy, P[j * 3 + 2]! - P[k * 3 + 2]!)
      // a step of R texels is about R / 9 cm on the face (9 texels a cm); one longer than R / 2 cm crossed a seam
      // of the layout to a far part of the head: not a step along the surface
      if (l3 > 0 && l3 < R * 0.5) front[k] = Math.min(front[k]!, Math.hypot(dx, dy) / l3)
    }
  }
  // box-smoothed along u, then along v, over the skin's texels
  for (const step of [1, W]) {
    const from = front.slice()
    for (let k = 0; k < n; k++) {
      if (!covered[k]) continue
      let [sum, count] = [0, 0]
      for (let t = -B; t <= B; t++) {
        const j = k + t * step
        if (j < 0 || j >= n || !covered[j] || (step === 1 && rowOf(j) !== rowOf(k))) continue
        sum += from[j]!
        count++
      }
      front[k] = sum / count
    }
  }
  fade = front.map((f) => {
    const t = Math.min(1, Math.max(0, (f - none) / (full - none)))
    return t * t * (3 - 2 * t)
  })
  fadeCache.set(bake, fade)
  return fade
}

const regions = new WeakMap<SkinBake, Map<string, Uint8Array>>()

/** Per texel (bytes): the part of the beard region a facial-hair style covers (cached per bake and style). */
function beardRegion(bake: SkinBake, style: string, grid: 'fine' | 'coarse'): Uint8Array {
  let m = regions.get(bake)
  if (!m) regions.set(bake, (m = new Map()))
  const key = `${grid}:${style}`
  let r = m.get(key)
  if (!r) {
    const pos = grid === 'fine' ? bake.finePos : bake.coarsePos
    const layers = grid === 'fine' ? bake.fine : bake.coarse
    r = new Uint8Array(pos.length / 3)
    for (let i = 0; i < r.length; i++) {
      if (!layers[i * LAYER_COUNT + LAYER.beard]) continue
      r[i] = Math.round(beardStyleMask(style, pos[i * 3]!, pos[i * 3 + 1]!, pos[i * 3 + 2]!) * 255)
    }
    m.set(key, r)
  }
  return r
}

const coverCache = new WeakMap<
  HairCover,
  { bake: SkinBake; fine: Uint8Array; coarse: Uint8Array }
>()

/** Per texel (2 bytes): hair paint and hair shadow from a hair cover (cached per cover and bake). */
function coverLayers(bake: SkinBake, cover: HairCover): { fine: Uint8Array; coarse: Uint8Array } {
  const hit = coverCache.get(cover)
  if (hit && hit.bake === bake) return hit
  const one = (pos: Float32Array) => {
    const out = new Uint8Array((pos.length / 3) * 2)
    for (let i = 0; i < pos.length / 3; i++) {
      underHair(cover, pos[i * 3]!, pos[i * 3 + 1]!, pos[i * 3 + 2]!, under)
      out[i * 2] = Math.round(under[0]! * 255)
      out[i * 2 + 1] = Math.round(under[1]! * 255)
    }
    return out
  }
  const entry = { bake, fine: one(bake.finePos), coarse: one(bake.coarsePos) }
  coverCache.set(cover, entry)
  return entry
}

const under = new Float32Array(2)

const browCache = new WeakMap<BrowCover, { bake: SkinBake; fine: Uint8Array; coarse: Uint8Array }>()

/** Per texel (1 byte): brow paint from a brow cover (cached per cover and bake). */
function browLayers(bake: SkinBake, brow: BrowCover): { fine: Uint8Array; coarse: Uint8Array } {
  const hit = browCache.get(brow)
  if (hit && hit.bake === bake) return hit
  const one = (pos: Float32Array) => {
    const out = new Uint8Array(pos.length / 3)
    for (let i = 0; i < out.length; i++)
      out[i] = Math.round(underBrow(brow, pos[i * 3]!, pos[i * 3 + 1]!, pos[i * 3 + 2]!) * 255)
    return out
  }
  const entry = { bake, fine: one(bake.finePos), coarse: one(bake.coarsePos) }
  browCache.set(brow, entry)
  return entry
}

/** Years from MakeHuman's age scale (0 -> 1, 0.1875 -> 11, 0.5 -> 25, 1 -> 90). */
export function ageYears(age: number): number {
  return age < 0.5 ? 1 + (age / 0.5) * 24 : 25 + ((age - 0.5) / 0.5) * 65
}

/**
 * One skin grid of an appearance: its texel values (`data`, LINEAR RGB + gloss, 4 per stored texel) composed all
 * at once (`complete`) or texel by texel on first read (`ensure`); the same values either way.
 */
export class SkinGrid {
  /** Composed texels, 4 floats per stored texel. */
  readonly data: Float32Array
  /**
   * With skin detail: per stored texel, the factor the detail put on its luminance and how much the photo's skin
   * stands there (its support, faded as the view turns), 2 floats; null without detail. The head shader passes
   * them on for engine/v2/skin-band.
   */
  readonly band: Float32Array | null
  /** Per stored texel: composed yet (null once every texel is). */
  private done: Uint8Array | null
  /** The `done` array (kept for recycling once `done` is null). */
  private readonly doneBuffer: Uint8Array
  private readonly halfW: number
  // Per-appearance constants of the composition (see compose).
  private readonly age: number
  private readonly light: number
  private readonly red: number
  private readonly blush: number
  private readonly crease: number
  private readonly beard: number
  private readonly shadow: number
  /** Share of the brow colour painted under and around the brows. */
  private readonly browPaint: number
  private readonly freckle: number
  private readonly spots: number
  private readonly stick: number
  private readonly bc: LinearRgbTriple
  private readonly hc: LinearRgbTriple
  private readonly brc: LinearRgbTriple
  private readonly buzz: boolean
  private readonly scalpPaint: number
  private readonly lipR: number
  private readonly lipG: number
  private readonly lipB: number
  private readonly b0: number
  private readonly b1: number
  private readonly b2: number

  constructor(
    private readonly layers: Uint8Array,
    private readonly covered: Uint8Array,
    a: Appearance,
    private readonly regionOf: Uint8Array,
    private readonly hairOf: Uint8Array | null,
    private readonly beardOf: Uint8Array | null,
    /** Grid width when only even texels are wanted (0: all). */
    private readonly evenOf = 0,
    /** A grid nobody reads any more, whose buffers this one may take over. */
    recycle: SkinGrid | null = null,
    /** Brow paint per texel (1 byte), or null. */
    private readonly browOf: Uint8Array | null = null,
    /** Skin detail: its image (size x size), where each grid texel reads it (detailCoords), how much of it each
     * texel draws when turned (detailFade) and how far the view has turned (SkinDetailLayer.turn), or null. */
    private readonly detail: {
      image: Float32Array
      size: number
      at: Float32Array
      fade: Float32Array | null
      turn: number
      support: Float32Array | null
    } | null = null
  ) {
    const n = layers.length / LAYER_COUNT
    // Even texels only: stored compactly (texel (x, y), both even, at (x / 2 + y / 2 * evenOf / 2)).
    const size = evenOf ? n >> 2 : n
    // A recycled grid's buffers (same size) are reused: every texel is composed again before it is read.
    this.data = recycle?.data.length === size * 4 ? recycle.data : new Float32Array(size * 4)
    this.doneBuffer =
      recycle?.doneBuffer.length === size ? recycle.doneBuffer.fill(0) : new Uint8Array(size)
    this.done = this.doneBuffer
    this.band =
      detail === null
        ? null
        : recycle?.band?.length === size * 2
          ? recycle.band
          : new Float32Array(size * 2)
    this.halfW = evenOf >> 1
    const years = ageYears(a.age)
    const age = Math.min(1, Math.max(0, (years - 28) / 50)) // 0 until the late twenties, 1 at ~78
    const light = Math.min(1, Math.max(0, a.skinTone)) // redness and freckles show more on light skin
    this.age = age
    this.light = light
    this.red = 0.18 + 0.3 * light
    this.blush = 0.12 + 0.35 * a.blush
    this.crease = 0.08 + 0.5 * age // a faint expression line even when young
    const beardStyle = a.beardStyle ?? 'none'
    this.beard = BEARD_PAINT[beardStyle] ?? 0.55
    // Men's brows are fuller and lower-set (a soft band of brow tone around the hairs); women's are finer and
    // read as separate hairs. The band on every woman cut FaceRes's female read of women's renders from 21% to 7%.
    this.browPaint = BROW_PAINT * Math.min(1, Math.max(0, a.gender))
    this.shadow = beardStyle === 'none' ? 0.12 * Math.max(0, a.gender - 0.5) * 2 : 0 // a shaved man's shadow
    this.freckle = a.freckles * (0.4 + 0.6 * light)
    this.spots = age * 0.6
    const stick = Math.min(1, Math.max(0, a.lipstick))
    this.stick = stick
    const [lr, lg, lb] = a.lipColor
    const [sr, sg, sb] = a.lipstickColor
    this.bc = a.beardColor
    this.hc = a.hairColor
    this.brc = a.browColor
    // The scalp under hair is painted in the hair's colour (gaps between strands read as depth, not skin);
    // a buzz cut is only this paint, nearly opaque: hairs a few millimetres long hide the scalp, and their grain is
    // their own shade (below). Painted 0.5-0.7 of the way over the skin, a dark-haired buzz read as a light-brown cap
    // (docs/engine.md "The buzz cut in the hair's colour").
    const style = a.hairStyle ?? 'bald'
    this.buzz = style === 'buzz'
    this.scalpPaint = style === 'bald' || style === 'none' ? 0 : this.buzz ? 0.97 : 0.6
    this.b0 = base[0]!
    this.b1 = base[1]!
    this.b2 = base[2]!
    // Natural lips: the skin darkened and reddened by the blood under the thin vermilion (in photos lips read
    // redder than the skin at about its luminance or a little below, not paler), with the lip colour's own hue
    // at the skin-matched lightness. Darker skin: a muted, darker mauve-brown (the tint alone made a red smear).
    const lb0 = luminance3(base[0]!, base[1]!, base[2]!)
    const fr = base[0]! * (0.86 + 0.04 * light)
    const fg = base[1]! * (0.78 - 0.12 * light)
    const fb = base[2]! * (0.82 - 0.08 * light)
    const tintScale = (0.8 * lb0) / Math.max(1e-4, luminance3(lr, lg, lb))
    const hue = 0.15 + 0.2 * light // how much of the lip colour's own hue shows
    const mr = fr + (lr * tintScale - fr) * hue
    const mg = fg + (lg * tintScale - fg) * hue
    const mb = fb + (lb * tintScale - fb) * hue
    // Lip colour: natural lips (the skin flushed toward the lip tint; darker skin, darker lips), under lipstick.
    this.lipR = mr + (sr - mr) * stick
    this.lipG = mg + (sg - mg) * stick
    this.lipB = mb + (sb - mb) * stick
  }

  /** Makes stored texel `s` ready to read. */
  ensure(s: number): void {
    const done = this.done
    if (done !== null && done[s] === 0) {
      done[s] = 1
      this.compose(s)
    }
  }

  /** Composes every texel not composed yet. */
  complete(): void {
    const done = this.done
    if (done === null) return
    for (let s = 0; s < done.length; s++) if (done[s] === 0) this.compose(s)
    this.done = null
  }

  /** Composes stored texel `s` (the grid texel it stands for: itself, or an even one when compact). */
  private compose(s: number): void {
    const o4 = s * 4
    const i = this.evenOf ? (s % this.halfW) * 2 + ((s / this.halfW) | 0) * 2 * this.evenOf : s
    const out = this.data
    const layers = this.layers
    const k = 1 / 255
    if (!this.covered[i]) {
      // Outside every skin triangle (never sampled but by a filter's edge): the plain tone.
      out[o4] = this.b0
      out[o4 + 1] = this.b1
      out[o4 + 2] = this.b2
      out[o4 + 3] = 0.35
      if (this.band !== null) {
        this.band[s * 2] = 1
        this.band[s * 2 + 1] = 0
      }
      return
    }
    const age = this.age
    const beard = this.beard
    const stick = this.stick
    const bc = this.bc
    const hc = this.hc
    const hairOf = this.hairOf
    const beardOf = this.beardOf
    const o = i * LAYER_COUNT
    const mottle = (layers[o + LAYER.mottle]! * k - 0.5) * 2
    const poreL = layers[o + LAYER.pore]! * k
    const pore = (poreL - 0.5) * 2
    const lips = layers[o + LAYER.lips]! * k
    const beardL = layers[o + LAYER.beard]! * k
    // Uneven tone grows with age; older skin is a little duller and more sallow.
    const m = mottle * (1 + 0.9 * age)
    let r = this.b0 * (1 + 0.07 * m + 0.035 * pore) * (1 - 0.05 * age)
    let g = this.b1 * (1 + 0.05 * m + 0.035 * pore) * (1 - 0.06 * age)
    let b = this.b2 * (1 + 0.04 * m + 0.035 * pore) * (1 - 0.1 * age)
    // Redness (thin skin over blood: nose, cheeks, ears) and the cheek blush.
    let t = layers[o + LAYER.red]! * k * this.red + layers[o + LAYER.cheek]! * k * this.blush
    r *= 1 + 0.12 * t
    g *= 1 - 0.22 * t
    b *= 1 - 0.2 * t
    // Around the eyes: darker and a little cooler (thin skin, shadows of the orbit), more with age.
    t = layers[o + LAYER.eyes]! * k * (EYE_SHADE + 0.14 * age)
    r *= 1 - t
    g *= 1 - t * 1.1
    b *= 1 - t * 0.85
    // Freckles and age spots: darker, browner dots from the cell field.
    const sp = layers[o + LAYER.spot]! * k
    t =
      this.freckle * smoothstep01(0.72, 0.9, sp) * 0.4 +
      this.spots * smoothstep01(0.85, 0.95, sp) * 0.35
    r *= 1 - 0.3 * t // tan, not grey: freckles are pigment
    g *= 1 - 0.5 * t
    b *= 1 - 0.7 * t
    t = lips * LIP_AMOUNT
    r += (this.lipR - r) * t
    g += (this.lipG - g) * t
    b += (this.lipB - b) * t
    // Facial hair: the style's region, hair dots (the pore field's highs) on a softer shadow; and a shaved
    // man's shadow.
    // The even part is the roots' shadow: it only darkens (toward a light beard's colour it washed the whole
    // region grey, and over dark skin grey stubble read as grey scales); the dots are the hairs themselves.
    const region = beard > 0 ? this.regionOf[i]! * k : 0
    t = beardL * (beard * region * 0.45 + this.shadow)
    r += (Math.min(r, bc[0] * 0.8) - r) * t
    g += (Math.min(g, bc[1] * 0.8) - g) * t
    b += (Math.min(b, bc[2] * 0.85) - b) * t
    // One hair in a few texels (~1 mm apart, as stubble grows): a per-texel hash, not the pore field, whose
    // cells (3-4 mm) drew grey stubble on dark skin as scales (and, weighting the dots, still clumped them). A
    // short hair lighter than the skin (grey stubble on dark skin) shows as a fainter fleck than a dark one.
    t =
      beardL *
      beard *
      region *
      (bc[1] * 0.8 > g ? 0.18 : 0.35) *
      smoothstep01(0.5, 0.9, hash2(i, 0, STUBBLE_SEED))
    r += (bc[0] * 0.8 - r) * t
    g += (bc[1] * 0.8 - g) * t
    b += (bc[2] * 0.85 - b) * t
    t = layers[o + LAYER.scalp]! * k * this.scalpPaint
    // a buzz cut's grain: the short hairs' own shade varies (lit tips, shadowed roots) from texel to texel
    const tone = this.buzz ? 0.45 + 0.5 * poreL : 0.7
    r += (hc[0] * tone - r) * t
    g += (hc[1] * tone - g) * t
    b += (hc[2] * tone - b) * t
    // Under the hair: painted in its colour where dense (gaps between cards), and its soft shadow.
    let shade = 1
    if (hairOf) {
      t = hairOf[i * 2]! * k
      r += (hc[0] * 0.45 - r) * t
      g += (hc[1] * 0.45 - g) * t
      b += (hc[2] * 0.45 - b) * t
      // Under facial hair: its own colour, less deep (the scalp's dark paint under a beard's gaps read as black
      // blobs around a moustache or goatee), and a lighter shadow (short hair close to the skin).
      if (beardOf) {
        t = beardOf[i * 2]! * k
        r += (bc[0] * 0.7 - r) * t
        g += (bc[1] * 0.7 - g) * t
        b += (bc[2] * 0.7 - b) * t
      }
      shade = 1 - Math.max(0.45 * hairOf[i * 2 + 1]!, beardOf ? 0.25 * beardOf[i * 2 + 1]! : 0) * k
    }
    // Under and around the brows: the skin between their hairs, darkened toward the brow colour.
    if (this.browOf) {
      t = this.browOf[i]! * k * this.browPaint
      const c = this.brc
      r += (c[0] * 0.8 - r) * t
      g += (c[1] * 0.8 - g) * t
      b += (c[2] * 0.8 - b) * t
    }
    // Wrinkles, cavities and occlusion darken (painted shadows: the mesh is too coarse to carry them); the
    // vermilion border reads a little darker (a natural lip line).
    const dk =
      shade *
      (1 -
        Math.min(
          0.8,
          layers[o + LAYER.crease]! * k * this.crease * 0.55 + layers[o + LAYER.cavity]! * k * 0.45
        )) *
      (1 - OCCLUSION * layers[o + LAYER.occlusion]! * k) *
      (1 - 0.25 * lips * (1 - lips) * (1 - stick * 0.5))
    r *= dk
    g *= dk
    b *= dk
    const detail = this.detail
    if (detail !== null) {
      // The photo's detail was a difference of sRGB luminance at the photo's exposure: applied as the difference
      // each sRGB channel shows in photos for it (DETAIL_CHROMA), at the lightness this texel will be seen at (its
      // albedo's under the studio light, DETAIL_LIGHT), as a factor on each linear channel (light falls on it as
      // on the skin).
      const x = detail.at[i * 2]!,
        y = detail.at[i * 2 + 1]!
      const reach = detail.fade !== null ? 1 - detail.turn * (1 - detail.fade[i]!) : 1
      const d = bilinear(detail.image, detail.size, x, y) * reach
      let gain = 1
      if (d !== 0) {
        const before = luminance3(r, g, b)
        r *= detailFactor(r, DETAIL_CHROMA[0] * d)
        g *= detailFactor(g, DETAIL_CHROMA[1] * d)
        b *= detailFactor(b, DETAIL_CHROMA[2] * d)
        if (before > 0) gain = luminance3(r, g, b) / before
      }
      const band = this.band!
      band[s * 2] = gain
      // The lips keep their own edge: the detail is read on the skin and nose, not on the lips (detail/spec).
      band[s * 2 + 1] = detail.support
        ? bilinear(detail.support, detail.size, x, y) * reach * (1 - smoothstep01(0, 0.5, lips))
        : 0
    }
    out[o4] = r
    out[o4 + 1] = g
    out[o4 + 2] = b
    // Gloss: oily T-zone, lips (glossier with lipstick), matte under facial hair.
    out[o4 + 3] =
      0.35 +
      0.5 * layers[o + LAYER.oil]! * k +
      lips * (0.5 + 0.8 * stick) -
      0.3 * beardL * beard * region
  }
}

/**
 * How light a front render shows the face's skin, against its albedo (sRGB lightness, lit / albedo): the studio
 * lights (look/lights.ts) leave a front face darker than its albedo, so a detail difference applied at the albedo's
 * lightness came out at this share of its contrast. Measured by cli/scripts/detail-roundtrip.ts (40 London
 * characters, the render's luminance difference with and without detail against the detail asked for, placed by
 * the engine's own points): 0.615 median (p10 0.55; by the London labels white 0.61, east Asian 0.62, west Asian
 * 0.64, black 0.73), correlation 0.85. With it the same script measures 0.98 (p10 0.90). Before session 32 the
 * engine drew detail at the albedo's lightness (this was 1): London's characters carried their photo's detail at
 * 62% of its contrast, and at full contrast FaceRes finds them better (docs/likeness.md, "Session 32").
 */
export const DETAIL_LIGHT = 0.62

/**
 * The change of each sRGB channel (R, G, B) with one unit of the photo's luminance detail, on faces in photos: the
 * slopes of each channel's band-pass on the luminance's over the skin of 106 train photos (every 8th; fine band
 * 1.036, 0.996, 0.924; mid band 1.074, 0.982, 0.898; this is their mean). Their luminance-weighted sum is 1. A
 * shade falling on a surface would change each channel in proportion to its value (R 1.22, G 0.93, B 0.81 at the
 * photos' mean skin colour): skin's folds and hollows stay redder than that, as light scattered under the skin
 * comes out red. Until session 35 the engine darkened all three channels by one factor, and its creases read grey
 * on light skin.
 */
export const DETAIL_CHROMA: readonly [number, number, number] = [1.055, 0.989, 0.911]

/** Relative luminance of linear RGB. */
const luminance3 = (r: number, g: number, b: number) => 0.2126 * r + 0.7152 * g + 0.0722 * b

/**
 * The factor on a linear channel `c` that changes it by `delta` in sRGB units (0-255) at the lightness the studio
 * light shows it at (DETAIL_LIGHT); kept within [0.05 ^ 2.2, 4].
 */
function detailFactor(c: number, delta: number): number {
  const s = 255 * DETAIL_LIGHT * Math.pow(Math.max(1e-6, c), 1 / 2.2)
  return Math.min(4, Math.pow(Math.max(0.05, (s + delta) / s), 2.2))
}

/** How much of the brow colour the skin under the brows takes at most (a man's; scaled by the gender macro). */
const BROW_PAINT = 0.6

/**
 * Darkening of the eye surround at any age (the orbit's shadow, the upper lid's crease): photos show the eye
 * set in a darker socket; 0.1 left the eye floating on flat skin. 0.26 until session 47, when the sockets read as
 * dark rings beside the photos (the lit mesh shades the orbit too): 0.16 with OCCLUSION 0.25 gave London FaceRes
 * +0.0008 translator, +0.0006 refined, both clear of 0 (0.06 no better).
 */
const EYE_SHADE = 0.16

/** How much the baked concavity (ambient occlusion, look/concavity.ts) darkens the skin at most (was 0.4). */
const OCCLUSION = 0.25

/** How much of the lip colour the vermilion takes. */
const LIP_AMOUNT = 0.85

type LinearRgbTriple = readonly [number, number, number]

const smoothstep01 = (e0: number, e1: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)))
  return t * t * (3 - 2 * t)
}
