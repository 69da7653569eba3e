/**
 * @module create/facial-hair — a moustache or beard the photo shows, put on a man the translator gave none. Why: the
 * translator splits the facial hair it sees among the rig's kinds, and its accessory rule (one kind sure enough)
 * then gives none. On the first 300 Pixabay TRAIN photos, labelled by eye (facial-hair-labels.train.json,
 * `npx tsx models/eval/facial-hair-read.ts`), the men's characters had facial hair for 20 of the 57 men with a
 * moustache, beard or clear stubble. This read adds 9 more (4 on the 100 rows its thresholds were set on, 5 on the
 * 200 that checked them), and none to a man without facial hair.
 *
 * The reading is the median luminance of a band between the nose and the upper lip, over that of the cheeks beside
 * the nose, in the canonical aligned crop (face/canonical-frame.json: nose base y 0.61, mouth corners y 0.67, chin
 * y 0.78). A moustache or beard darkens that band; shaved skin, even in the nose's shadow, read 0.68 or more on the
 * rows that set the thresholds. The kind follows the chin and the jaw's sides: dark chin and jaw, a full beard; dark
 * chin only, a goatee; neither, a moustache. It sees dark facial hair only: grey and blond beards, and the light
 * stubble of London's studio photos (0.73-0.92, shaved men 0.75-0.91 there), read like skin and stay as the
 * translator chose.
 */
import type { RgbaImage } from '../image/types.ts'
import type { Character } from '../rig/index.ts'

/** A box in the unit canonical frame: [x0, x1, y0, y1]. */
type Box = readonly [number, number, number, number]

/** Where the reading looks (canonical frame). */
export const FACIAL_HAIR_BOXES = Object.freeze({
  cheeks: [[0.37, 0.43, 0.56, 0.62] as Box, [0.57, 0.63, 0.56, 0.62] as Box],
  lip: [0.45, 0.55, 0.62, 0.645] as Box,
  chin: [0.45, 0.55, 0.72, 0.77] as Box,
  jaw: [[0.37, 0.42, 0.68, 0.74] as Box, [0.58, 0.63, 0.68, 0.74] as Box],
})

/** Darkness ratios (band over cheeks) at or below which the band holds facial hair. */
export const FACIAL_HAIR_LIMITS = Object.freeze({
  /** upper lip: on the rows that set it, men with a moustache or beard read 0.27-0.60 (and up to 1.06: grey and
   * blond ones), shaved faces 0.68 and more */
  lip: 0.6,
  chin: 0.7,
  jaw: 0.75,
  /** cheeks darker than this (mean luminance 0..255) are outside the photo or in deep shadow: no reading */
  cheeks: 30,
})

/** What was read: the three ratios and the kind they make (null: no dark facial hair seen). */
export interface FacialHairMeasure {
  lip: number
  chin: number
  jaw: number
  kind: 'moustache' | 'goatee' | 'full-beard' | null
}

/** Median luminance (Rec. 601, 0..255) of a box of `crop` (an aligned crop of any size). */
function medianLuma(crop: RgbaImage, [x0, x1, y0, y1]: Box): number {
  const values: number[] = []
  const s = crop.width
  for (let y = Math.floor(y0 * s); y < Math.ceil(y1 * s); y++)
    for (let x = Math.floor(x0 * s); x < Math.ceil(x1 * s); x++) {
      const i = (y * s + x) * 4
      values.push(0.299 * crop.data[i]! + 0.587 * crop.data[i + 1]! + 0.114 * crop.data[i + 2]!)
    }
  values.sort((a, b) => a - b)
  return values[values.length >> 1] ?? 0
}

/** The facial hair of the face in `crop` (its canonical aligned crop), or null when the cheeks cannot be read. */
export function measureFacialHair(crop: RgbaImage): FacialHairMeasure | null {
  const B = FACIAL_HAIR_BOXES
  const L = FACIAL_HAIR_LIMITS
  const pair = (boxes: readonly Box[]) =>
    (medianLuma(crop, boxes[0]!) + medianLuma(crop, boxes[1]!)) / 2
  const cheeks = pair(B.cheeks)
  if (cheeks < L.cheeks) return null
  const lip = medianLuma(crop, B.lip) / cheeks
  const chin = medianLuma(crop, B.chin) / cheeks
  const jaw = pair(B.jaw) / cheeks
  let kind: FacialHairMeasure['kind'] = null
  if (lip <= L.lip) kind = chin > L.chin ? 'moustache' : jaw <= L.jaw ? 'full-beard' : 'goatee'
  return { lip, chin, jaw, kind }
}

/**
 * `character` (rig v2) with the facial hair read: only for a man (the character's own gender slider >= 0.5, never
 * a photo label) the translator gave none, and only when a kind was read. Everything else is returned unchanged.
 */
export function applyFacialHair(
  character: Character,
  measure: FacialHairMeasure | null
): Character {
  if (character.rig !== 2 || !measure?.kind) return character
  if ((character.sliders['who.gender'] ?? 0.5) < 0.5) return character
  if (character.styles['hair.facial'] !== 'none') return character
  const out: Character = structuredClone(character)
  out.styles['hair.facial'] = measure.kind
  return out
}
