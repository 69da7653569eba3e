/**
 * @module create/iris — the character's iris colour read from the photo's eyes. Why: the translator's iris follows
 * its render training, not the photo (the eye part colour it sees mixes sclera, lids and iris), and it gave
 * brown-eyed people green irises: on the 40 Canada TRAIN photos, which the lead labelled brown (16) or light (24:
 * blue, grey, green) by eye, the translator's iris agreed with the label on 22 (brown-eyed median 0.54 on the rig's
 * dark brown 0 .. blue 1 palette, where 0.5 renders green). Matching is direct, as for the skin (create/skin.ts): the
 * same statistic, `irisColour`, is measured on the photo and on engine renders over the palette (iris-table.json,
 * made by cli/src/eval/iris-table.ts; the creator never imports the engine), and the photo picks the value whose
 * render shows the nearest colour (CIE76 at first: 32 of 40 agreed with the labels, brown-eyed median 0.17, light
 * 0.63; since session 48 with lightness counted half, IRIS_LIGHTNESS_WEIGHT). The statistic reads a disc at each
 * eye's centre without the lid skin, white-balanced by the sclera: the whole eye outline holds lid skin and the red
 * inner corner, and studio sets run pink, which in photos outweighed the iris.
 */
import { srgbToLab } from '../image/lab.ts'
import { linearToSrgb, srgbToLinear } from '../render/resolve.ts'
import type { RgbaImage } from '../image/types.ts'
import type { PartLabels } from '../face/masks.ts'
import { applyAffine, invertAffine, type Affine } from '../face/affine.ts'
import { FACE_PARTS, LEFT_EYE, RIGHT_EYE } from '../face/parts.ts'
import type { Character } from '../rig/index.ts'
import { withColours } from './rigs.ts'
import TABLE from './iris-table.json' with { type: 'json' }

/** The engine's iris colour (CIELAB, by `irisColour`) at each palette value. */
export interface IrisTable {
  rigVersion: number
  iris: number[]
  lab: [number, number, number][]
}

/** The iris match: the palette value and how far its render's colour stays from the photo's. */
export interface IrisMatch {
  iris: number
  /** The distance (IRIS_LIGHTNESS_WEIGHT: CIE76 with lightness differences halved) between the photo's iris colour
   * and the table's at `iris`. */
  deltaE: number
}

/**
 * How much a lightness difference counts against a difference of hue and chroma in the match: 1 / l of the CMC
 * l:c = 2:1 weighting (lightness half). Why: a photo's iris is lit by the room and shaded by the lids, so its L* says
 * less about the colour than its a* and b*. With plain CIE76 (1), the dark, nearly neutral irises of photos (L* 21-27,
 * chroma under 7) lay about 10 units from both the palette's dark brown end (L* 12-15) and its grey-green middle
 * (L* 32), and a few units of L* decided between brown and green. Against eye colours labelled by eye
 * (docs/likeness.md "Session 48"): 37 Canada TRAIN photos 32 -> 34 agree; the 13 London people whose read lay within
 * 3 units of a far palette value 8 -> 11 (three brown-eyed people had green-grey irises, one blue-eyed dark brown).
 */
export const IRIS_LIGHTNESS_WEIGHT = 0.5

/** The colour parameter it sets. */
export const IRIS_COLOUR_IDS = Object.freeze(['eyes.iris_color'])

/** Side of the aligned crop the iris is read in: at 128 px (the part colours' frame) an eye is ~20 px wide. */
export const IRIS_FRAME_SIZE = 256

/** The disc read at each eye's centre, as a share of the eye's width (corner to corner): about the iris's radius. */
const DISC = 0.2
/**
 * Which of the disc's pixels, ranked by luminance, are iris: darker ones are the pupil and the upper lid's lashes
 * and shadow, brighter ones sclera and highlights.
 */
const BAND = [0.2, 0.7] as const
/** Disc pixels this close (CIE76) to the face's skin colour are lid, not iris. */
const SKIN_DELTA_E = 12
/** The band of the eye's other pixels, ranked by luminance, read as sclera. */
const SCLERA = [0.7, 0.95] as const
/** Fewer pixels than this (closed or tiny eyes) give no reading. */
const MIN_PIXELS = 30
/**
 * Skin darker than this (CIE L*) keeps the disc's skin-coloured pixels when too few others are left: a dark brown
 * iris in dark skin is within SKIN_DELTA_E of it, so the lid rule left nothing to read (engine characters of skin
 * L* 15-22 with the brown iris read null), while lid pixels read in its place are dark brown there too.
 */
const DARK_SKIN_L = 40
const EYES = 1 + FACE_PARTS.indexOf('eyes')

/**
 * sRGB 0..255 (per-channel median) of the iris: the eye pixels (`labels`, same size as `crop`) within a disc at the
 * centre of each eye outline, their middle band by luminance; null when the eyes show too few pixels. `crop` is
 * the face's aligned crop at `crop.width` px (FaceAnalyzer.alignedCrop / partLabels with that size) and `mesh` and
 * `alignToImage` the face's (image pixels); the eye centre is the mean of its outline, which a forward gaze puts on
 * the iris.
 */
export function irisColour(crop: RgbaImage, labels: PartLabels, mesh: Float32Array, alignToImage: Affine, skin: readonly [number, number, number] | null): [number, number, number] | null {
  const inv = invertAffine(alignToImage)
  if (!inv) return null
  const size = crop.width
  const skinLab = skin && srgbToLab(skin)
  const at: number[] = []
  const lid: number[] = [] // disc pixels near the skin colour
  const white: number[] = [] // eye pixels outside the discs: mostly sclera
  for (const eye of [RIGHT_EYE, LEFT_EYE]) {
    const pts = eye.map((i) => applyAffine(inv, mesh[i * 3]!, mesh[i * 3 + 1]!).map((v) => v * size))
    const cx = pts.reduce((a, p) => a + p[0]!, 0) / pts.length
    const cy = pts.reduce((a, p) => a + p[1]!, 0) / pts.length
    const xs = pts.map((p) => p[0]!)
    const w = Math.max(...xs) - Math.min(...xs)
    const r = DISC * w
    for (let y = Math.max(0, Math.floor(cy - w)); y <= Math.min(size - 1, Math.ceil(cy + w)); y++)
      for (let x = Math.max(0, Math.floor(cx - w)); x <= Math.min(size - 1, Math.ceil(cx + w)); x++) {
        if (labels.labels[x + y * size] !== EYES) continue
        const o = (x + y * size) * 4
        if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > r * r) {
          white.push(o)
          continue
        }
        if (near(skinLab, crop, o)) lid.push(o) // lid skin inside the outline (narrowed eyes)
        else at.push(o)
      }
  }
  if (at.length < MIN_PIXELS && skinLab && skinLab[0] < DARK_SKIN_L) at.push(...lid)
  if (at.length < MIN_PIXELS || white.length < MIN_PIXELS) return null
  const lum = at.map((o) => luma(crop, o))
  const order = at.map((_, k) => k).sort((a, b) => lum[a]! - lum[b]!)
  const iris = medianColour(crop, order.slice(Math.floor(BAND[0] * order.length), Math.ceil(BAND[1] * order.length)).map((k) => at[k]!))
  // The sclera (the brightest outside the discs) is white under any light: dividing by it removes the photo's
  // colour cast (studio sets run pink, phones warm), which moved brown irises to grey. Luminance is kept.
  white.sort((a, b) => luma(crop, a) - luma(crop, b))
  const sclera = medianColour(crop, white.slice(Math.floor(SCLERA[0] * white.length), Math.ceil(SCLERA[1] * white.length))).map(srgbToLinear)
  const grey = 0.2126 * sclera[0]! + 0.7152 * sclera[1]! + 0.0722 * sclera[2]!
  return iris.map((v, c) => Math.round(Math.min(255, 255 * linearToSrgb((srgbToLinear(v) * grey) / Math.max(1e-4, sclera[c]!))))) as [number, number, number]
} // prettier-ignore

/** Whether the pixel at byte offset `o` is within SKIN_DELTA_E of the skin colour. */
function near(skin: [number, number, number] | null, image: RgbaImage, o: number): boolean {
  if (!skin) return false
  const lab = srgbToLab([image.data[o]!, image.data[o + 1]!, image.data[o + 2]!])
  return (
    (lab[0] - skin[0]) ** 2 + (lab[1] - skin[1]) ** 2 + (lab[2] - skin[2]) ** 2 < SKIN_DELTA_E ** 2
  )
}

/** Per-channel median sRGB of the pixels at byte offsets `at`. */
function medianColour(image: RgbaImage, at: number[]): [number, number, number] {
  return [0, 1, 2].map((c) => {
    const v = at.map((o) => image.data[o + c]!).sort((a, b) => a - b)
    return v[v.length >> 1]!
  }) as [number, number, number]
}

/** Rec. 709 luma of the sRGB pixel at byte offset `o` (for ranking pixels by lightness). */
const luma = (image: RgbaImage, o: number) =>
  0.2126 * image.data[o]! + 0.7152 * image.data[o + 1]! + 0.0722 * image.data[o + 2]!

/** Search steps between table entries (the table is smooth). */
const STEPS = 16

/**
 * The iris value whose rendered iris colour is nearest `srgb` (0..255), linear between table entries: CIELAB
 * distance with lightness weighted by `lightness` (IRIS_LIGHTNESS_WEIGHT; 1 is plain CIE76, as before session 48).
 */
export function matchIris(srgb: readonly [number, number, number], table: IrisTable = TABLE as IrisTable, lightness = IRIS_LIGHTNESS_WEIGHT): IrisMatch {
  const target = srgbToLab(srgb)
  let best: IrisMatch = { iris: 0, deltaE: Infinity }
  for (let i = 0; i + 1 < table.iris.length; i++)
    for (let s = 0; s <= STEPS; s++) {
      const u = s / STEPS
      let d = 0
      for (let c = 0; c < 3; c++) d += ((c === 0 ? lightness : 1) * ((1 - u) * table.lab[i]![c]! + u * table.lab[i + 1]![c]! - target[c]!)) ** 2
      if (d < best.deltaE) best = { iris: table.iris[i]! + u * (table.iris[i + 1]! - table.iris[i]!), deltaE: d }
    }
  return { ...best, deltaE: Math.sqrt(best.deltaE) }
} // prettier-ignore

/** `character` with the matched iris colour (characters of other rigs unchanged). */
export function applyIris(
  character: Character,
  match: IrisMatch,
  table: IrisTable = TABLE as IrisTable
): Character {
  return withColours(character, table.rigVersion, { 'eyes.iris_color': match.iris })
}
