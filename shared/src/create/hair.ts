/**
 * @module create/hair — hair colour and length measured in the photo's aligned crop, and applied to the
 * translator's character. Why: the translator's input (a recogniser embedding, landmarks, face-part colours) does
 * not show the hair, so it learned hair from what it can see: length followed the (pseudo-)gender and colour the
 * renders' mean (a brown-grey). The player's hair is visible in the photo, so it is read from the pixels instead:
 *
 * - colour: the lit colour (litColour) of a band above the forehead (HAIR_BOXES.top); when that band is the photo's skin (bald, or
 *   a high hairline) or outside the photo, the translator's colour stays. Grey only with evidence: the band is
 *   light and colourless, or mid-light, colourless and even (a near-black or brown band never gets grey).
 * - length: the share of hair-coloured pixels (closer to the hair than to the background, sampled in the top
 *   corners, and than to the skin) in bands beside the jaw (`cheek`) and beside the neck below the chin (`low`);
 *   hair there means long hair (below the chin) or a bob (to the jaw). Undecidable (the translator's choice stays)
 *   when the bands are mostly outside the photo or the background has the hair's colour.
 *
 * The boxes are in the canonical aligned frame (face/canonical-frame.json: brows y 0.40, chin y 0.78, jaw at
 * x 0.31-0.69 at eye level), where the training renders put the head; the thresholds were set by looking at the
 * train-split photos of ../shared/faces and at engine renders, never at the London evaluation set.
 */
import { applyAffine, type Affine } from '../face/affine.ts'
import type { RgbaImage } from '../image/types.ts'
import { COLORS } from '../rig/colors.ts'
import { samplePalette, type Srgb } from '../rig/eval-colors.ts'
import type { Character } from '../rig/index.ts'
import { STYLES_V2 } from '../rig/v2/styles.ts'
import { mostProbableOption } from './rigs.ts'

/** A box in the unit aligned frame: [x0, x1, y0, y1]. */
type Box = readonly [number, number, number, number]

/** Where hair is looked for, in the unit canonical frame. */
export const HAIR_BOXES = Object.freeze({
  top: [0.42, 0.58, 0.15, 0.22] as Box,
  cheek: [[0.2, 0.27, 0.5, 0.62] as Box, [0.73, 0.8, 0.5, 0.62] as Box],
  low: [[0.26, 0.35, 0.79, 0.87] as Box, [0.65, 0.74, 0.79, 0.87] as Box],
  background: [[0.02, 0.12, 0.02, 0.12] as Box, [0.88, 0.98, 0.02, 0.12] as Box],
})

/** Thresholds of the measurement (sRGB 0..255 distances, shares of a band). */
export const HAIR_LIMITS = Object.freeze({
  /** A band counts only when at least this share of it lies inside the photo. */
  inside: 0.5,
  /** The top band is skin (no hair colour read) when its median is this close to the skin's, or has the skin's
   * chromaticity (r, g, b over their sum, within `skinChroma`) and at least 0.8 of its lightness (a lit scalp). */
  skin: 40,
  skinChroma: 0.015,
  /** A pixel is hair when within this distance of the hair colour (and nearer it than background and skin). */
  pixel: 60,
  /** Length is undecidable when the background is this close to the hair colour (a light-haired person on a
   * white wall read as long-haired at 45). */
  background: 70,
  /** A side band with at least this share of hair pixels has hair. */
  covered: 0.4,
  /** A side band with at most this share has none. */
  bare: 0.06,
  /** Grey is allowed when the band is at least this light (mean of r, g, b) ... (at 95, light-brown hair under
   * flat studio light, mean 120-130 and nearly colourless, turned grey; a grey-haired train photo reads 161) */
  greyLight: 150,
  /** ... and at most this colourful (max - min of r, g, b; a grey-haired woman of the train photos read 27,
   * light brown hair is about 68). */
  greyChroma: 32,
  /** A read at most this colourful and darker than `greyLight` is black or dark hair whose sheen the read took in
   * (the strands are dark, the highlights white: the mean is a colourless mid grey). Fitted as read, such hair got
   * light brown to dark blond: London's black-haired people under studio light read 83-129 (066, 042, 114), a
   * glossy dark-brown TRAIN photo 148, a black-labelled one 79 (hair-labels.train.json). The same bound as
   * create/hair-mask.ts toneMap's colourless sheen. */
  sheenChroma: 8,
  /** ... and is fitted at no more than this lightness (mean of r, g, b): the palette's dark brown (hair.color
   * about 0.15; a colourless 50 fits 0.24, 90 fits 0.46). */
  sheenDark: 35,
  /** An even read (HairMeasure.even) at least this light and at most `evenGreyChroma` colourful is grey mixed
   * through the hair, not sheen: grey is searched and the read is fitted as it is. On `eval likeness`'s 100 held-out
   * renders, hair at grey 0.4-0.6 reads colourless and even at 86-145 (darkest tenth 0.88-0.93 of the median) and
   * was fitted as dark brown without grey; black and dark-brown hair of the labelled TRAIN photos reads even only
   * at 57 or darker (Canada studio light), and with sheen reads uneven (0.47 at 79). */
  evenGreyLight: 64,
  evenGreyChroma: 16,
  /** A read at least this light (mean of r, g, b after the sheen's mapping: dark blond and lighter) may take up to
   * `ashGrey` of the grey mix, without red, where that fits it better. Why: ash and dark blond are less colourful
   * than the palette's golden blonds (London's dark-blonde women read about (160, 135, 116); the palette's nearest,
   * hair.color 0.7, rendered orange-gold on them); mixed with grey they render as the muted blond of their photos.
   * Session 36: London refined id_cos +0.002 [0.001, 0.004] (16 people better, 2 worse), held-out +0.001; on the 75
   * hand-labelled TRAIN photos the colour class is right for 28 (was 30: two pink-lit Canada blondes and a Pixabay
   * blonde now fit hair.color 0.5-0.6 with grey, which the class calls "brown", and one brown-haired woman is now
   * right) and within a shade for 62 (unchanged). Red with grey is left out: pink-lit blond reads fitted so as red
   * hair. */
  ashLight: 120,
  ashGrey: 0.4,
  /** The top band is background (the head ends lower), not hair, when this close to the top corners' colour. */
  topBackground: 40,
})

/** What measureHair read; null fields were not measurable in this photo. */
export interface HairMeasure {
  /** Median sRGB 0..255 of the top band (null: outside the photo, or skin). */
  color: [number, number, number] | null
  /** Share of hair pixels beside the jaw / below the chin (the lesser of both sides, the greater on a turned face;
   * null: not measurable). */
  cheek: number | null
  low: number | null
  /** 'long' (below the chin), 'bob' (to the jaw), 'short' (none beside the face) or null (undecidable). */
  length: 'long' | 'bob' | 'short' | null
  /**
   * The length was read beside one side of the jaw only: the photo cuts off the other (a tight crop), or the head
   * is turned so far that either side's hair counts (hair-mask.ts TURN_SQUEEZED). Hair there may then be a
   * sideburn, a beard or a dark collar, not long hair: of the 811 Pixabay TRAIN photos, 194 read long from one
   * side, 144 women and 50 men (the index's gender column, checked only), and looked at, few of those men have long
   * hair (among the photos the gender read is sure of, 114 of 321 women and 41 of 330 men read long from one side,
   * 36 and none from both). So a man's character does not take a one-sided read (applyHair); as evidence of a woman
   * (create/gender.ts) it counts, at the odds measured over both kinds. Absent in measures made before it (read as
   * false).
   */
  oneSide?: boolean
  /** Share of hair pixels on the forehead above the inner brows (a fringe; null: not measured, as from boxes). */
  forehead: number | null
  /** The crown is a bald or shaved scalp (read through the person mask only; boxes leave it false). */
  bald: boolean
  /** The crown's hair is one even tone (read through the person mask only; absent from boxes): its darkest tenth
   * is at least MASK_LIMITS.even of its median lightness. Grey through dark hair blends so, at a photo's
   * resolution as in the engine's renders; black hair's sheen leaves dark strands beside the light ones. */
  even?: boolean
  /** How strongly the crown's hair runs one way (read through the person mask only; absent from boxes; null: too
   * little hair): 0..1, the structure tensor's coherence (crownCoherence in hair-mask.ts). Strands lie in parallel
   * (straight and wavy hair, most of a cap), coils do not (afro-textured and tightly curled hair). */
  coherence?: number | null
}

/** Pixels of `box` of the `crop` (an aligned crop of `imageSize` photo through `alignToImage`) inside the photo. */
function boxPixels(
  crop: RgbaImage,
  box: Box,
  alignToImage: Affine,
  imageSize: [number, number]
): { pixels: number[][]; inside: number } {
  const [x0, x1, y0, y1] = box
  const s = crop.width
  const pixels: number[][] = []
  let total = 0
  for (let y = Math.floor(y0 * s); y < Math.floor(y1 * s); y++)
    for (let x = Math.floor(x0 * s); x < Math.floor(x1 * s); x++) {
      total++
      const [ix, iy] = applyAffine(alignToImage, (x + 0.5) / s, (y + 0.5) / s)
      if (ix < 0 || iy < 0 || ix >= imageSize[0] || iy >= imageSize[1]) continue
      const k = (y * s + x) * 4
      pixels.push([crop.data[k]!, crop.data[k + 1]!, crop.data[k + 2]!])
    }
  return { pixels, inside: total ? pixels.length / total : 0 }
}

/** Per-channel median of sRGB pixels. */
export function median3(pixels: number[][]): [number, number, number] {
  return [0, 1, 2].map((c) => {
    const v = pixels.map((p) => p[c]!).sort((a, b) => a - b)
    return v[v.length >> 1]!
  }) as [number, number, number]
}

/**
 * The colour a person sees in a band of hair: the mean of its `from`-`to` lightness percentiles (50th-90th unless
 * said). The median of a photo's hair band is darker than the hair looks (the parting, shadow between strands):
 * blond hair read as light brown on the train photos.
 */
export function litColour(pixels: number[][], from = 0.5, to = 0.9): [number, number, number] {
  const sorted = [...pixels].sort((a, b) => a[0]! + a[1]! + a[2]! - (b[0]! + b[1]! + b[2]!))
  const lo = Math.floor(sorted.length * from)
  const part = sorted.slice(lo, Math.max(Math.floor(sorted.length * to), lo + 1))
  return [0, 1, 2].map((c) => Math.round(part.reduce((a, p) => a + p[c]!, 0) / part.length)) as [number, number, number]
} // prettier-ignore

/** Euclidean sRGB distance. */
export const dist = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!)

/** Whether `c` is the skin `skin` (sRGB 0..255), possibly more brightly lit. */
function skinLike(c: ArrayLike<number>, skin: ArrayLike<number>): boolean {
  if (dist(c, skin) <= HAIR_LIMITS.skin) return true
  const sc = c[0]! + c[1]! + c[2]!
  const ss = skin[0]! + skin[1]! + skin[2]!
  if (sc < 0.8 * ss || ss <= 0) return false
  const chroma = Math.hypot(c[0]! / sc - skin[0]! / ss, c[1]! / sc - skin[1]! / ss)
  return chroma <= HAIR_LIMITS.skinChroma
}

/**
 * Hair colour and length of the face whose aligned crop is `crop` (any size; the canonical frame), made from a
 * photo of `imageSize` [width, height] through `alignToImage`; `skin` is the face's median skin sRGB 0..255 (null
 * when unknown).
 */
export function measureHair(
  crop: RgbaImage,
  alignToImage: Affine,
  imageSize: [number, number],
  skin: ArrayLike<number> | null
): HairMeasure {
  const L = HAIR_LIMITS
  const top = boxPixels(crop, HAIR_BOXES.top, alignToImage, imageSize)
  const bg = HAIR_BOXES.background.flatMap(
    (b) => boxPixels(crop, b, alignToImage, imageSize).pixels
  )
  const background = bg.length >= 20 ? median3(bg) : null
  let color: [number, number, number] | null = null
  if (top.inside >= L.inside) {
    const m = litColour(top.pixels)
    const bare = skin && skinLike(m, skin)
    const wall = background && dist(m, background) < L.topBackground
    if (!bare && !wall) color = m
  }
  /** Hair share of each box inside the photo (boxes mostly outside it are left out). */
  const shares = (boxes: readonly Box[]): number[] => {
    if (!color) return []
    const out: number[] = []
    for (const b of boxes) {
      const { pixels, inside } = boxPixels(crop, b, alignToImage, imageSize)
      if (inside < L.inside) continue
      let hair = 0
      for (const p of pixels) {
        const dh = dist(p, color)
        if (
          dh < L.pixel &&
          (!background || dh < dist(p, background)) &&
          (!skin || dh < dist(p, skin))
        )
          hair++
      }
      out.push(hair / pixels.length)
    }
    return out
  }
  // long hair falls on both sides: the less covered side decides (one side can be a hair-coloured object)
  const least = (v: number[]): number | null => (v.length ? Math.min(...v) : null)
  const cheeks = shares(HAIR_BOXES.cheek)
  const cheek = least(cheeks)
  const low = least(shares(HAIR_BOXES.low))
  let length: HairMeasure['length'] = null
  const separable = !background || !color || dist(background, color) >= L.background
  if (separable && cheek !== null) {
    if (cheek >= L.covered) length = low !== null && low <= L.bare ? 'bob' : 'long'
    else if (cheek <= L.bare && (low === null || low <= L.bare)) length = 'short'
  }
  return { color, cheek, low, length, oneSide: cheeks.length === 1, forehead: null, bald: false }
}

/**
 * Hair styles (rig v2 ids) that each measured length allows; the translator's most probable of them is taken.
 * Except for a woman (the character's own gender slider < 0.5, not a photo label) with no hair beside her face: that
 * is mostly hair tied back (most London women, several train photos). Where the photo shows it (tiedBack) she gets
 * TIED_BACK, else loose long hair, unless the translator names a short cut for her (SHORT_CUT_SURE). History: until
 * session 10 she kept the translator's style (mostly long hair, but a buzz cut or a short crop for some); from
 * session 6 to 35 she got loose long hair, because with the look of then the ponytail made FaceRes read 16 more
 * London women's characters as men (gender_agree 0.75, was 0.88), and the bob's fringe covers the brows (the
 * translator's gender_agree 0.81, landmark_nme 0.024 -> 0.034). And a man whose hair reaches his jaw gets MAN_BOB.
 */
export const LENGTH_STYLES: Readonly<Record<'long' | 'bob' | 'short', readonly string[]>> = {
  // loose long hair only: long bob and braid hide an eye behind a fringe (landmark_nme 0.039 vs 0.025, see the card)
  long: ['long'],
  bob: ['bob', 'bob-long'],
  // a ponytail or bun shows no hair beside the face from the front
  short: [
    'bald',
    'buzz',
    'short',
    'short-textured',
    'short-swept',
    'short-cropped',
    'afro',
    'ponytail',
  ],
}

/**
 * The style of a woman (the character's own gender slider) whose hair is tied back: the rig's tied-back style.
 * Since session 36 she gets it where the photo shows it (tiedBack), no longer loose long hair. Why: the rule of
 * session 6 (LENGTH_STYLES) was made when FaceRes read most ponytailed women's characters as men; with today's face
 * (the photo's own skin detail, kept on her sex's side) it reads them as women, and loose long hair now costs
 * likeness: on the London women whose hair is tied back, the refined character with the ponytail is closer to her
 * smiling photo for FaceRes than with loose long hair for 11 of 11 in a 30-person oracle (+0.023 on average;
 * `cli/scripts/style-oracle.ts --group hair.style`), and `eval likeness` with the rule gave London refined id_cos
 * +0.008 [0.004, 0.015] with gender_agree unchanged (docs/likeness.md, "Session 36"). To the eye too: hair pulled
 * back close to the head, as in the photos.
 */
export const TIED_BACK: readonly string[] = ['ponytail']

/**
 * Whether the photo shows hair tied back: an explicit short read (nothing beside the jaw and the neck band, where
 * that band is in the photo, bare too). Why the band must be SEEN: a read that ends at the jaw (a close crop, a
 * turned face, the hair the background's colour) cannot tell hair tied back from hair hanging behind the
 * shoulders. On the 84 held-out TRAIN photos, the women it took for tied back without that band (looked at: long
 * loose hair on a blond background, a black-and-white close-up, two profiles, a cap) lost likeness with the ponytail
 * (refined id_cos -0.005, gender_agree 0.905 -> 0.857); the undecided jaw (the NO_HAIR_BELOW_CHIN path) stays loose
 * long hair too (two London women then read as men).
 */
export function tiedBack(measure: HairMeasure): boolean {
  return measure.length === 'short' && measure.low !== null
}

/**
 * What a man whose hair reaches his jaw (a 'bob' read) may get: the cuts with hair, less the ponytail (a man's is
 * rare, see applyHair) and the bob itself. Why: the rig's bob sweeps a side fringe over one eye; a short-haired
 * London man whose hair covers his ears got it and FaceRes read his character 0.35 to his smiling photo (rank 7
 * of 102), 0.64 with loose long hair (rank 1), 0.61-0.65 with any short cut (style-oracle).
 */
export const MAN_BOB: readonly string[] = [
  'long',
  'short',
  'short-textured',
  'short-swept',
  'short-cropped',
  'afro',
]

/**
 * Cuts a measured length does not contradict, where the translator's own pick is sure enough to stand
 * (TRANSLATOR_SURE): LENGTH_STYLES' choice for each length, plus the longer cuts that read as a bob when the hair
 * falls behind the shoulders (nothing beside the neck: the engine's long hair and braid read so on renders), and
 * for a short read the braid, which like the ponytail is tied back and leaves the cheeks bare from the front (the
 * renders of `eval likeness` whose braid read short: 3 of 7), and the bob, which ends at the cheekbone on the side
 * its fringe leaves open (its one render there read cheek 0.02 on both sides; the translator was 0.87 sure of it,
 * and the woman's rule below gave it loose long hair: rank 84 of 100 instead of 1). Only where the translator is
 * sure: the rules' own choice for a short read never gives a braid or a bob (a man the translator gave a 0.53 braid
 * keeps a short cut). On the 750 TRAIN photos with a face, no read of short meets the bar for a bob (women at most
 * 0.09 against SHORT_CUT_SURE, men 0.40 against TRANSLATOR_SURE).
 */
export const ALLOWED_BY_READ: Readonly<Record<'long' | 'bob' | 'short', readonly string[]>> = {
  long: ['long', 'bob-long', 'braid'],
  bob: ['bob', 'bob-long', 'long', 'braid'],
  short: [...LENGTH_STYLES.short, 'braid', 'bob'],
}

/**
 * The translator's probability of its hair style at or above which its pick stands where the read allows it
 * (ALLOWED_BY_READ), instead of the length rules' choice. Why: on the 100 held-out engine renders of `eval likeness`
 * the translator's style was right 46 of the 46 times it was this sure, and the rules changed 11 of those, all
 * wrongly (women's ponytails, afros and short cuts made loose long hair; long hair behind the shoulders made a
 * bob); synthetic retrieval_top1 was 0.805 with the rules and 0.905 with the translator's styles. On London photos
 * it is this sure of a cut the read allows for one person; elsewhere the rules decide as before.
 */
export const TRANSLATOR_SURE = 0.8

/**
 * The lower bar for a short cut the translator picks for a woman with no hair beside her face, where the tied-back
 * rule would otherwise give her loose long hair. Why: on photos the translator spreads a woman's short-hair
 * probability over many cuts (the tied-back women of the TRAIN hand labels and all 49 London women: no short cut
 * above 0.34), but where it sees a particular cut it names it: among the 743 TRAIN photos whose face the creator
 * finds, two women (pixabay px-1947327, px-3215635, looked at: both short-haired) at 0.79 and 0.63, and on the 100
 * held-out renders of `eval likeness`, the women's ponytails, afros and short cuts that the rule made long, 0.35-0.77.
 * Below it the rule stands: the two short-haired TRAIN women at 0.19-0.20 still get long hair (see docs/likeness.md).
 * Raised from 0.4 to 0.7 with the eighth translator (session 28): on the TRAIN photos, which it trained on, its
 * short-cut probability for a woman read short is 0.82 for the short-haired px-1947327 and at most 0.32 for every
 * other (tied back, or hair behind the shoulders); out of sample it is less modest: two London women with their
 * hair pulled back got a buzz cut at 0.54 and 0.61 and read as men. The bar sits above that and below the one
 * short-haired woman's 0.82.
 */
export const SHORT_CUT_SURE = 0.7

/**
 * Short cuts with a fringe over the forehead just above the inner brows, and the same length without one. Their
 * renders read that band (hair-mask.ts MASK_BOXES.forehead) 0.55-1.0 covered, the other short cuts 0.36 or less
 * (`npx tsx cli/scripts/fringe-styles.ts 3 5 8 11 13 21`). The translator, which cannot see hair, gave 'short' (a
 * fringe to the brows) to most men; photographed men mostly show their forehead. 'bob-long' and 'braid' read covered
 * too but keep their fringe: the bob, their fringe-free length, hides an eye behind its side fringe instead
 * (London landmark_nme of the two people moved to it: 0.024-0.027 -> 0.043-0.070).
 */
export const FRINGE_FREE: Readonly<Record<string, string>> = {
  short: 'short-textured',
  'short-swept': 'short-textured',
}

/**
 * A forehead whose band reads at most this share of hair is bare. On the TRAIN photos of the hair fixture
 * (hair-labels.train.json, looked at one by one), fringes over that band read 0.38-0.99, bare foreheads 0-0.67
 * (shadow, sunglasses, a wrinkled dark forehead under grey hair read as hair): below the lowest fringe, with a
 * margin, a forehead is bare. Fringes that end above the band (short bangs, a fringe swept aside) read 0, and are
 * not the rig's brow-long fringe. Session 36 raised it from 0.1 (only the barest): two London men whose foreheads
 * read 0.11 and 0.16 kept the rig's brow-long fringe; without it one went from rank 2 to 1 (FaceRes 0.59 -> 0.69 to
 * his smiling photo), the other from rank 5 to 2 (0.528 -> 0.520); no held-out character changed.
 */
export const FOREHEAD_BARE = 0.3

/**
 * The most hair (share of the band) beside the neck below the chin that still says "no hair below the chin" when
 * the band beside the jaw is undecided. Low, because long hair behind the shoulders leaves little there: the two
 * TRAIN photos labelled long where the band is measurable (hair-labels.train.json) read 0.11 and 0.38. A bare neck
 * reads 0 (the short-haired London men whose long hair this rule removed: 0-0.006); a dark collar can read high,
 * which is why the band never says "long" on its own.
 */
export const NO_HAIR_BELOW_CHIN = 0.02

/**
 * The most coherent crown texture (HairMeasure.coherence) that still shows coils: above it the Afro the translator
 * is not sure of (below TRANSLATOR_SURE) gives way to its next most probable cut. Why: the translator cannot see
 * hair, and on photos its afro is mostly a guess: of the 750 TRAIN photos whose face the creator finds it gave 23 an
 * Afro (looked at one by one: 4 with coiled or tightly curled hair, the others straight or wavy hair, hats, caps and
 * a turban), never above 0.52 sure. Their crowns read 0.62-0.79 for the coils (0.619, 0.698, 0.763, 0.786) and
 * 0.69-0.99 for the others; above 0.8 all 11 are straight hair or a cap. The 8 wrong ones at or below it keep their
 * Afro (grey wavy hair, tousled hair, caps in shadow). Set on TRAIN photos only.
 */
export const COILED_MAX = 0.8

/**
 * Cuts with hair beside the face (ALLOWED_BY_READ's long and bob). A man whose photo shows no length (no hair
 * colour seen on the crown, or the bands beside the jaw undecided: a hat or cap, a tight crop, very short dark hair
 * on dark skin, a dark background, a collar below the chin) gives up the translator's pick among them for
 * its most probable short cut. Why: the translator cannot see hair, and for such men its pick is a guess from the
 * face. On the 750 TRAIN photos whose face the creator finds, 38 men (labelled, and read as men) got one of these
 * with no length read (translator models-2026.12.04a); looked at one by one, 33 have short hair, a shaved head or a
 * cap, 2 an Afro, and 3 hair to the jaw or longer, and the translator was as sure of the wrong ones (0.999 and 0.991
 * for two short-haired men) as of the right. The rule holds for the character's own gender slider (a man's), never
 * a photo label, and 8 TRAIN women whose characters were already men (hard photos: eyes closed, heavy make-up,
 * tilted) would lose their long hair too, so the rule asks the gender read (create/gender.ts) to be sure of a man
 * (MAN_READ_SURE). Women keep the translator's pick, and so does a man with some hair beside his jaw
 * (SOME_BESIDE_JAW).
 */
export const HAIR_BESIDE_FACE: readonly string[] = [
  ...new Set([...ALLOWED_BY_READ.long, ...ALLOWED_BY_READ.bob]),
]

/**
 * The share of hair beside the jaw (HairMeasure.cheek, undecided between HAIR_LIMITS.bare and covered) from which
 * a man's photo does show some hair there, and the HAIR_BESIDE_FACE rule leaves the translator's pick. Of the 38
 * TRAIN men above, the 7 at 0.2-0.3 are half short-haired and half not (an Afro, hair over the ears, to the jaw);
 * below 0.2 nearly all are short-haired (the exceptions: two old men with long white hair, 0.12).
 */
export const SOME_BESIDE_JAW = 0.2

/**
 * The gender read's P(female) below which it is sure enough of a man for the HAIR_BESIDE_FACE rule. Of the 31 TRAIN
 * men the rule gives a short cut, 28 read below it (3 at 0.25-0.39); of the 8 TRAIN women whose characters are men,
 * 6 read 0.22-0.61 and keep their long hair (2 read 0.08-0.09).
 */
export const MAN_READ_SURE = 0.2

/** The colour parameters measureHair sets; CharacterCreator.refine holds them (and the hair style) by default. */
export const HAIR_COLOUR_IDS: readonly string[] = ['hair.color', 'hair.red', 'hair.grey']

const COLOR_DEFS = new Map(COLORS.map((c) => [c.id, c]))

/** The rig's scalp hair colour for these colour values (rig/eval-colors evalColors, hair only), sRGB 0..255. */
function hairColour(color: number, red: number, grey: number): Srgb {
  const base = samplePalette(COLOR_DEFS.get('hair.color')!, color)
  const tint = samplePalette(COLOR_DEFS.get('hair.red')!, red)
  const g = samplePalette(COLOR_DEFS.get('hair.grey')!, 0)
  return [0, 1, 2].map((k) => 255 * (base[k]! * tint[k]! * (1 - grey) + g[k]! * grey)) as Srgb
}

/**
 * The hair colour values (hair.color, hair.red, hair.grey) whose rendered colour is nearest to `measured` (a grid
 * search; engine renders show the palette colour within a few levels). Grey is searched only when the measured
 * colour is light and colourless (HAIR_LIMITS.greyLight / greyChroma), or mid-light, colourless and `even`
 * (HAIR_LIMITS.evenGreyLight / evenGreyChroma, see HairMeasure.even): dark or brown hair never turns grey.
 */
export function fitHairColour(
  measured: ArrayLike<number>,
  even = false
): {
  color: number
  red: number
  grey: number
} {
  const L = HAIR_LIMITS
  let m = [measured[0]!, measured[1]!, measured[2]!]
  const light = (m[0]! + m[1]! + m[2]!) / 3
  const colourful = Math.max(...m) - Math.min(...m)
  const evenGrey = even && light >= L.evenGreyLight && colourful <= L.evenGreyChroma
  const greyAllowed = (light >= L.greyLight && colourful <= L.greyChroma) || evenGrey
  // dark hair under its sheen (HAIR_LIMITS.sheenChroma): fitted at the dark brown's lightness, hue kept
  if (!evenGrey && colourful <= L.sheenChroma && light < L.greyLight && light > L.sheenDark)
    m = m.map((v) => (v * L.sheenDark) / light)
  // ash blond: a light read (after the sheen's mapping) may mix in some grey, never past ashGrey unless grey is
  // allowed as such
  const ash = (m[0]! + m[1]! + m[2]!) / 3 >= L.ashLight
  const greySteps = greyAllowed ? 20 : ash ? Math.round(20 * L.ashGrey) : 0
  let best = { color: 0, red: 0, grey: 0 }
  let bestD = Infinity
  for (let c = 0; c <= 50; c++)
    for (const red of [0, 0.5, 1])
      for (let g = 0; g <= greySteps; g++) {
        // ash is the palette's blond mixed with grey, never red mixed with grey (pink-lit blond read as red)
        if (g > 0 && red > 0 && !greyAllowed) continue
        const d = dist(hairColour(c / 50, red, g / 20), m)
        if (d < bestD) [bestD, best] = [d, { color: c / 50, red, grey: g / 20 }]
      }
  return best
}

const HAIR_GROUP = STYLES_V2.findIndex((s) => s.id === 'hair.style')
const HAIR_OPTIONS = STYLES_V2[HAIR_GROUP]!.options.map((o) => o.id)

/**
 * `character` (rig v2) with the measured hair: the colour values from fitHairColour, and the translator's most
 * probable hair style among those the measured length allows (`probabilities`: the translator's per-group style
 * probabilities, concatenated). Unmeasured parts stay the translator's. `pFemale` is the gender read's P(female)
 * (create/gender.ts; null: not read), which the HAIR_BESIDE_FACE rule asks. Other rigs are returned unchanged.
 */
export function applyHair(
  character: Character,
  measure: HairMeasure,
  probabilities: ArrayLike<number>,
  styleSizes: readonly number[],
  pFemale: number | null = null
): Character {
  if (character.rig !== 2) return character
  const out: Character = structuredClone(character)
  if (measure.color) {
    const fit = fitHairColour(measure.color, measure.even)
    out.colors['hair.color'] = fit.color
    out.colors['hair.red'] = fit.red
    out.colors['hair.grey'] = fit.grey
  } else {
    // grey only on the photo's evidence: the translator cannot see hair and gave London's young people 0.4-0.7
    out.colors['hair.grey'] = 0
  }
  const start = styleSizes.slice(0, HAIR_GROUP).reduce((a, b) => a + b, 0)
  const choose = (allowed: readonly string[]): void => {
    // never bald where hair was seen on top of the head
    const best = mostProbableOption(HAIR_OPTIONS, probabilities, start, (id) => allowed.includes(id) && !(id === 'bald' && measure.color)) // prettier-ignore
    if (best) out.styles['hair.style'] = best
  }
  if (measure.bald) {
    out.styles['hair.style'] = 'bald'
    return out
  }
  const female = (character.sliders['who.gender'] ?? 0.5) < 0.5
  // a man's hair beside the jaw seen on one side only (HairMeasure.oneSide): his sideburn, beard or collar as often
  // as long hair, so his length is undecided
  const sideOnly = !female && measure.oneSide === true && measure.length !== 'short'
  const length = sideOnly ? null : measure.length
  // Undecided beside the jaw (ears, sideburns or shadow there) but nothing hair-coloured beside the neck: no hair
  // below the chin. The translator's pick follows its face guess, not the photo: it gave short-haired London men
  // loose long hair, read as women.
  const noneBelowChin = !length && measure.low !== null && measure.low <= NO_HAIR_BELOW_CHIN
  const read = length ?? (noneBelowChin ? 'short' : null)
  const pick = out.styles['hair.style']!
  // a man, surely, whose photo shows no length and little or no hair beside his jaw: a short cut (HAIR_BESIDE_FACE)
  const shortForMan =
    !female &&
    read === null &&
    pFemale !== null &&
    pFemale < MAN_READ_SURE &&
    (sideOnly || (measure.cheek ?? 0) < SOME_BESIDE_JAW)
  // the translator is sure of a cut the read allows (never bald where hair was seen): it stands, and below only a
  // bare forehead trims its fringe
  const sure = female && read === 'short' ? SHORT_CUT_SURE : TRANSLATOR_SURE
  const stands =
    read !== null &&
    probabilities[start + HAIR_OPTIONS.indexOf(pick)]! >= sure &&
    ALLOWED_BY_READ[read].includes(pick) &&
    !(pick === 'bald' && measure.color)
  if (stands) {
    // kept
  } else if (female && read === 'short') {
    // no hair beside her face: tied back where the photo shows it (TIED_BACK), else loose long hair; never the
    // translator's pick (two London women with their hair pulled back got a buzz cut and a short crop, and were
    // read as men)
    choose(tiedBack(measure) ? TIED_BACK : LENGTH_STYLES.long)
  } else if (length === 'bob' && !female) {
    // a man's hair to the jaw: his most probable cut with hair there, never the bob's fringe (MAN_BOB)
    choose(MAN_BOB)
  } else if (length) {
    choose(LENGTH_STYLES[length])
  } else if (noneBelowChin) {
    choose(LENGTH_STYLES.short)
  } else if (
    shortForMan &&
    (HAIR_BESIDE_FACE.includes(pick) || (pick === 'bald' && measure.color))
  ) {
    // a man whose photo shows no length: the translator's long hair is its face guess (HAIR_BESIDE_FACE), and
    // where hair was seen on top, no cut at all is not his either (choose never gives bald then)
    choose(LENGTH_STYLES.short)
  } else if (measure.color && pick === 'bald') {
    // hair was seen on top of the head: not bald, whatever its length (the translator's next most probable)
    choose(HAIR_OPTIONS.filter((id) => id !== 'bald'))
  } else if (!female && pick === 'bob') {
    // a man of undecided length: never the bob's side fringe over one eye (MAN_BOB)
    choose(MAN_BOB)
  }
  // the Afro where the photo shows strands, not coils (and the translator is not sure of it): its next cut
  const afroP = probabilities[start + HAIR_OPTIONS.indexOf('afro')]!
  const strands =
    measure.coherence != null && measure.coherence > COILED_MAX && afroP < TRANSLATOR_SURE
  if (out.styles['hair.style'] === 'afro' && strands) {
    const allowed =
      read === 'short' || shortForMan
        ? LENGTH_STYLES.short
        : read
          ? ALLOWED_BY_READ[read]
          : HAIR_OPTIONS
    choose(allowed.filter((id) => id !== 'afro'))
  }
  // a man's ponytail the translator is not sure of: his next short cut. It cannot see the back of the head, and from
  // the front a ponytail is hair close to the skull, so no read tells it from a short cut (LENGTH_STYLES.short holds
  // it); the player meets it turning the character in the editor. On the 750 TRAIN photos with a face 33 men got one
  // (at 0.04-0.69: the most probable short cut once long hair was ruled out); looked at one by one, none of the 33
  // has a ponytail (short cuts, shaved and bald heads, caps, a bandana)
  const ponytailP = probabilities[start + HAIR_OPTIONS.indexOf('ponytail')]!
  if (!female && out.styles['hair.style'] === 'ponytail' && ponytailP < TRANSLATOR_SURE)
    choose(LENGTH_STYLES.short.filter((id) => id !== 'ponytail' && !(id === 'afro' && strands)))
  // a bare forehead: the same cut without its fringe
  const style = out.styles['hair.style']!
  if (measure.forehead !== null && measure.forehead <= FOREHEAD_BARE && FRINGE_FREE[style])
    out.styles['hair.style'] = FRINGE_FREE[style]
  return out
}
