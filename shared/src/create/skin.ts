/**
 * @module create/skin — the character's skin colour matched to the photo's. Why: the translator learned skin from
 * renders and from photos whose lighting it cannot separate from the skin, and its skin was off by CIELAB 15 (median)
 * on the Canada train photos and 11 for Black people in London (7.6 overall), where the skin is what a player checks
 * first. Matching is direct: skin-table.json holds the engine's rendered skin colour (measured as a photo's is:
 * FaceMesh part labels, median of the skin) over a grid of skin tone x undertone (cli/src/eval/skin-table.ts makes
 * it; the creator never imports the engine), and the photo's median skin colour picks the tone and undertone whose
 * render shows the nearest colour (CIE76, bilinear between grid points).
 */
import { srgbToLab } from '../image/lab.ts'
import type { Character } from '../rig/index.ts'
import { withColours } from './rigs.ts'
import TABLE from './skin-table.json' with { type: 'json' }

/** The engine's rendered skin colour (CIELAB) at lab[tone index][undertone index]. */
export interface SkinTable {
  rigVersion: number
  tone: number[]
  undertone: number[]
  lab: [number, number, number][][]
}

/** The skin colour parameters it sets. */
export const SKIN_COLOUR_IDS = Object.freeze(['skin.tone', 'skin.undertone'])

/** The match of a photo's skin colour: the parameters and how far their render's colour stays from the photo's. */
export interface SkinMatch {
  tone: number
  undertone: number
  /** CIE76 between the photo's skin colour and the table's colour at (tone, undertone). */
  deltaE: number
}

/** Search steps per grid cell along each axis (the table is smooth; 8 steps put the grid's error below 0.3). */
const STEPS = 8

/** The (tone, undertone) whose rendered skin colour is nearest `srgb` (0..255), bilinear over the table. */
export function matchSkin(srgb: readonly [number, number, number], table: SkinTable = TABLE as SkinTable): SkinMatch {
  const target = srgbToLab(srgb)
  const { tone, undertone, lab } = table
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
 * For a colourless photo: the tone whose render, at the default undertone, has the photo skin's lightness (CIELAB
 * L*; what a grey photo still shows). `deltaE` is the lightness difference left.
 */
export function matchSkinLightness(srgb: readonly [number, number, number], table: SkinTable = TABLE as SkinTable): SkinMatch {
  const target = srgbToLab(srgb)[0]
  const j = table.undertone.indexOf(DEFAULT_UNDERTONE)
  if (j < 0) throw new Error(`skin table has no undertone ${DEFAULT_UNDERTONE} column; rebuild it (cli/src/eval/skin-table.ts).`)
  const { tone, lab } = table
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
