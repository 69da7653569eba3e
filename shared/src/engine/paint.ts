/**
 * @module engine/paint — the albedo (LINEAR RGB) and specular strength of the skin and ears: skin tone, blush,
 * lips and lipstick, brows, lash lines, nostrils, facial hair and the scalp under the hair.
 * Colours are composed from masks that are functions of the rest-pose point, so the paint moves with the skinned
 * mesh. Per vertex for most of the skin (masks cached per style); per pixel on the triangles where detail is
 * finer than the mesh (brows, lash lines, lip borders), through `pixelAlbedo`.
 */
import { evalColors } from '../rig/eval-colors.ts'
import type { Character } from '../rig/schema.ts'
import { srgbToLinear } from '../render/resolve.ts'
import { EYEBALL, FACE, bump, lidMargin, smoothstep } from './anatomy.ts'
import { scalpMask } from './hair.ts'
import type { BaseMesh } from './mesh.ts'
import { LIPSTICKS, browMask, facialHairMask, lipMask } from './styles.ts'

type Rgb = [number, number, number]
const lin = (c: readonly number[]) => c.map((v) => srgbToLinear(v * 255)) as Rgb

/** Mask slots, in the order compose() reads them. */
const PINK = 0,
  BLUSH = 1,
  LIPS = 2,
  BEARD = 3,
  SCALP = 4,
  BROW = 5,
  DARK = 6,
  OILY = 7
const SLOTS = 8

/** Lash lines, the lid crease, nostrils and the line between the lips: where the skin is drawn darker (0-1). */
export function darkMask(x: number, y: number): number {
  const ax = Math.abs(x)
  const s = (ax - EYEBALL.x) / 1.42
  let dark = 0
  if (Math.abs(s) < 1.12) {
    const sc = Math.max(-1, Math.min(1, s))
    const vy = y - EYEBALL.y
    const up = vy - lidMargin(sc, true)
    const lo = lidMargin(sc, false) - vy
    const along = smoothstep(1.12, 0.85, Math.abs(s))
    const lash = smoothstep(0.14, 0.0, up) * smoothstep(-0.08, 0.0, up) * smoothstep(-1.05, -0.3, s)
    dark = Math.max(dark, 0.88 * lash * along)
    dark = Math.max(dark, 0.4 * smoothstep(0.09, 0.0, lo) * smoothstep(-0.08, 0.0, lo) * along)
    dark = Math.max(dark, 0.16 * bump(up, 0, 0.5, 0, 0.07, 1) * along) // the lid crease
  }
  dark = Math.max(dark, 0.85 * bump(ax, y, FACE.nostrilX, FACE.nostrilY, 0.28, 0.18))
  const lipLine = Math.exp(-(((y - FACE.stomionY) / 0.06) ** 2)) * smoothstep(2.6, 2.2, ax)
  return Math.max(dark, 0.72 * lipLine)
}

/** Style-independent masks of a rest skin point into m[PINK, BLUSH, LIPS, DARK, OILY]. */
function fixedMasks(x: number, y: number, z: number, m: Float32Array, o: number): void {
  if (z < 2) return
  const ax = Math.abs(x)
  m[o + BLUSH] = bump(ax, y, 4.1, -3.5, 2.0, 1.6)
  m[o + LIPS] = lipMask(x, y)
  m[o + OILY] = bump(x, y, 0, 4.5, 2.5, 2) + bump(x, y, 0, -3, 0.8, 2.5)
  m[o + PINK] = bump(x, y, 0, FACE.noseTipY, 0.9, 0.8) + bump(ax, y, 1.75, 0.05, 0.3, 0.25) * 2
  m[o + DARK] = darkMask(x, y)
}

/** Paint state shared by renders of one mesh. */
export class Painter {
  private readonly fixed: Float32Array
  private readonly cache = new Map<string, Float32Array>()
  private readonly detailCache = new Map<string, Uint8Array>()
  private readonly scratch = new Float32Array(SLOTS)
  readonly albedo: Float32Array
  readonly spec: Float32Array
  /** Per triangle: 1 where the shader paints per pixel (set by paint()). */
  detail: Uint8Array
  private styles = { brow: 'soft-arch', facial: 'none', hair: 'crop' }
  private colors = {
    skin: [0, 0, 0] as Rgb,
    blush: [0, 0, 0] as Rgb,
    hair: [0, 0, 0] as Rgb,
    brows: [0, 0, 0] as Rgb,
    lips: [0, 0, 0] as Rgb,
    lipAmount: 0,
    lipGloss: 0,
    blushAmount: 0,
  }

  constructor(private readonly mesh: BaseMesh) {
    const n = mesh.vertexCount
    this.albedo = new Float32Array(n * 3)
    this.spec = new Float32Array(n)
    this.fixed = new Float32Array(n * SLOTS)
    const p = mesh.paint
    for (let v = 0; v < mesh.skinCount; v++)
      fixedMasks(p[v * 3]!, p[v * 3 + 1]!, p[v * 3 + 2]!, this.fixed, v * SLOTS)
    for (let v = mesh.eyeEnd; v < n; v++) this.fixed[v * SLOTS + PINK] = 0.6 // ears: thin, reddish skin
    this.detail = new Uint8Array(mesh.indices.length / 3)
  }

  private mask(key: string, fn: (x: number, y: number, z: number) => number): Float32Array {
    let m = this.cache.get(key)
    if (!m) {
      const p = this.mesh.paint
      m = new Float32Array(this.mesh.vertexCount)
      for (let v = 0; v < this.mesh.skinCount; v++)
        m[v] = fn(p[v * 3]!, p[v * 3 + 1]!, p[v * 3 + 2]!)
      this.cache.set(key, m)
    }
    return m
  }

  /** Fills `albedo`, `spec` and `detail` for a character (eyes are painted per pixel by the shader). */
  paint(c: Character): void {
    const col = evalColors(c)
    const stick = LIPSTICKS[c.styles['makeup.lipstick'] ?? 'none'] ?? null
    this.colors = {
      skin: lin(col.skin),
      blush: lin(col.blush),
      hair: lin(col.hair),
      brows: lin(col.brows),
      lips: stick ? lin(stick.rgb.map((v) => v / 255)) : lin(col.lips),
      lipAmount: stick ? 0.92 : 0.7,
      lipGloss: stick ? stick.gloss : 0.25,
      blushAmount: 0.55 * col.blushAmount,
    }
    const st = (this.styles = {
      brow: c.styles['brows.style'] ?? 'soft-arch',
      facial: c.styles['hair.facial'] ?? 'none',
      hair: c.styles['hair.style'] ?? 'crop',
    })
    const browM = this.mask(`brow:${st.brow}`, (x, y, z) => browMask(st.brow, x, y, z))
    const beardM = this.mask(`beard:${st.facial}`, (x, y, z) => facialHairMask(st.facial, x, y, z))
    const scalpM = this.mask(`scalp:${st.hair}`, (x, y, z) => scalpMask(st.hair, x, y, z))
    const m = this.scratch
    for (let v = 0; v < this.mesh.vertexCount; v++) {
      for (let k = 0; k < SLOTS; k++) m[k] = this.fixed[v * SLOTS + k]!
      m[BEARD] = beardM[v]!
      m[SCALP] = scalpM[v]!
      m[BROW] = browM[v]!
      this.spec[v] = this.compose(m, this.albedo, v * 3)
    }
    this.detail = this.detailFor(st.brow, browM)
  }

  /** Albedo at a rest skin point for the last painted character, evaluated exactly (per pixel). */
  pixelAlbedo(x: number, y: number, z: number, out: Float32Array): void {
    const m = this.scratch
    m.fill(0)
    fixedMasks(x, y, z, m, 0)
    m[BEARD] = facialHairMask(this.styles.facial, x, y, z)
    m[SCALP] = scalpMask(this.styles.hair, x, y, z)
    m[BROW] = browMask(this.styles.brow, x, y, z)
    this.compose(m, out, 0)
  }

  /** Mixes the colours by masks m into out[o..o+2]; returns the specular strength. */
  private compose(m: Float32Array, out: Float32Array, o: number): number {
    const c = this.colors
    let r = c.skin[0]
    let g = c.skin[1]
    let b = c.skin[2]
    const pk = m[PINK]! * 0.25
    r *= 1 + 0.1 * pk
    g *= 1 - 0.2 * pk
    b *= 1 - 0.2 * pk
    // Layers from the skin up; written out (no closure) because this runs per vertex and per detail pixel.
    let t = m[BLUSH]! * c.blushAmount * 0.38
    r += (c.blush[0] - r) * t
    g += (c.blush[1] - g) * t
    b += (c.blush[2] - b) * t
    t = m[LIPS]! * c.lipAmount
    r += (c.lips[0] - r) * t
    g += (c.lips[1] - g) * t
    b += (c.lips[2] - b) * t
    t = Math.min(1, m[BEARD]! * 0.9 + m[SCALP]! * 0.85)
    r += (c.hair[0] - r) * t
    g += (c.hair[1] - g) * t
    b += (c.hair[2] - b) * t
    t = m[BROW]! * 0.92
    r += (c.brows[0] - r) * t
    g += (c.brows[1] - g) * t
    b += (c.brows[2] - b) * t
    const dk = 1 - m[DARK]!
    out[o] = r * dk
    out[o + 1] = g * dk
    out[o + 2] = b * dk
    const hairy = Math.max(m[BROW]!, m[BEARD]!, m[SCALP]!)
    return 0.1 + 0.12 * m[OILY]! + (c.lipGloss - 0.1) * m[LIPS]! - 0.08 * hairy
  }

  /** Triangles of the skin whose paint has detail finer than the mesh: brows, lash lines, lip borders. */
  private detailFor(browStyle: string, browM: Float32Array): Uint8Array {
    let d = this.detailCache.get(browStyle)
    if (d) return d
    const idx = this.mesh.indices
    const part = this.mesh.triPart
    d = new Uint8Array(idx.length / 3)
    const busy = (v: number) => browM[v]! > 0.01 || this.fixed[v * SLOTS + DARK]! > 0.01
    const lips = (v: number) => this.fixed[v * SLOTS + LIPS]!
    for (let t = 0; t < d.length; t++) {
      if (part[t] !== 0) continue
      const a = idx[t * 3]!
      const b = idx[t * 3 + 1]!
      const c = idx[t * 3 + 2]!
      // The lip border is sharper than the vertex spacing: it can pass between a vertex fully on the lip and one
      // fully off it, so a triangle is detailed wherever its corners' lip coverage differs.
      const lo = Math.min(lips(a), lips(b), lips(c))
      const hi = Math.max(lips(a), lips(b), lips(c))
      if (busy(a) || busy(b) || busy(c) || hi - lo > 0.1) d[t] = 1
    }
    this.detailCache.set(browStyle, d)
    return d
  }
}
