/**
 * @module create/skin — the character's skin colour matched to the photo's. Why: the translator learned skin from
 * renders and from photos whose lighting it cannot separate from the skin, and its skin was off by CIELAB 15 (median)
 * on the Canada train photos and 11 for Black people in London (7.6 overall), where the skin is what a player checks
 * first. Matching is direct: skin-table.json holds the engine's rendered skin colour (measured as a photo's is:
 * FaceMesh part labels, median of the skin) over a grid of skin tone x undertone, for women and for men
 * (cli/src/eval/skin-table.ts makes it; the creator never imports the engine), and the photo's skin colour picks the
 * tone and undertone whose render shows the nearest colour (CIE76, bilinear between grid points).
 *
 * Two things besides the tone move a render's skin colour, and the match takes both into account (session 41: on
 * London the renders' skin was 2.4 L* lighter than the photo's for women, 4.7 darker for Black men):
 * - the character's sex: a man's skin renders about 3 L* darker than a woman's at the same tone (beard shadow,
 *   heavier creases), so the table has a grid for each and a character's is blended by its gender slider;
 * - the skin detail drawn on it (detail/): the photo's fine structure is skewed (sparse dark pores and creases on a
 *   slightly brighter ground), so drawing it moves the skin's median by -5 to +3.5 L* per person. Where detail is
 *   drawn, the table is matched by the skin colour UNDER the detail (skinUnderDetail: the photo's lightness less
 *   what its detail bands add), and the detail drawn on the matched tone brings the median back to the photo's.
 */
import { gaussianBlur } from '../detail/blur.ts'
import { boxAverage } from '../detail/read.ts'
import { MID_BAND, READ_SIZE } from '../detail/spec.ts'
import { labToSrgb, srgbToLab } from '../image/lab.ts'
import type { Character } from '../rig/index.ts'
import { withColours } from './rigs.ts'
import TABLE from './skin-table.json' with { type: 'json' }

/** CIELAB colours over the table's tone x undertone grid: grid[tone index][undertone index]. */
export type SkinGrid = [number, number, number][][]

/** The engine's rendered skin colours, for women and for men. */
export interface SkinTable {
  rigVersion: number
  tone: number[]
  undertone: number[]
  /** The gender slider of the women and of the men each grid was measured on (their mean). */
  gender: [female: number, male: number]
  /** The women's grid, then the men's. */
  lab: [female: SkinGrid, male: SkinGrid]
}

/** The skin colour parameters it sets. */
export const SKIN_COLOUR_IDS = Object.freeze(['skin.tone', 'skin.undertone'])

/**
 * The rendered skin colours of a character whose gender slider is `male` (0 female .. 1 male): the two sexes'
 * grids blended linearly between the sliders they were measured at (either sex's own beyond them).
 */
export function skinGrid(table: SkinTable, male: number): SkinGrid {
  const [f, m] = table.gender
  const t = Math.min(1, Math.max(0, (male - f) / (m - f)))
  const [women, men] = table.lab
  // (1 - t) a + t b, not a + t (b - a): exactly each sex's grid at its own slider (t 0 or 1)
  return women.map((row, i) => row.map((lab, j) => lab.map((v, c) => (1 - t) * v + t * men[i]![j]![c]!) as [number, number, number]))
} // prettier-ignore

/** The match of a photo's skin colour: the parameters and how far their render's colour stays from the photo's. */
export interface SkinMatch {
  tone: number
  undertone: number
  /** CIE76 between the photo's skin colour and the table's colour at (tone, undertone). */
  deltaE: number
}

/** Search steps per grid cell along each axis (the table is smooth; 8 steps put the grid's error below 0.3). */
const STEPS = 8

/**
 * The (tone, undertone) whose rendered skin colour, on a character of gender slider `male`, is nearest `srgb`
 * (0..255), bilinear over the table.
 */
export function matchSkin(srgb: readonly [number, number, number], male: number, table: SkinTable = TABLE as SkinTable): SkinMatch {
  const target = srgbToLab(srgb)
  const { tone, undertone } = table
  const lab = skinGrid(table, male)
  let best: SkinMatch = { tone: 0, undertone: 0, deltaE: Infinity }
  for (let i = 0; i < tone.length - 1; i++)
    for (let j = 0; j < undertone.length - 1; j++)
      for (let a = 0; a <= STEPS; a++)
        for (let b = 0; b <= STEPS; b++) {
          const u = a / STEPS
          const v = b / STEPS
          let d = 0
          for (let c = 0; c < 3; c++) {
            const value =
              (1 - u) * ((1 - v) * lab[i]![j]![c]! + v * lab[i]![j + 1]![c]!) +
              u * ((1 - v) * lab[i + 1]![j]![c]! + v * lab[i + 1]![j + 1]![c]!)
            d += (value - target[c]!) ** 2
          }
          if (d < best.deltaE)
            best = { tone: tone[i]! + u * (tone[i + 1]! - tone[i]!), undertone: undertone[j]! + v * (undertone[j + 1]! - undertone[j]!), deltaE: d }
        }
  return { ...best, deltaE: Math.sqrt(best.deltaE) }
} // prettier-ignore

/**
 * Below this CIELAB chroma a photo's median skin colour has no hue: a black-and-white (or fully desaturated) photo,
 * where skin, hair and iris colours cannot be read. Real skin lies well above it: of the 847 train photos, 22 are
 * greyscale (chroma 0.0), the least coloured of the rest 1.1 and 1.2 (toned), then 2.4 and up (median 22).
 */
export const COLOURLESS_CHROMA = 2

/** Whether a photo's median skin colour `srgb` (0..255) has no hue to read (COLOURLESS_CHROMA). */
export function isColourless(srgb: readonly [number, number, number]): boolean {
  const [, a, b] = srgbToLab(srgb)
  return Math.hypot(a, b) < COLOURLESS_CHROMA
}

/** The rig's default undertone: a colourless photo says nothing of the skin's hue. */
const DEFAULT_UNDERTONE = 0.5

/**
 * For a colourless photo: the tone whose render, at the default undertone and gender slider `male`, has the photo
 * skin's lightness (CIELAB L*; what a grey photo still shows). `deltaE` is the lightness difference left.
 */
export function matchSkinLightness(srgb: readonly [number, number, number], male: number, table: SkinTable = TABLE as SkinTable): SkinMatch {
  const target = srgbToLab(srgb)[0]
  const j = table.undertone.indexOf(DEFAULT_UNDERTONE)
  if (j < 0) throw new Error(`skin table has no undertone ${DEFAULT_UNDERTONE} column; rebuild it (cli/src/eval/skin-table.ts).`)
  const { tone } = table
  const lab = skinGrid(table, male)
  let best: SkinMatch = { tone: 0, undertone: DEFAULT_UNDERTONE, deltaE: Infinity }
  for (let i = 0; i < tone.length - 1; i++)
    for (let a = 0; a <= STEPS; a++) {
      const u = a / STEPS
      const d = Math.abs((1 - u) * lab[i]![j]![0]! + u * lab[i + 1]![j]![0]! - target)
      if (d < best.deltaE) best = { tone: tone[i]! + u * (tone[i + 1]! - tone[i]!), undertone: DEFAULT_UNDERTONE, deltaE: d }
    }
  return best
} // prettier-ignore

/** `character` with the matched skin tone and undertone (characters of other rigs unchanged). */
export function applySkin(
  character: Character,
  match: SkinMatch,
  table: SkinTable = TABLE as SkinTable
): Character {
  return withColours(character, table.rigVersion, {
    'skin.tone': match.tone,
    'skin.undertone': match.undertone,
  })
}

/**
 * The skin colour under the photo's skin detail: `skin` (the photo's median skin colour, sRGB 0..255) with the
 * CIELAB lightness its detail adds taken off, or null with fewer than 12 skin pixels (as face/masks partColors).
 * What the detail adds is measured on the aligned crop `crop` (RGBA, `size` px, with its part `labels`): the
 * median lightness of its skin (part label 1) less that of the crop blurred at the detail's outer scale (MID_BAND's
 * wider blur, the blur the detail is read against in detail/read: everything finer is the detail the engine draws).
 * Only the lightness moves: the engine draws detail as a lightness difference, and the blur would also mix the
 * hair's and the lips' colours into the skin's hue at its edges. On London the detail lifts a light skin's median by
 * about 2 L* and lowers a dark skin's.
 */
export function skinUnderDetail(skin: readonly [number, number, number], crop: ArrayLike<number>, labels: ArrayLike<number>, size = READ_SIZE): [number, number, number] | null {
  const n = size * size
  const planes = [0, 1, 2, 3].map(() => new Float32Array(n)) // R, G, B and the skin mask
  const histograms = [0, 1, 2].map(() => new Uint32Array(256))
  let count = 0
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) planes[c]![i] = crop[i * 4 + c]!
    if (labels[i] !== 1) continue
    planes[3]![i] = 1
    for (let c = 0; c < 3; c++) histograms[c]![crop[i * 4 + c]!]!++
    count++
  }
  if (count < 12) return null
  // the skin's own median per channel (partColors' median: the upper one of an even count), by histogram
  const sharp = histograms.map((h) => {
    let v = 0
    for (let seen = h[0]!; seen <= count >> 1; ) seen += h[++v]!
    return v
  }) as [number, number, number]
  // the blur on a quarter-size crop (a Gaussian of MID_BAND[1] px at `size` is one of a quarter of that there, as
  // on the mid band's own grid, detail/spec MID_SIZE): the same ground at a fraction of the cost (the full-size blur
  // took 90 ms); a coarse pixel counts as skin where most of its block is
  const small = size / UNDER_STEP
  const mask = boxAverage(planes[3]!, size, small)
  const under = [0, 1, 2].map((c) => {
    const blurred = gaussianBlur(boxAverage(planes[c]!, size, small), small, MID_BAND[1] / UNDER_STEP)
    const v: number[] = []
    for (let i = 0; i < blurred.length; i++) if (mask[i]! >= 0.5) v.push(blurred[i]!)
    return v.sort((a, b) => a - b)[v.length >> 1]
  })
  if (under[0] === undefined) return null
  const added = srgbToLab(sharp)[0] - srgbToLab(under as [number, number, number])[0]
  const [l, a, b] = srgbToLab(skin)
  return labToSrgb([l - added, a, b])
} // prettier-ignore

/** How much smaller the crop skinUnderDetail blurs is (it must divide the crop's size). */
const UNDER_STEP = 4
