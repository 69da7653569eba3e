/**
 * @module engine/v2/look/lights — the studio lighting of v2 heads, evaluated per vertex: a warm key from the
 * viewer's upper left and a cool fill from the right at 0.7 of its strength, a rim from behind on the right, and a
 * sky/ground ambient.
 * Skin gets a wrap term (light bleeding past the terminator, tinted red: subsurface scattering) and a broad
 * Blinn sheen; hair a duller, broader highlight. Lights are fixed in model space (the camera looks down -z).
 * Colours are LINEAR RGB multipliers of the albedo.
 */
import { hypot3 } from '../../../math/hypot.ts'

const norm = (x: number, y: number, z: number): [number, number, number] => {
  const l = hypot3(x, y, z)
  return [x / l, y / l, z / l]
}

/** Light directions (toward the light), model space. */
export const KEY = norm(-0.5, 0.55, 0.75)
export const FILL = norm(0.8, 0.1, 0.55)
export const RIM = norm(0.7, 0.45, -0.8)
/**
 * The key, fill and sky strengths (session 49; were [1.05, 0.98, 0.9], [0.3, 0.33, 0.38], [0.22, 0.22, 0.24]): the
 * key at 0.6x, the fill at 1.5x and the sky at 2x, so the face's two sides are lit more alike, as a portrait studio
 * (or a phone facing a window) lights a face. A character made from a photo carries the photo's own shading in its
 * skin detail; under the strong left key the render's shading came on top of it, one side darker than the person's.
 * London FaceRes: translator id_cos +0.0051, id_margin +0.0030; refined +0.0030 / +0.0014 (`likeness-s49-flatF`).
 * The fill at 2.2x gained more on London (+0.0095 / +0.0048) but the translator, trained on renders under the old
 * light, then found 0.89 of synthetic characters (0.94 with this; target 0.9): for after its retraining
 * (docs/likeness.md "Session 49").
 */
const KEY_RGB = [0.63, 0.588, 0.54] as const
const FILL_RGB = [0.45, 0.495, 0.57] as const
const RIM_RGB = [0.55, 0.58, 0.65] as const
const SKY_RGB = [0.44, 0.44, 0.48] as const
const GROUND_RGB = [0.12, 0.1, 0.09] as const

/** Surface response kinds. */
export const SURFACE = { skin: 0, plain: 1, hair: 2, eye: 3 } as const

/**
 * Lights a vertex with unit normal n and unit direction to the camera w: writes diffuse rgb into
 * light[o..o+2] and returns the specular term (before the material's gloss).
 */
export function lightVertex(
  nx: number,
  ny: number,
  nz: number,
  wx: number,
  wy: number,
  wz: number,
  kind: number,
  light: Float32Array,
  o: number
): number {
  const kd = nx * KEY[0] + ny * KEY[1] + nz * KEY[2]
  const fd = nx * FILL[0] + ny * FILL[1] + nz * FILL[2]
  const rd = nx * RIM[0] + ny * RIM[1] + nz * RIM[2]
  const nv = Math.max(0, nx * wx + ny * wy + nz * wz)
  const lam = Math.max(0, kd)
  // Wrapped diffuse: skin scatters light past the terminator, red most, blue least.
  const wrap = kind === SURFACE.skin ? 0.45 : kind === SURFACE.hair ? 0.3 : 0.15
  const wk = Math.max(0, (kd + wrap) / (1 + wrap))
  const sss = kind === SURFACE.skin ? wk - lam : 0
  const key = kind === SURFACE.skin ? lam : wk
  const fill = Math.max(0, (fd + wrap) / (1 + wrap))
  let f = 1 - nv
  f = f * f * f
  const rim = f * Math.max(0, rd + 0.35) * (kind === SURFACE.eye ? 0 : 1)
  const up = 0.5 + 0.5 * ny
  for (let c = 0; c < 3; c++) {
    const tint = c === 0 ? 0.75 : c === 1 ? 0.3 : 0.18
    light[o + c] =
      key * KEY_RGB[c]! +
      sss * tint +
      fill * FILL_RGB[c]! +
      rim * RIM_RGB[c]! +
      SKY_RGB[c]! * up +
      GROUND_RGB[c]! * (1 - up)
  }
  if (kd <= -0.2 || kind === SURFACE.eye) return 0
  const hx = KEY[0] + wx,
    hy = KEY[1] + wy,
    hz = KEY[2] + wz
  const hl = hypot3(hx, hy, hz)
  if (kind === SURFACE.hair) {
    // Kajiya-Kay: strands (tangent t = "down" along the surface: hair falls from the crown) reflect a band
    // across them, the sheen ring of glossy hair, rather than a spot.
    // t = (0, -1, 0) - (n . (0, -1, 0)) n = (ny nx, ny ny - 1, ny nz)
    const tx = ny * nx,
      ty = ny * ny - 1,
      tz = ny * nz
    const tl = hypot3(tx, ty, tz)
    if (!(tl > 1e-4)) return 0
    const th = (tx * hx + ty * hy + tz * hz) / (tl * hl)
    let k = Math.sqrt(Math.max(0, 1 - th * th))
    for (let i = 0; i < 6; i++) k *= k // ^64
    return k * Math.min(1, Math.max(0, kd + 0.2) * 2)
  }
  if (kd <= 0) return 0
  // Blinn: half vector of key and view; exponent 32 (skin sheen), by repeated squaring.
  let h = Math.max(0, (nx * hx + ny * hy + nz * hz) / hl)
  for (let k = 0; k < 5; k++) h *= h
  // Schlick-like boost at grazing angles keeps the sheen on the face's contours.
  return h * (0.6 + 0.4 * f) * Math.min(1, lam * 4)
}
