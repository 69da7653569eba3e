/**
 * @module engine/paint — per-vertex albedo (LINEAR RGB) and specular strength of the skin and ears: skin tone,
 * blush, lips and lipstick, brows, lash lines, nostrils, facial hair and the scalp under the hair. Style masks
 * depend only on the style, so they are computed once per style and cached.
 */
import { evalColors } from '../rig/eval-colors.ts'
import type { Character } from '../rig/schema.ts'
import { srgbToLinear } from '../render/resolve.ts'
import { EYEBALL, FACE, bump, lidMargin, smoothstep } from './anatomy.ts'
import type { BaseMesh } from './mesh.ts'
import { LIPSTICKS, browMask, facialHairMask, lipMask } from './styles.ts'
import { scalpMask } from './hair.ts'

/** Fixed (style-independent) masks per skin/ear vertex. */
interface BaseMasks {
  blush: Float32Array
  lips: Float32Array
  dark: Float32Array // lash lines, nostrils, the mouth line: where the skin is drawn darker
  pink: Float32Array // inner eye corners, nose tip and ears: thinner, redder skin
  oily: Float32Array // T-zone sheen
}

const lin = (c: readonly number[]) =>
  c.map((v) => srgbToLinear(v * 255)) as [number, number, number]

/** Paint state shared by renders of one mesh. */
export class Painter {
  private readonly base: BaseMasks
  private readonly cache = new Map<string, Float32Array>()
  readonly albedo: Float32Array
  readonly spec: Float32Array

  constructor(private readonly mesh: BaseMesh) {
    const n = mesh.vertexCount
    this.albedo = new Float32Array(n * 3)
    this.spec = new Float32Array(n)
    this.base = baseMasks(mesh)
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

  /** Fills `albedo` and `spec` for a character (eyes are painted per pixel by the shader). */
  paint(c: Character): void {
    const col = evalColors(c)
    const skin = lin(col.skin)
    const blush = lin(col.blush)
    const hair = lin(col.hair)
    const brows = lin(col.brows)
    const stick = LIPSTICKS[c.styles['makeup.lipstick'] ?? 'none'] ?? null
    const lips = stick ? lin(stick.rgb.map((v) => v / 255)) : lin(col.lips)
    const lipAmount = stick ? 0.92 : 0.7
    const lipGloss = stick ? stick.gloss : 0.25
    const browStyle = c.styles['brows.style'] ?? 'soft-arch'
    const facial = c.styles['hair.facial'] ?? 'none'
    const hairStyle = c.styles['hair.style'] ?? 'crop'
    const browM = this.mask(`brow:${browStyle}`, (x, y, z) => browMask(browStyle, x, y, z))
    const beardM = this.mask(`beard:${facial}`, (x, y, z) => facialHairMask(facial, x, y, z))
    const scalpM = this.mask(`scalp:${hairStyle}`, (x, y, z) => scalpMask(hairStyle, x, y, z))
    const { blush: blushM, lips: lipM, dark, pink, oily } = this.base
    const blushAmount = 0.55 * col.blushAmount
    const { albedo, spec } = this
    for (let v = 0; v < this.mesh.vertexCount; v++) {
      let r = skin[0],
        g = skin[1],
        b = skin[2]
      const pk = pink[v]! * 0.25
      r += (r * 1.1 - r) * pk
      g += (g * 0.8 - g) * pk
      b += (b * 0.8 - b) * pk
      const bl = blushM[v]! * blushAmount
      r += (blush[0] - r) * bl * 0.5
      g += (blush[1] - g) * bl * 0.5
      b += (blush[2] - b) * bl * 0.5
      const lm = lipM[v]! * lipAmount
      r += (lips[0] - r) * lm
      g += (lips[1] - g) * lm
      b += (lips[2] - b) * lm
      const bm = beardM[v]! * 0.9
      r += (hair[0] - r) * bm
      g += (hair[1] - g) * bm
      b += (hair[2] - b) * bm
      const sm = scalpM[v]! * 0.85
      r += (hair[0] - r) * sm
      g += (hair[1] - g) * sm
      b += (hair[2] - b) * sm
      const br = browM[v]! * 0.92
      r += (brows[0] - r) * br
      g += (brows[1] - g) * br
      b += (brows[2] - b) * br
      const dk = 1 - dark[v]!
      albedo[v * 3] = r * dk
      albedo[v * 3 + 1] = g * dk
      albedo[v * 3 + 2] = b * dk
      spec[v] = 0.1 + 0.12 * oily[v]! + (lipGloss - 0.1) * lipM[v]! - 0.08 * Math.max(br, bm, sm)
    }
  }
}

function baseMasks(mesh: BaseMesh): BaseMasks {
  const n = mesh.vertexCount
  const m: BaseMasks = {
    blush: new Float32Array(n),
    lips: new Float32Array(n),
    dark: new Float32Array(n),
    pink: new Float32Array(n),
    oily: new Float32Array(n),
  }
  const p = mesh.paint
  for (let v = 0; v < mesh.skinCount; v++) {
    const x = p[v * 3]!,
      y = p[v * 3 + 1]!,
      z = p[v * 3 + 2]!
    if (z < 2) continue
    const ax = Math.abs(x)
    m.blush[v] = bump(ax, y, 4.2, -3.7, 1.6, 1.3)
    m.lips[v] = lipMask(x, y)
    m.oily[v] = bump(x, y, 0, 4.5, 2.5, 2) + bump(x, y, 0, -3, 0.8, 2.5)
    m.pink[v] = bump(x, y, 0, FACE.noseTipY, 0.9, 0.8) + bump(ax, y, 1.75, 0.05, 0.3, 0.25) * 2
    // Lash lines: just outside the upper (strong) and lower (soft) lid margins.
    const s = (ax - EYEBALL.x) / 1.42
    let dark = 0
    if (Math.abs(s) < 1.12) {
      const sc = Math.max(-1, Math.min(1, s))
      const vy = y - EYEBALL.y
      const up = vy - lidMargin(sc, true)
      const lo = lidMargin(sc, false) - vy
      const along = smoothstep(1.12, 0.85, Math.abs(s))
      dark = Math.max(
        dark,
        0.82 *
          smoothstep(0.16, 0.02, up) *
          smoothstep(-0.1, 0.0, up) *
          along *
          smoothstep(-0.9, -0.2, s)
      )
      dark = Math.max(dark, 0.35 * smoothstep(0.1, 0.0, lo) * smoothstep(-0.1, 0.0, lo) * along)
      dark = Math.max(dark, 0.12 * bump(up, 0, 0.5, 0, 0.08, 1) * along) // the lid crease
    }
    dark = Math.max(dark, 0.85 * bump(ax, y, FACE.nostrilX, FACE.nostrilY, 0.28, 0.18))
    dark = Math.max(
      dark,
      0.7 * Math.exp(-(((y - FACE.stomionY) / 0.07) ** 2)) * smoothstep(2.6, 2.2, ax)
    )
    m.dark[v] = dark
  }
  for (let v = mesh.skinCount; v < n; v++) if (mesh.side[v] !== 0) m.pink[v] = 0.6
  return m
}
