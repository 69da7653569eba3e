/**
 * @module create/lips — a woman's lipstick read from the photo's lips. Why: the translator never puts lipstick on
 * (none of 88 London and held-out TRAIN women got any), while many photos show it: against the skin, the held-out
 * women's lips read a* +16 +- 10 (CIELAB, lips minus skin), their characters' +7 +- 3, and the two hardly correlate
 * (0.10). FaceRes notices a little: each held-out woman's character rendered with every lipstick, the option whose
 * rendered lips-minus-skin contrast is nearest the photo's (kept only where it is LIPSTICK_MARGIN nearer than no
 * lipstick) gave +0.0055 FaceRes cosine to her photo (22 women closer, 8 further; London 45 women +0.0011, 5 / 3:
 * its studio women mostly wear none). As built (with LIPSTICK_REDDER), `eval likeness` on the 84 held-out TRAIN
 * photos: translator id_cos +0.0023 [0.0003, 0.0046], refined +0.0013 [-0.0009, 0.0039]; London +0.0006 (5 women
 * changed). A player sees her red lips on her character.
 *
 * Matching is direct, as for the iris (create/iris.ts): the same statistic, `lipColour` minus the skin colour (a
 * contrast, so the photo's light and white balance mostly cancel), is measured on the photo and on engine renders
 * of every lipstick over the skin-tone range (lips-table.json, made by cli/src/eval/lips-table.ts; the creator never
 * imports the engine). The lips are read on the vermilion alone, between the outer and inner lip contours, so a
 * smile's teeth and an open mouth's shadow stay out. Men keep what they have (no lipstick on a man: gender.ts).
 */
import { srgbToLab } from '../image/lab.ts'
import type { RgbaImage } from '../image/types.ts'
import type { Affine } from '../face/affine.ts'
import { alignedFrame, polygonLabels } from '../face/masks.ts'
import { LIPS_INNER, LIPS_OUTER } from '../face/parts.ts'
import type { Character } from '../rig/index.ts'
import TABLE from './lips-table.json' with { type: 'json' }

/** The engine's rendered lips-minus-skin contrast (CIELAB) of each lipstick option over skin tones. */
export interface LipsTable {
  rigVersion: number
  /** The rig's skin.tone values (0 light .. 1 dark) the table was measured at. */
  tone: number[]
  /** The lipstick options (makeup.lipstick ids, 'none' first). */
  options: string[]
  /** contrast[option][tone]: Lab of the lips minus Lab of the skin. */
  contrast: [number, number, number][][]
}

/** The lipstick read: the option set and how far each stays from the photo. */
export interface LipsMatch {
  /** The photo's lips minus its skin (CIELAB). */
  contrast: [number, number, number]
  /** The nearest option (CIE76 to the table at the character's tone). */
  nearest: string
  /** Its distance, and the distance of no lipstick. */
  deltaE: number
  noneDeltaE: number
  /** The option the read gives: `nearest` when the photo's lips are LIPSTICK_REDDER redder than bare ones and it
   * is LIPSTICK_MARGIN nearer than none, else 'none'. */
  lipstick: string
}

/** How much nearer (CIE76) a lipstick must come to the photo's lips than none before it is put on. Why: a natural
 * lip's contrast varies with light and blood flow by a few units; on the held-out women, bars 0 / 2 / 4 / 8 gave
 * +0.0065 / +0.0055 / +0.0055 / +0.0033 FaceRes (each option's own render against the photo): 4 keeps the gain. */
export const LIPSTICK_MARGIN = 4

/**
 * How much redder (CIELAB a*, against the skin) than the table's bare lips at the character's skin tone the photo's
 * lips must read before any lipstick is put on. Why: darker lips alone are natural, not makeup. The engine's bare
 * lips are lighter and warmer than real ones (London's studio women, mostly bare-lipped, read L* -10.7 and b* -5.7
 * against their skin; the table's bare lips about -5 and 0), so by distance alone berry, the dark cool lipstick,
 * was nearest for 16 of London's 45 women. Lipstick shows as colour: with this bar 5 of them get one (the two
 * with clearly painted lips among them) and 22 of the 44 held-out women (Pixabay portraits, often made up).
 */
export const LIPSTICK_REDDER = 7

/** Fewer vermilion pixels than this (a closed, thin or hidden mouth at the crop's size) give no reading. */
const MIN_PIXELS = 40

/**
 * sRGB 0..255 (per-channel median) of the vermilion: the pixels of `crop` (the face's aligned crop at `crop.width`
 * px) inside the outer lip contour and outside the inner one, except black ones (outside the photo); null when too
 * few. `mesh` and `alignToImage` are the face's (image pixels).
 */
export function lipColour(crop: RgbaImage, mesh: Float32Array, alignToImage: Affine): [number, number, number] | null {
  const frame = alignedFrame(alignToImage, crop.width)
  if (!frame) return null
  const ring = polygonLabels(mesh, [[LIPS_OUTER, 1], [LIPS_INNER, 0]], crop.width, crop.height, frame)
  const channels: number[][] = [[], [], []]
  for (let i = 0; i < ring.length; i++) {
    const o = i * 4
    // the aligned crop reads black outside the photo (a mouth at the photo's edge): not lips
    if (!ring[i] || crop.data[o]! + crop.data[o + 1]! + crop.data[o + 2]! === 0) continue
    for (let c = 0; c < 3; c++) channels[c]!.push(crop.data[o + c]!)
  }
  if (channels[0]!.length < MIN_PIXELS) return null
  return channels.map((v) => v.sort((a, b) => a - b)[v.length >> 1]!) as [number, number, number]
} // prettier-ignore

/** The lips' colour minus the skin's, in CIELAB (both sRGB 0..255). */
export function lipContrast(
  lips: readonly [number, number, number],
  skin: readonly [number, number, number]
): [number, number, number] {
  const a = srgbToLab(lips)
  const b = srgbToLab(skin)
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

/** The table's contrast of `option` at skin tone `tone` (linear between measured tones, clamped at the ends). */
function contrastAt(table: LipsTable, option: number, tone: number): [number, number, number] {
  const t = table.tone
  let i = 0
  while (i + 2 < t.length && tone > t[i + 1]!) i++
  const u = Math.min(1, Math.max(0, (tone - t[i]!) / (t[i + 1]! - t[i]!)))
  const lo = table.contrast[option]![i]!
  const hi = table.contrast[option]![i + 1]!
  return [0, 1, 2].map((c) => lo[c]! + u * (hi[c]! - lo[c]!)) as [number, number, number]
}

/** The lipstick whose rendered contrast at skin tone `tone` (rig skin.tone) is nearest the photo's `contrast`. */
export function matchLipstick(
  contrast: readonly [number, number, number],
  tone: number,
  table: LipsTable = TABLE as LipsTable
): LipsMatch {
  const distance = table.options.map((_, k) => Math.hypot(...contrastAt(table, k, tone).map((v, c) => v - contrast[c]!))) // prettier-ignore
  let best = 0
  distance.forEach((d, k) => d < distance[best]! && (best = k))
  const none = table.options.indexOf('none')
  const redder = contrast[1] - contrastAt(table, none, tone)[1] >= LIPSTICK_REDDER
  const nearer = redder && distance[none]! - distance[best]! >= LIPSTICK_MARGIN
  return {
    contrast: [contrast[0], contrast[1], contrast[2]],
    nearest: table.options[best]!,
    deltaE: distance[best]!,
    noneDeltaE: distance[none]!,
    lipstick: nearer ? table.options[best]! : 'none',
  }
}

/** `character` (rig v2) with the read's lipstick when it is a woman's (gender slider < 0.5); others unchanged. */
export function applyLipstick(character: Character, match: LipsMatch | null): Character {
  if (character.rig !== 2 || !match || (character.sliders['who.gender'] ?? 0.5) >= 0.5)
    return character
  if (character.styles['makeup.lipstick'] === match.lipstick) return character
  const out: Character = structuredClone(character)
  out.styles['makeup.lipstick'] = match.lipstick
  return out
}
