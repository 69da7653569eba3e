/**
 * @module cli/eval/reach-prior — the reach search kept among plausible people (engine v2): the search space is
 * the face prior's whitened coordinates (rig/v2/face-prior, fitted to real train faces: symmetric faces, with a
 * prior penalty on |z|^2) plus boxed macro, head-outline, expression and colour sliders; the skin tone and the
 * hair and brow colour start at the photo's (calibrated on renders) and pay for straying from it; styles the photo does not show are not
 * tried (no lipstick, no glasses; facial hair only where the chin or upper lip reads dark), sex is a choice
 * (women or men as the prior draws them, not an in-between) and styles go with it. The objective adds
 * to the recogniser a second, independent reading of the face: FaceMesh's landmark geometry (NME between the
 * photo's and the render's aligned 68 points), so the search cannot buy recogniser similarity with a face of
 * the wrong shape.
 */
import {
  alignmentFor,
  applyAffine,
  invertAffine,
  type Face,
  type FaceAnalyzer,
} from '@facecraft/shared/face'
import type { RgbaImage } from '@facecraft/shared/image'
import {
  ASYMMETRIC_FACE_SLIDERS,
  COLORS_V2,
  createCharacterV2,
  FACE_PRIOR_KEYS,
  FACE_PRIOR_RANK,
  faceSlidersFromLatent,
  SLIDERS_V2,
  STYLES_V2,
} from '@facecraft/shared/rig-v2'
import type { EngineParams, EvalEngine } from './engines.ts'
import type { SearchSpace } from './reach-search.ts'

/** Weight of the prior penalty: per unit of mean z^2 over the face coordinates (a typical sample has 1). */
export const PRIOR_WEIGHT = 0.03
/** Weight of the landmark term: score = recogniser cosine - LANDMARK_WEIGHT x NME. */
export const LANDMARK_WEIGHT = 2
/** Colours read from the photo (skin tone, hair) may leave it by about this much (sd of a Gaussian penalty)... */
const TONE_SD = 0.08
/** ...at this cost per sd^2 (so 2 sd cost 0.04 of cosine). */
const TONE_WEIGHT = 0.01
/** The face offset's scale in the search (prior sds; the sampler's FACE_SPREAD is tuned for variety apart). */
export const SEARCH_SPREAD = 1.5
/** Search units per prior sd: CMA-ES's step of 0.2 is one sd. */
const Z_SCALE = 5
/** Expressions a neutral photo may show a little of, and their cap. */
const EXPRESSIONS = ['smile', 'mouth_open', 'brows_up', 'brows_down', 'eyes_narrow']
const EXPRESSION_CAP = 0.5

const sliderIndex = new Map(SLIDERS_V2.map((s, i) => [s.id, i]))
const GENDER = SLIDERS_V2.findIndex((s) => s.id === 'who.gender')
const colorIndex = new Map(COLORS_V2.map((c, i) => [c.id, SLIDERS_V2.length + i]))

/** The x indices searched in the box, with their start values. */
function boxCoordinates(
  anchors: ReadonlyMap<string, number>
): { index: number; start: number; cap: number }[] {
  const base = createCharacterV2()
  const out: { index: number; start: number; cap: number }[] = []
  for (const s of SLIDERS_V2) {
    const index = sliderIndex.get(s.id)!
    if (s.kind === 'macro') out.push({ index, start: base.sliders[s.id]!, cap: 1 })
    else if (s.kind === 'face' && !s.low) out.push({ index, start: 0, cap: 1 })
    else if (s.kind === 'expression' && EXPRESSIONS.includes(s.id.split('.')[1]!))
      out.push({ index, start: 0, cap: EXPRESSION_CAP })
  }
  for (const c of COLORS_V2) {
    const start = anchors.get(c.id) ?? base.colors[c.id]!
    out.push({ index: colorIndex.get(c.id)!, start, cap: 1 })
  }
  return out
}

/** The prior space of engine v2's x (see the module comment); `skinTone` the photo's, if known. */
export function priorSpaceV2(evidence: PhotoEvidence, spread = SEARCH_SPREAD): SearchSpace {
  const latent = FACE_PRIOR_RANK + FACE_PRIOR_KEYS
  const anchors = new Map<string, number>()
  if (evidence.skinTone !== null) anchors.set('skin.tone', evidence.skinTone)
  if (evidence.hairColor !== null) {
    anchors.set('hair.color', evidence.hairColor)
    anchors.set('brows.color', evidence.hairColor)
  }
  const box = boxCoordinates(anchors)
  const template = Float64Array.from(
    SLIDERS_V2.map((s) => createCharacterV2().sliders[s.id]!).concat(
      COLORS_V2.map((c) => createCharacterV2().colors[c.id]!)
    )
  )
  for (const s of SLIDERS_V2) if (s.kind === 'expression') template[sliderIndex.get(s.id)!] = 0
  const anchored = [...anchors].map(([id, value]) => ({ index: colorIndex.get(id)!, value }))
  const start = new Float64Array(latent + box.length)
  box.forEach((b, i) => (start[latent + i] = b.start))
  const sliders: Record<string, number> = {}
  return {
    start,
    decode(y) {
      const x = Float64Array.from(template)
      let zz = 0
      const z = new Float64Array(FACE_PRIOR_RANK)
      const detail = new Float64Array(FACE_PRIOR_KEYS)
      for (let i = 0; i < latent; i++) {
        const v = Z_SCALE * y[i]!
        zz += v * v
        if (i < FACE_PRIOR_RANK) z[i] = v
        else detail[i - FACE_PRIOR_RANK] = v
      }
      faceSlidersFromLatent(z, sliders, detail, spread)
      for (const [id, v] of Object.entries(sliders)) x[sliderIndex.get(id)!] = v
      for (const id of ASYMMETRIC_FACE_SLIDERS) x[sliderIndex.get(id)!] = 0.5
      let penalty = (PRIOR_WEIGHT * zz) / latent
      box.forEach((b, i) => {
        const v = y[latent + i]!
        const c = Math.min(b.cap, Math.max(0, v))
        penalty += (v - c) ** 2
        x[b.index] = c
      })
      // Sex is a choice, not a blend: the gender coordinate's halves map onto the prior's women (0.02-0.15)
      // and men (0.85-0.98), so the search cannot settle on an androgynous in-between the photo does not show.
      // When the photo's sex is read (evidence.sex), the whole coordinate maps onto that sex's range: a
      // recogniser blind to sex cannot buy a few hundredths of cosine with the wrong one.
      x[GENDER] = genderValue(x[GENDER]!, evidence.sex)
      for (const a of anchored) penalty += TONE_WEIGHT * ((x[a.index]! - a.value) / TONE_SD) ** 2
      return { x, penalty }
    },
  }
}

/** The gender slider for search coordinate `g` in [0, 1] (see priorSpaceV2's decode). */
export function genderValue(g: number, sex: 'female' | 'male' | null | undefined): number {
  if (sex === 'female') return 0.02 + 0.13 * g
  if (sex === 'male') return 0.85 + 0.13 * g
  return g < 0.5 ? 0.02 + 0.26 * g : 0.85 + 0.26 * (g - 0.5)
}

/** What the photo shows that the search must follow. */
export interface PhotoEvidence {
  /** Skin tone slider value matching the photo's skin (null when unknown). */
  skinTone: number | null
  /** Hair and brow colour value matching the photo's brows (null when unknown). */
  hairColor: number | null
  /** The chin or upper lip reads darker than the skin (a beard, moustache or stubble may be tried). */
  facialHair: boolean
  /** The photo's sex as the product's translator reads it (null or absent: unknown, both are searched). */
  sex?: 'female' | 'male' | null
}

/**
 * London neutral -> smiling statistics of the search recognisers (models/reports/recognizers-v1.json): the mean
 * cosine of a person's own other photo and of strangers' photos. They put the recognisers on one scale.
 */
export const RECOGNISER_SCALE = {
  mobileface: { own: 0.846, others: 0.3168 },
  dlib: { own: 0.988, others: 0.8371 },
} as const

/**
 * The search objective from two recognisers (MobileFace and dlib cosines to the target photo): each cosine as a
 * fraction of the way from a stranger's to the same person's (RECOGNISER_SCALE), the weaker one counting twice,
 * expressed back in MobileFace's units (so the landmark and prior weights keep their meaning). A face one
 * recogniser likes and the other does not scores as the weaker: the search cannot game either alone.
 */
export function jointScore(mobileface: number, dlib: number): number {
  const m = RECOGNISER_SCALE.mobileface,
    d = RECOGNISER_SCALE.dlib
  const a = (mobileface - m.others) / (m.own - m.others)
  const b = (dlib - d.others) / (d.own - d.others)
  const s = (2 * Math.min(a, b) + Math.max(a, b)) / 3
  return m.others + s * (m.own - m.others)
}

/** Style options the search may try for a photo with this evidence (engine v2's groups). */
export function allowedStylesV2(
  evidence: PhotoEvidence
): (group: number, option: number) => boolean {
  return (group, option) => {
    const def = STYLES_V2[group]!
    const id = def.options[option]!.id
    if (def.id === 'makeup.lipstick' || def.id === 'glasses.style') return id === 'none'
    if (def.id === 'hair.facial') return evidence.facialHair || id === 'none'
    return true
  }
}

/** Hairstyles by sex, as the plausible prior draws them (rig/v2/character), fringe styles for both. */
const HAIR_BY_SEX: Record<'female' | 'male', readonly string[]> = {
  female: ['long', 'ponytail', 'afro', 'short-textured', 'bob', 'bob-long', 'braid', 'short-swept'],
  male: ['short', 'short-textured', 'short-cropped', 'buzz', 'afro', 'bald', 'short-swept'],
}
const group = (id: string) => STYLES_V2.findIndex((s) => s.id === id)
const option = (g: number, id: string) => STYLES_V2[g]!.options.findIndex((o) => o.id === id)

/**
 * Styles that go with the sex the gender slider says (engine v2): women wear no facial hair, and each sex wears
 * the hairstyles the plausible prior gives it (else the commonest: long, short).
 */
export function plausibleStylesV2(p: EngineParams): EngineParams {
  const male = p.x[GENDER]! > 0.5
  const hair = group('hair.style')
  const facial = group('hair.facial')
  const styles = Int32Array.from(p.styles)
  const hairId = STYLES_V2[hair]!.options[styles[hair]!]!.id
  if (!HAIR_BY_SEX[male ? 'male' : 'female'].includes(hairId))
    styles[hair] = option(hair, male ? 'short' : 'long')
  if (!male) styles[facial] = option(facial, 'none')
  return { x: p.x, styles }
}

const luminance = (c: readonly number[]) => 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!

/** Median luminance of the pixels within `r` px of (cx, cy). */
function patchLuminance(image: RgbaImage, cx: number, cy: number, r: number): number {
  const values: number[] = []
  for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(image.height - 1, cy + r); y++)
    for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(image.width - 1, cx + r); x++) {
      if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) continue
      const o = (y * image.width + x) * 4
      values.push(luminance([image.data[o]!, image.data[o + 1]!, image.data[o + 2]!]))
    }
  values.sort((a, b) => a - b)
  return values[values.length >> 1] ?? 0
}

/**
 * A dark chin or upper lip: the darker patch at this fraction of the skin's median luminance or less. Set on
 * TRAIN photos (cli/scripts/prior-v2/chin-threshold.ts, every other Pixabay photo): women's 5th percentile is
 * 0.769 (so ~5% of women would pass), men's median 0.537 (most Pixabay men are bearded).
 */
const DARK = 0.76

/** The darker of the chin patch (between lower lip and chin) and the upper-lip patch, over the skin's luminance. */
export function chinRatio(
  image: RgbaImage,
  face: Pick<Face, 'ibug68'>,
  skin: readonly number[]
): number {
  const p = (k: number) => [face.ibug68[2 * k]!, face.ibug68[2 * k + 1]!] as const
  const [x57, y57] = p(57)
  const [x8, y8] = p(8)
  const [x33, y33] = p(33)
  const [x51, y51] = p(51)
  const chinR = 0.25 * Math.hypot(x8 - x57, y8 - y57)
  const lipR = 0.3 * Math.hypot(x51 - x33, y51 - y33)
  const chin = patchLuminance(image, (x57 + x8) / 2, (y57 + y8) / 2, chinR)
  const lip = patchLuminance(image, (x33 + x51) / 2, (y33 + y51) / 2, lipR)
  return Math.min(chin, lip) / Math.max(1, luminance(skin))
}

/** Facial hair evidence: the chin or the upper lip reads dark (see DARK). */
export function darkChin(
  image: RgbaImage,
  face: Pick<Face, 'ibug68'>,
  skin: readonly number[]
): boolean {
  return chinRatio(image, face, skin) <= DARK
}

/** What a calibration reads: a part's median colour in the face pipeline (skin, brows). */
type Part = 'skin' | 'brows'

/**
 * Colour calibration: the face pipeline's median luminance of `part` on renders of the default character with
 * the colours `ids` at 0, 0.1 .. 1, so a photo's reading maps to the value whose render reads the same (skin:
 * skin.tone; brows: hair.color and brows.color, the brows standing in for the hair, which no part mask has).
 */
export async function colourCalibration(
  engine: EvalEngine,
  analyzer: FaceAnalyzer,
  size: number,
  part: Part,
  ids: readonly string[]
): Promise<(photo: readonly number[]) => number> {
  const values: number[] = []
  const lum: number[] = []
  const p: EngineParams = engine.mean()
  for (let t = 0; t <= 10; t++) {
    const q = { x: Float64Array.from(p.x), styles: p.styles }
    for (const id of ids) q.x[colorIndex.get(id)!] = t / 10
    const r = engine.render(q, size)
    const face = (await analyzer.detect(r.image)).faces[0]
    const colour = face && analyzer.partColors(r.image, face)[part]
    if (!colour) continue
    values.push(t / 10)
    lum.push(luminance(colour))
  }
  // Piecewise-linear in luminance, by the renders sorted by it, clamped at the ends.
  const order = values.map((_, i) => i).sort((a, b) => lum[a]! - lum[b]!)
  const L = order.map((i) => lum[i]!)
  const V = order.map((i) => values[i]!)
  return (photo) => {
    const l = luminance(photo)
    if (l <= L[0]!) return V[0]!
    for (let i = 1; i < L.length; i++)
      if (l <= L[i]!) {
        const f = (l - L[i - 1]!) / (L[i]! - L[i - 1]! || 1)
        return V[i - 1]! + f * (V[i]! - V[i - 1]!)
      }
    return V.at(-1)!
  }
}

/**
 * Mean distance between the photo's and the render's 68 points, each mapped into the canonical aligned frame
 * by its own alignment, over the frame's inter-ocular distance (outer eye corners).
 */
export function alignedNme(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ta = invertAffine(alignmentFor(a))
  const tb = invertAffine(alignmentFor(b))
  if (!ta || !tb) return 1 // degenerate points: as far as a face can be
  const pa = Array.from({ length: 68 }, (_, k) => applyAffine(ta, a[2 * k]!, a[2 * k + 1]!))
  const pb = Array.from({ length: 68 }, (_, k) => applyAffine(tb, b[2 * k]!, b[2 * k + 1]!))
  const iod = Math.hypot(pa[45]![0] - pa[36]![0], pa[45]![1] - pa[36]![1])
  let sum = 0
  for (let k = 0; k < 68; k++) sum += Math.hypot(pa[k]![0] - pb[k]![0], pa[k]![1] - pb[k]![1])
  return sum / 68 / iod
}
