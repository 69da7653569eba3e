/**
 * @module create/hair-mask — hair colour and length read through a person mask (person-segmenter.onnx, MediaPipe
 * selfie segmentation). Why: create/hair.ts's boxes guess where hair is from the canonical frame alone, so a box
 * that caught the wall, the parting or a shadow gave the wrong colour (blondes read dark brown, dark-haired men
 * mid-brown) and the length came from colour guesses against the wall. The mask says which pixels are the person;
 * the person minus the face's skin, above and beside the face, is the hair:
 *
 * - colour: the crown's (above the forehead) person pixels, where the mask is sure, split in two clusters (skin
 *   and hair); the mean of the hair cluster's 30th-70th lightness percentiles, lightened where photos show light
 *   hair darker than the palette (HAIR_TONE). No hair cluster, or too few of its pixels (a bald or shaved head, a
 *   high hairline, hair of the skin's colour): no colour. Whether the cluster is one even tone (HairMeasure.even)
 *   tells grey mixed through the hair from black hair's sheen (see hair.ts fitHairColour).
 * - length: the share of hair pixels (person, not skin, near the crown's colour) in bands beside the jaw and beside
 *   the neck below the chin, as in hair.ts, but the wall no longer counts as hair (the mask) and a wall of the
 *   hair's colour no longer makes the length undecidable. Hair beside the jaw and the neck -> long; beside the jaw
 *   only -> bob; none beside the jaw -> short (for a woman this is mostly hair tied back, see applyHair).
 * - forehead: the same share on the forehead just above the inner brows, where a fringe falls (see hair.ts FRINGE_FREE).
 *
 * All regions are in the canonical aligned frame (face/canonical-frame.json: brows y 0.40, chin y 0.78, jaw at
 * x 0.31-0.69). Limits were set on the TRAIN split of ../shared/faces (the labelled fixture
 * hair-labels.train.json), never on the London evaluation set.
 */
import { applyAffine, invertAffine, type Affine } from '../face/affine.ts'
import { alignmentFor } from '../face/align.ts'
import { ibug68FromMesh } from '../face/ibug68.ts'
import { unturnedMesh } from '../face/pose.ts'
import type { RgbaImage } from '../image/types.ts'
import { dist, litColour, median3, type HairMeasure } from './hair.ts'

/** The segmenter's crop in the canonical frame: x0, y0 and side (unit frame), so head, hair and shoulders show. */
export const PERSON_FRAME = Object.freeze({ x0: -0.1, y0: -0.05, side: 1.2, size: 256 })

/** A box in the unit canonical frame: [x0, x1, y0, y1]. */
type Box = readonly [number, number, number, number]

/** Where hair is looked for (canonical frame). */
export const MASK_BOXES = Object.freeze({
  /** above the brows, over the skull: hair, forehead skin or (outside the mask) the wall */
  crown: [0.26, 0.74, 0.0, 0.3] as Box,
  cheek: [[0.18, 0.29, 0.5, 0.66] as Box, [0.71, 0.82, 0.5, 0.66] as Box],
  low: [[0.18, 0.33, 0.8, 0.92] as Box, [0.67, 0.82, 0.8, 0.92] as Box],
  /** the forehead above the inner brows (brows at y 0.40): skin, or a fringe (the rig's fringes cover it whole) */
  forehead: [0.4, 0.6, 0.27, 0.33] as Box,
  /** the upper forehead, lit like the scalp above it (isScalp) */
  upperForehead: [0.4, 0.6, 0.2, 0.3] as Box,
})

export const MASK_LIMITS = Object.freeze({
  /** mask probability above which a pixel is the person */
  person: 0.5,
  /** the crown's colour is read only where the mask is sure (its soft edge mixes hair and wall) */
  crownPerson: 0.9,
  /** the lightness percentiles of the hair cluster whose mean is the hair colour (on the 37 labelled train
   * photos with visible hair: 0.3-0.7 read 10 classes right and 23 within one shade, 0.5-0.9 (the lit half) 7 and
   * 19: the cluster already leaves out the skin-lit pixels, the top decile is sheen and wall bleed) */
  litFrom: 0.3,
  litTo: 0.7,
  /** fewest crown hair pixels (of the 256-px crop) for a colour */
  crownMin: 150,
  /** a colour within this sRGB distance of the skin (or with the skin's chromaticity and lighter) is skin */
  skin: 38,
  skinChroma: 0.012,
  /** at least this many crown pixels must be non-skin person pixels for a hair colour (share of the crown's
   * person pixels inside the photo) */
  crownHair: 0.25,
  /** a band counts when this share of it lies inside the photo */
  inside: 0.5,
  /** a person pixel is hair when within this distance of the crown's median hair colour */
  pixel: 70,
  /** a band with at least this share of hair pixels has hair, with at most `bare` none */
  covered: 0.3,
  bare: 0.08,
  /** the crown's hair cluster within this sRGB distance of the upper forehead is the scalp (the two bald London men
   * read 3 and 33; no crown of the 75 labelled TRAIN photos comes closer than 53 to a skin-coloured forehead) */
  scalp: 40,
  /** ... where that forehead is skin: within this chromaticity distance of the face's median skin (lit skin is
   * pinker: 0.015 and 0.030 for those two men) */
  scalpChroma: 0.035,
  /** ... and a scalp has the skin's colour: at least this share of the skin's colourfulness (max - min of r, g, b;
   * grey hair is not, see isScalp) */
  scalpColourful: 0.5,
  /** the crown's hair is even (HairMeasure.even) when its darkest tenth is at least this share of its median
   * lightness (engine renders of grey hair 0.88-0.93; black hair with a sheen on TRAIN photos 0.47-0.62) */
  even: 0.75,
  /** fewest person pixels in the crown box for a texture read (HairMeasure.coherence) */
  textureMin: 500,
})

/** The most colourful (max - min of r, g, b) a cluster can be and still be sheen (the light brown and blond hair of
 * the hair-labels fixture's TRAIN photos reads 30 and more). */
const L_SHEEN_CHROMA = 16
const lightness = (c: ArrayLike<number>): number => (c[0]! + c[1]! + c[2]!) / 3
const chroma = (c: ArrayLike<number>): number =>
  Math.max(c[0]!, c[1]!, c[2]!) - Math.min(c[0]!, c[1]!, c[2]!)

/**
 * Photo hair lightness (mean of r, g, b of the read colour) -> the lightness of the palette colour that shows that
 * hair (knots [photo, palette], linear between). Light hair photographs darker than the rig's palette shows it: the
 * 7 blondes of the TRAIN-split Canada studio photos (hair-labels.train.json) read lightness 67-95 (median 82),
 * where the palette's light brown is 93 and dark blond 126, so every blonde became brown. The knots put that median
 * on dark blond (130) and leave hair up to brown (55, Canada's brown median 56) as read; grey and platinum (170+)
 * keep about their lightness. Canada (the knots' source): colour class right 15 -> 19 of 40; the Pixabay labels,
 * not used for the knots: 10 -> 11 of 35, within one shade 21 -> 22.
 */
export const HAIR_TONE: readonly (readonly [number, number])[] = Object.freeze([
  [0, 0],
  [55, 55],
  [82, 130],
  [170, 200],
  [255, 255],
])

/**
 * `rgb` scaled so that its lightness follows HAIR_TONE (hue and saturation kept), for hair with colour. The lift is
 * for blondes, whose hair reads warm (max - min of r, g, b 30 and more); a colourless mid-dark read (chroma <= 8,
 * lightness under 90) is black hair with its sheen averaged in, and was lifted to light brown (London's black-haired
 * people with a studio sheen read 78-92). Between those the lift fades in, by chroma or by lightness (grey hair,
 * 120 and lighter, keeps its full lift), so the map stays monotone in lightness.
 */
export function toneMap(rgb: readonly number[]): [number, number, number] {
  const l = (rgb[0]! + rgb[1]! + rgb[2]!) / 3
  const clamp01 = (v: number) => Math.min(1, Math.max(0, v))
  const lift = Math.max(clamp01((chroma(rgb) - 8) / 8), clamp01((l - 90) / 30))
  let target = l
  for (let k = 1; k < HAIR_TONE.length; k++) {
    const [x0, y0] = HAIR_TONE[k - 1]!
    const [x1, y1] = HAIR_TONE[k]!
    if (l <= x1) {
      target = y0 + ((l - x0) * (y1 - y0)) / (x1 - x0)
      break
    }
  }
  const gain = l > 0 ? (l + lift * (target - l)) / l : 1
  return [0, 1, 2].map((c) => Math.min(255, Math.round(rgb[c]! * gain))) as [number, number, number]
}

/** The map from the segmenter's unit crop square to the image, for a face's alignToImage (unit frame -> image). */
export function personCropToImage(alignToImage: Affine): Affine {
  const { x0, y0, side } = PERSON_FRAME
  const [a, b, c, d, e, f] = alignToImage
  return [a * side, b * side, a * x0 + b * y0 + c, d * side, e * side, d * x0 + e * y0 + f]
}

/** The segmenter's input: the crop's RGB as NHWC float32 in [0, 1]. */
export function segmenterInput(crop: RgbaImage): Float32Array {
  const n = crop.width * crop.height
  const out = new Float32Array(n * 3)
  for (let i = 0; i < n; i++)
    for (let c = 0; c < 3; c++) out[i * 3 + c] = crop.data[i * 4 + c]! / 255
  return out
}

function isSkin(c: ArrayLike<number>, skin: ArrayLike<number> | null): boolean {
  if (!skin) return false
  if (dist(c, skin) <= MASK_LIMITS.skin) return true
  // lit skin: at least 0.8 of the skin's lightness, with its chromaticity
  if (lightness(c) < 0.8 * lightness(skin)) return false
  return chromaticityDistance(c, skin) <= MASK_LIMITS.skinChroma
}

/**
 * The hair among the crown's person pixels: two clusters (k-means in RGB, one started at the skin colour, one at
 * the darkest quarter's mean); the one farther from the skin is the hair. Why not a fixed distance to the face's
 * median skin: the forehead is lit differently from the cheeks, and its pixels passed as brown hair (black hair
 * read brown on the train photos).
 */
function hairCluster(pixels: number[][], skin: ArrayLike<number> | null): number[][] {
  if (pixels.length < 2) return []
  const byLight = [...pixels].sort((a, b) => a[0]! + a[1]! + a[2]! - (b[0]! + b[1]! + b[2]!))
  const mean = (ps: number[][]) =>
    [0, 1, 2].map((c) => ps.reduce((a, p) => a + p[c]!, 0) / ps.length)
  let centres = [
    skin ? [skin[0]!, skin[1]!, skin[2]!] : mean(byLight.slice((byLight.length * 3) >> 2)),
    mean(byLight.slice(0, Math.max(1, byLight.length >> 2))),
  ]
  let label: number[] = []
  for (let it = 0; it < 10; it++) {
    label = pixels.map((p) => (dist(p, centres[0]!) <= dist(p, centres[1]!) ? 0 : 1))
    const next = [0, 1].map((k) => {
      const members = pixels.filter((_, i) => label[i] === k)
      return members.length ? mean(members) : centres[k]!
    })
    centres = next
  }
  const ref = skin ?? centres[0]!
  let hair = dist(centres[1]!, ref) >= dist(centres[0]!, ref) ? 1 : 0
  // Dark skin and black hair are about as far from each other as the light, colourless sheen on that hair (or
  // the wall at the scalp's edge) is from either, so the farther cluster was the sheen, and young Black people
  // got grey hair. A colourless cluster lighter than a non-skin one beside it is the sheen, not the hair.
  const other = centres[1 - hair]!
  if (
    lightness(centres[hair]!) > lightness(other) &&
    chroma(centres[hair]!) <= L_SHEEN_CHROMA &&
    !isSkin(other, skin)
  )
    hair = 1 - hair
  // a cluster no farther from the skin than the skin test allows is skin too (a bald or shaved head)
  if (skin && isSkin(centres[hair]!, skin)) return []
  return pixels.filter((_, i) => label[i] === hair)
}

/**
 * Whether the crown's hair cluster (median `crown`) is a bald or shaved scalp: the colour of the upper forehead below
 * it (`forehead()`, skin, lit alike; within MASK_LIMITS.scalp) and no darker than the face's skin (the scalp
 * catches the top light; black hair on dark skin is as close to the forehead but darker). Why: the scalp is lit
 * lighter and pinker than the face's median skin, so the skin test let it through as light blond hair, and bald men
 * got a blond ponytail or buzz cut (two London men; none of the 75 labelled TRAIN photos reads as a scalp).
 */
function isScalp(
  crown: readonly number[],
  skin: ArrayLike<number> | null,
  forehead: () => readonly number[] | null
): boolean {
  if (!skin || lightness(crown) < lightness(skin)) return false
  // a scalp has the skin's colour: grey hair is lighter than dark skin, and where a side fringe covers the upper
  // forehead that band is the same grey (an engine braid read bald: crown (110, 103, 101), chroma 9; forehead
  // (104, 96, 93); skin (90, 74, 68), chroma 22)
  if (chroma(crown) < MASK_LIMITS.scalpColourful * chroma(skin)) return false
  const f = forehead()
  return (
    f !== null &&
    dist(crown, f) <= MASK_LIMITS.scalp &&
    chromaticityDistance(f, skin) <= MASK_LIMITS.scalpChroma
  )
}

/** Whether `pixels` are one even tone: the darkest tenth at least MASK_LIMITS.even of the median lightness. */
export function evenTone(pixels: readonly number[][]): boolean {
  if (pixels.length === 0) return false
  const light = pixels.map(lightness).sort((a, b) => a - b)
  return (
    light[Math.floor(0.1 * (light.length - 1))]! >= MASK_LIMITS.even * light[light.length >> 1]!
  )
}

/** Distance of the chromaticities (r and g over r + g + b) of two colours. */
function chromaticityDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const sa = a[0]! + a[1]! + a[2]!
  const sb = b[0]! + b[1]! + b[2]!
  if (sa <= 0 || sb <= 0) return Infinity
  return Math.hypot(a[0]! / sa - b[0]! / sb, a[1]! / sa - b[1]! / sb)
}

/** One band's pixels: RGB and mask value of the crop's pixels inside the photo, and the share inside. */
function band(
  crop: RgbaImage,
  mask: ArrayLike<number>,
  box: Box,
  toImage: Affine,
  imageSize: [number, number],
  threshold: number = MASK_LIMITS.person
): { pixels: number[][]; person: boolean[]; inside: number } {
  const { x0, y0, side } = PERSON_FRAME
  const s = crop.width
  // canonical -> crop pixels
  const u = (x: number) => ((x - x0) / side) * s
  const v = (y: number) => ((y - y0) / side) * s
  const pixels: number[][] = []
  const person: boolean[] = []
  let total = 0
  for (let y = Math.max(0, Math.floor(v(box[2]))); y < Math.min(s, Math.floor(v(box[3]))); y++)
    for (let x = Math.max(0, Math.floor(u(box[0]))); x < Math.min(s, Math.floor(u(box[1]))); x++) {
      total++
      const [ix, iy] = applyAffine(toImage, (x + 0.5) / s, (y + 0.5) / s)
      if (ix < 0 || iy < 0 || ix >= imageSize[0] || iy >= imageSize[1]) continue
      const k = y * s + x
      pixels.push([crop.data[4 * k]!, crop.data[4 * k + 1]!, crop.data[4 * k + 2]!])
      person.push(mask[k]! >= threshold)
    }
  return { pixels, person, inside: total ? pixels.length / total : 0 }
}

/**
 * Hair colour and length from the segmenter's `crop` (PERSON_FRAME.size square, cut through
 * personCropToImage(alignToImage)) and its `mask` (one probability per crop pixel); `skin` is the face's median
 * skin sRGB 0..255 (null when unknown).
 */
export function measureHairMasked(
  crop: RgbaImage,
  mask: ArrayLike<number>,
  alignToImage: Affine,
  imageSize: [number, number],
  skin: ArrayLike<number> | null,
  turn: TurnMap = NO_TURN
): HairMeasure {
  const L = MASK_LIMITS
  const toImage = personCropToImage(alignToImage)
  const crown = band(crop, mask, MASK_BOXES.crown, toImage, imageSize, L.crownPerson)
  const people = crown.pixels.filter((_, i) => crown.person[i])
  const hairTop = hairCluster(people, skin)
  let color: [number, number, number] | null = null
  let reference: [number, number, number] | null = null
  const bald = hairTop.length > 0 && isScalp(median3(hairTop), skin, () => {
    const b = band(crop, mask, MASK_BOXES.upperForehead, toImage, imageSize)
    const skinPixels = b.pixels.filter((_, i) => b.person[i])
    return skinPixels.length ? median3(skinPixels) : null
  }) // prettier-ignore
  let even = false
  if (!bald && hairTop.length >= L.crownMin && hairTop.length >= L.crownHair * people.length) {
    color = toneMap(litColour(hairTop, L.litFrom, L.litTo))
    reference = median3(hairTop)
    even = evenTone(hairTop)
  }
  /** Hair share of each box inside the photo (boxes mostly outside it are left out). */
  const shares = (boxes: readonly Box[]): number[] => {
    if (!reference) return []
    const out: number[] = []
    for (const b of boxes) {
      const { pixels, person, inside } = band(crop, mask, b, toImage, imageSize)
      if (inside < L.inside) continue
      let hair = 0
      pixels.forEach((p, i) => {
        if (person[i] && !isSkin(p, skin) && dist(p, reference) < L.pixel) hair++
      })
      out.push(hair / pixels.length)
    }
    return out
  }
  // long hair falls on both sides: the less covered side decides (a hand or a collar can fill one side)
  const least = (v: number[]): number | null => (v.length ? Math.min(...v) : null)
  const forehead = least(shares([MASK_BOXES.forehead]))
  // A turned face shows its hair on one side only as often as on both (the far side's is a strip at the
  // silhouette, the near side's may fall behind the shoulder): there, hair seen on either side counts.
  const turned = turn.scale.some((s) => s < TURN_SQUEEZED)
  const side = turned ? (v: number[]) => (v.length ? Math.max(...v) : null) : least
  const cheeks = shares(besideFace(MASK_BOXES.cheek, turn))
  const cheek = side(cheeks)
  const low = side(shares(besideFace(MASK_BOXES.low, turn)))
  let length: HairMeasure['length'] = null
  if (cheek !== null) {
    if (cheek >= L.covered) length = low !== null && low <= L.bare ? 'bob' : 'long'
    // nothing beside the jaw: short (or tied back). The band below the chin is not asked: a dark collar there
    // has a dark-haired man's colour (two train men read long when it was)
    else if (cheek <= L.bare) length = 'short'
  }
  const oneSide = cheeks.length === 1 || turned
  const coherence = bald ? null : crownCoherence(crop, mask)
  return { color, cheek, low, length, oneSide, forehead, bald, even, coherence }
}

/**
 * How strongly the crown's texture runs one way: the structure tensor (Sobel gradients of the crop's lightness,
 * summed over 5 x 5 pixels) at every person pixel of MASK_BOXES.crown, its coherence sqrt((a - c)^2 + 4b^2) / (a + c)
 * averaged with the tensor's trace as weight (smooth skin, a plain cap or the wall add little). 1: parallel strands,
 * 0: no direction (coils). Null with fewer than MASK_LIMITS.textureMin person pixels there. At the segmenter crop's
 * resolution (a face ~210 px wide) a coil is a few pixels across, a strand's run much longer.
 */
export function crownCoherence(crop: RgbaImage, mask: ArrayLike<number>): number | null {
  const S = crop.width
  // the crown box in crop pixels (unit canonical frame -> crop: PERSON_FRAME), kept 3 pixels inside the crop
  const px = (u: number, origin: number) => Math.round(((u - origin) / PERSON_FRAME.side) * S)
  const [bx0, bx1, by0, by1] = MASK_BOXES.crown
  const x0 = Math.max(3, px(bx0, PERSON_FRAME.x0)),
    x1 = Math.min(S - 3, px(bx1, PERSON_FRAME.x0))
  const y0 = Math.max(3, px(by0, PERSON_FRAME.y0)),
    y1 = Math.min(crop.height - 3, px(by1, PERSON_FRAME.y0))
  if (x1 <= x0 || y1 <= y0) return null
  // Sobel gradients over the box grown by the tensor's 2-pixel reach.
  const W = x1 - x0 + 4,
    H = y1 - y0 + 4
  const gx = new Float32Array(W * H),
    gy = new Float32Array(W * H)
  const d = crop.data
  const lum = (x: number, y: number) => {
    const o = (y * S + x) * 4
    return 0.3 * d[o]! + 0.59 * d[o + 1]! + 0.11 * d[o + 2]!
  }
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const X = x0 - 2 + x,
        Y = y0 - 2 + y
      gx[y * W + x] = (lum(X + 1, Y - 1) + 2 * lum(X + 1, Y) + lum(X + 1, Y + 1) - lum(X - 1, Y - 1) - 2 * lum(X - 1, Y) - lum(X - 1, Y + 1)) / 8 // prettier-ignore
      gy[y * W + x] = (lum(X - 1, Y + 1) + 2 * lum(X, Y + 1) + lum(X + 1, Y + 1) - lum(X - 1, Y - 1) - 2 * lum(X, Y - 1) - lum(X + 1, Y - 1)) / 8 // prettier-ignore
    }
  }
  let sum = 0,
    weight = 0,
    n = 0
  for (let y = 2; y < H - 2; y++) {
    for (let x = 2; x < W - 2; x++) {
      if (mask[(y0 - 2 + y) * S + x0 - 2 + x]! < MASK_LIMITS.person) continue
      n++
      let a = 0,
        b = 0,
        c = 0
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const j = (y + dy) * W + x + dx
          a += gx[j]! * gx[j]!
          b += gx[j]! * gy[j]!
          c += gy[j]! * gy[j]!
        }
      }
      const trace = a + c
      if (!(trace > 1e-6)) continue
      sum += Math.sqrt((a - c) * (a - c) + 4 * b * b)
      weight += trace
    }
  }
  return n >= MASK_LIMITS.textureMin && weight > 0 ? sum / weight : null
}

/** The bands beside the face (the subject's right side first), placed for the face's turn (turnMap). */
export function besideFace(boxes: readonly Box[], turn: TurnMap): Box[] {
  return boxes.map((b, i) => {
    const [a, c] = [b[0], b[1]].map((x) => turn.mid + turn.scale[i]! * (x - turn.frontalMid))
    return [Math.min(a!, c!), Math.max(a!, c!), b[2], b[3]] as Box
  })
}

/** A side squeezed by the turn below this share of its frontal width makes the face a turned one (about 12 degrees). */
export const TURN_SQUEEZED = 0.85

/**
 * Where the bands beside the jaw go on a turned face: across the frame, each side of the face is stretched or
 * squeezed about its midline, x -> mid + scale[side] * (x - frontalMid) (unit canonical frame), so that the outline
 * of the face as it faces the camera lands on the outline seen. NO_TURN for a face turned less than TURN_SQUEEZED.
 */
export interface TurnMap {
  /** the midline's x in the photo's frame, and in the frame of the same face turned to the camera */
  readonly mid: number
  readonly frontalMid: number
  /** [subject's right side, left side] */
  readonly scale: readonly [number, number]
}
/** No turn: the bands where MASK_BOXES puts them. */
export const NO_TURN: TurnMap = Object.freeze({
  mid: 0.5,
  frontalMid: 0.5,
  scale: Object.freeze([1, 1] as const),
})

/** Mesh points on the midline of the lower face: upper and lower lip, chin. */
const LOWER_MIDLINE = [0, 17, 152]

/**
 * The TurnMap of a face from its mesh (image pixels) and alignment. Why: the bands beside the jaw sit at fixed
 * places in the frame, so on a face turned 20 degrees the far side's band fell on the wall beyond its
 * foreshortened hair (no hair beside the jaw: long hair read short, and a woman's tied back). On engine renders
 * of 30 plausible people turned 20 degrees, the hairstyle differed from the front view's for 15 (mostly long hair
 * made a ponytail or a short cut), 9 with the map. The outline is the mesh's outermost point at the jaw band's
 * height (the far side's silhouette); the midline, the lips' and the chin's.
 */
export function turnMap(mesh: Float32Array, alignToImage: Affine): TurnMap {
  const [y0, y1] = [MASK_BOXES.cheek[0]![2], MASK_BOXES.cheek[0]![3]]
  const measure = (m: Float32Array, toFrame: Affine | null) => {
    if (!toFrame) return null
    let lo = Infinity
    let hi = -Infinity
    for (let i = 0; i < 468; i++) {
      const [x, y] = applyAffine(toFrame, m[i * 3]!, m[i * 3 + 1]!)
      if (y < y0 || y > y1) continue
      lo = Math.min(lo, x)
      hi = Math.max(hi, x)
    }
    let mid = 0
    for (const v of LOWER_MIDLINE)
      mid += applyAffine(toFrame, m[v * 3]!, m[v * 3 + 1]!)[0] / LOWER_MIDLINE.length
    return mid - lo > 0 && hi - mid > 0 ? { lo, hi, mid } : null
  }
  const unturned = unturnedMesh(mesh)
  const seen = measure(mesh, invertAffine(alignToImage))
  const frontal = measure(unturned, invertAffine(alignmentFor(ibug68FromMesh(unturned))))
  if (!seen || !frontal) return NO_TURN
  const scale: [number, number] = [(seen.mid - seen.lo) / (frontal.mid - frontal.lo), (seen.hi - seen.mid) / (frontal.hi - frontal.mid)] // prettier-ignore
  // A face turned less than that is read as a frontal one: the bands where MASK_BOXES puts them, as before.
  return scale.some((v) => v < TURN_SQUEEZED)
    ? { mid: seen.mid, frontalMid: frontal.mid, scale }
    : NO_TURN
}
