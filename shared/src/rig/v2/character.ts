/**
 * @module rig/v2/character — rig v2 characters: the schema object, defaults, validation with precise errors
 * (every problem with its JSON path, as v1), and the plausible-people prior `randomPlausibleCharacter`.
 */
import { OCTAVE_CHARS, octaveFromText } from '../../detail/octave.ts'
import { RESIDUAL_CHARS, residualFromText } from '../../detail/residual.ts'
import { keepOnSide } from '../../detail/sex.ts'
import { createRng, gaussian, type Rng } from '../../utils/random.ts'
import {
  SKIN_DETAIL_COUNT,
  SKIN_DETAIL_COUNTS,
  SKIN_DETAIL_LIMIT,
  SKIN_DETAIL_VERSION,
} from '../../detail/spec.ts'
import type { Character } from '../schema.ts'
import { detailWeight } from '../share-codec.ts'
import { checkCharacterFor, validateFor, type RigCheckSpec, type RigIssue } from '../validate.ts'
import { COLORS_V2 } from './colors.ts'
import type { RigSchemaV2 } from './schema.ts'
import { FACE_PRIOR_KEYS, FACE_PRIOR_RANK, faceSlidersFromLatent } from './face-prior.ts'
import { MIN_AGE, SLIDERS_V2 } from './sliders.ts'
import { BROW_IDS, STYLES_V2, WOMEN_BROWS } from './styles.ts'
/** The released basis's sex axis over the dice's components (models/detail/dice-axis.ts writes it). */
import DICE_AXIS from './dice-detail-axis.json' with { type: 'json' }

/** Rig version of v2 characters. */
export const RIG_VERSION_V2 = 2

/** The whole rig v2 schema. */
export const RIG_V2: RigSchemaV2 = Object.freeze({
  version: 2,
  continuous: SLIDERS_V2,
  discrete: STYLES_V2,
  colors: COLORS_V2,
})

/** A v2 character with every parameter at its default, then `overrides` applied. */
export function createCharacterV2(overrides: Partial<Omit<Character, 'rig'>> = {}): Character {
  return {
    rig: RIG_VERSION_V2,
    sliders: {
      ...Object.fromEntries(SLIDERS_V2.map((s) => [s.id, s.default])),
      ...overrides.sliders,
    },
    colors: {
      ...Object.fromEntries(COLORS_V2.map((c) => [c.id, c.default])),
      ...overrides.colors,
    },
    styles: {
      ...Object.fromEntries(STYLES_V2.map((s) => [s.id, s.default])),
      ...overrides.styles,
    },
  }
}

const V2: RigCheckSpec = {
  version: RIG_VERSION_V2,
  sliders: SLIDERS_V2,
  colors: COLORS_V2,
  styles: STYLES_V2,
  creator: 'createCharacterV2()',
  detail: {
    counts: SKIN_DETAIL_COUNTS,
    limit: SKIN_DETAIL_LIMIT,
    residual: { chars: RESIDUAL_CHARS, valid: (text) => residualFromText(text) !== null },
    octave: { chars: OCTAVE_CHARS, valid: (text) => octaveFromText(text) !== null },
  },
  otherRig: (rig) =>
    rig === 1
      ? 'a rig v1 character: open it with migrateV1() (rig v2 reads v2 only)'
      : `made with rig v${rig}; this build reads v${RIG_VERSION_V2} (update the app)`,
}

/** Every problem with `input` as a rig v2 character; empty when it is valid (the checks are v1's, rig/validate). */
export function checkCharacterV2(input: unknown): RigIssue[] {
  return checkCharacterFor(input, V2)
}

/** Returns `input` typed as a v2 Character when valid; throws RigValidationError listing every problem. */
export function validateCharacterV2(input: unknown): Character {
  return validateFor(input, V2)
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x)
/**
 * Spread of the face draw around the fitted prior's mean, in units of the prior's own sd. The fit is shrunk
 * (ridge toward neutral: landmarks see little of what most sliders do), so real faces vary more than the fitted
 * sd says; the sliders' 1 cm safe limits clip the tails. Measured with cli/scripts/prior-v2/probe.ts (100 renders,
 * FaceRes render_cluster_cos, which reads ~0.01 above `eval engine`'s): 4.5 -> 0.472, 7 -> 0.459. Wider draws buy
 * variety with puffy, long-nosed, distorted faces (7 already shows them in the sheet), so 5 keeps appeal first.
 */
export const FACE_SPREAD = 5
/**
 * Face sliders drawn at the prior's own spread, not FACE_SPREAD: the brows' tilt and height (see
 * randomPlausibleCharacter).
 */
const CALM_FACE_SLIDERS = ['face.eyebrows-angle.down-up', 'face.eyebrows-trans.down-up']
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!

/** Normalised age slider value for an age in years (11-90). */
export function ageSliderForYears(years: number): number {
  const macro =
    years <= 25 ? MIN_AGE + ((years - 11) / 14) * (0.5 - MIN_AGE) : 0.5 + ((years - 25) / 65) * 0.5
  return clamp01((macro - MIN_AGE) / (1 - MIN_AGE))
}

/**
 * A random PLAUSIBLE person (deterministic per seed): adults 18-75 of either sex, one dominant heritage (a
 * fifth mixed), average-centred muscle and weight, face sliders from the prior fitted to real faces
 * (rig/v2/face-prior: symmetric, within the slider limits), skin, hair and iris colours that go with the heritage and age, and
 * styles that go with the person (facial hair on almost half the men, mostly stubble; lipstick on some women;
 * glasses on a quarter; a fringe over one eye on about one in twelve).
 */
export function randomPlausibleCharacter(
  seed: number | Rng,
  options: { detail?: boolean } = {}
): Character {
  const rng = typeof seed === 'number' ? createRng(seed) : seed
  const g = () => gaussian(rng)
  const male = rng() < 0.5
  const years = 18 + rng() * 57
  const heritage = Math.floor(rng() * 3) // 0 african, 1 asian, 2 european
  const mixed = rng() < 0.2
  const eth = [0, 0, 0].map((_, i) =>
    i === heritage ? 1 : mixed ? 0.2 + 0.5 * rng() : 0.04 * rng()
  )
  const sliders: Record<string, number> = {
    'who.gender': male ? 0.85 + 0.13 * rng() : 0.02 + 0.13 * rng(),
    'who.age': ageSliderForYears(years),
    'who.african': eth[0]!,
    'who.asian': eth[1]!,
    'who.european': eth[2]!,
    'who.muscle': clamp01(0.5 + 0.2 * g()),
    'who.weight': clamp01(0.5 + 0.22 * g()),
  }
  // Face: the prior fitted to real faces (symmetric; sideways shifts centred), and one head outline.
  const headShapes = SLIDERS_V2.filter((s) => s.kind === 'face' && !s.low)
  const shape = pick(rng, headShapes).id
  for (const s of headShapes) sliders[s.id] = s.id === shape ? 0.2 + 0.6 * rng() : 0
  const z = Array.from({ length: FACE_PRIOR_RANK }, g)
  const detail = Array.from({ length: FACE_PRIOR_KEYS }, g)
  faceSlidersFromLatent(z, sliders, detail, FACE_SPREAD)
  // The brows' tilt and height are expression as much as build, and at FACE_SPREAD they clipped to their ends on
  // most draws (the height loads 0.59 on the first component): a third of the prior frowned (tilt 0: medial ends
  // pulled down) and half had brows pulled down onto the eyes, which also made FaceRes read the prior's women as
  // men (look-gender-probe: these two at the mean, 0.35 -> 0.52 read female; men unchanged). They keep the
  // prior's own spread around its fitted mean (recentred on neutral tilt, photo_gap_cos was worse).
  const own: Record<string, number> = {}
  faceSlidersFromLatent(z, own, detail, 1)
  for (const id of CALM_FACE_SLIDERS) sliders[id] = own[id]!
  for (const s of SLIDERS_V2) if (s.kind === 'expression') sliders[s.id] = 0
  // Faces at rest are rarely blank: a share smile, and brows and lids sit a little differently on everyone.
  // Relaxed rather than stern: neutral photos rarely lower the brows or squint (a lowered brow on half the
  // prior and narrowed lids on all of it read as a frown on most renders), so lowered brows are a quarter of
  // the draws and the lids narrow at most 0.12 (the same rng calls: other draws keep their seeds).
  if (rng() < 0.4) sliders['expression.smile'] = 0.2 + 0.5 * rng()
  sliders[rng() < 0.75 ? 'expression.brows_up' : 'expression.brows_down'] = 0.3 * rng()
  sliders['expression.eyes_narrow'] = 0.12 * rng()
  // Colours: skin tone (0 very light .. 1 very dark) by heritage. Ranges in rendered lightness (L*, the skin
  // table): the train photos' skin reads L 33-77 (5th-95th percentile, median 59, 1st-99th 25-84); European
  // 0.05-0.55 renders L 82-52, East Asian 0.2-0.6 L 76-48, African 0.6-1 L 48-14 (wider than the photos' middle:
  // the renders of different people must differ as much as photos of them do, eval engine render_cluster_cos).
  const toneRange = [
    [0.6, 1],
    [0.2, 0.6],
    [0.05, 0.55],
  ][heritage]!
  let tone = toneRange[0]! + (toneRange[1]! - toneRange[0]!) * rng()
  if (mixed) tone = clamp01(tone + 0.15 * g())
  const darkHair = heritage !== 2 || rng() < 0.45
  const hairColor = darkHair ? 0.05 * rng() + (rng() < 0.3 ? 0.1 : 0) : 0.15 + 0.8 * rng()
  const grey = years > 45 ? clamp01(((years - 45) / 30) * (0.4 + 0.6 * rng())) : 0
  const iris = heritage === 2 ? rng() : 0.25 * rng()
  const colors: Record<string, number> = {
    'skin.tone': tone,
    'skin.undertone': clamp01(0.5 + 0.15 * g()),
    'skin.blush': clamp01(0.15 + 0.1 * g()),
    'hair.color': hairColor,
    'hair.red': !darkHair && rng() < 0.15 ? 0.5 + 0.5 * rng() : 0,
    'hair.grey': grey,
    'brows.color': clamp01(hairColor - 0.05 + 0.05 * g()),
    'eyes.iris_color': iris,
    'mouth.lip_tint': clamp01((heritage === 0 ? 0.6 : 0.25) + 0.25 * rng()),
    'skin.freckles': tone < 0.25 && rng() < 0.25 ? 0.3 + 0.5 * rng() : 0,
  }
  // Weighted by repetition; styles whose fringe hides an eye (bob, long bob, braid, swept) are rarer, since
  // an eye hidden in most faces would make the sample less like a crowd and harder to recognise.
  const hairStyles = male
    ? [
        ...['short', 'short', 'short', 'short-textured', 'short-textured', 'short-cropped'],
        ...['short-cropped', 'short-cropped', 'buzz', 'buzz', 'afro'],
        ...(years > 40 ? ['bald', 'bald'] : []),
      ]
    : [
        ...['long', 'long', 'long', 'long', 'long', 'long', 'long', 'ponytail', 'ponytail'],
        ...['afro', 'afro', 'short-textured'],
      ]
  // The fringe styles (an eye hidden) on about one in twelve people.
  const fringe = ['bob', 'bob-long', 'braid', 'short-swept']
  const styles: Record<string, string> = {
    'hair.style': rng() < 0.08 ? pick(rng, fringe) : pick(rng, hairStyles),
    // women draw only the shapes that read as a woman's (WOMEN_BROWS); one draw either way, so other styles keep their seeds
    'brows.style': pick(rng, male ? BROW_IDS : WOMEN_BROWS),
    'eyes.lashes': male ? pick(rng, ['natural', 'short']) : pick(rng, ['natural', 'full', 'long']),
    'hair.facial':
      male && rng() < 0.45
        ? pick(rng, ['stubble', 'stubble', 'stubble', 'moustache', 'goatee', 'full-beard'])
        : 'none',
    'makeup.lipstick':
      !male && rng() < 0.3
        ? pick(rng, ['nude', 'nude', 'red', 'berry', 'pink-gloss', 'coral'])
        : 'none',
    'glasses.style':
      rng() < 0.25
        ? pick(rng, ['round', 'rectangular', 'wide', 'rectangular', 'sunglasses'])
        : 'none',
  }
  const c = createCharacterV2({ sliders, colors, styles })
  // Skin detail last (its draws after every other: the rest of the character keeps its seed either way).
  if (options.detail) c.detail = randomDetail(rng, sliders['who.gender']!)
  return c
}

/**
 * Spread of a random character's skin-detail weights (units of each component's spread over real faces). Measured
 * with cli/scripts/detail-random.ts (60 plausible characters, FaceRes, as `eval engine`): no detail 0.451
 * render_cluster_cos / -0.081 photo_gap_cos, the mean detail alone (weights 0) 0.446 / -0.067, spread 0.4 0.444 /
 * -0.069, spread 1 0.454 / -0.076 (independent draws of every component at their full spread add up to a
 * texture no real face has). 0.4: the real faces' structure, a little different on everyone.
 */
export const RANDOM_DETAIL_SPREAD = 0.4

/**
 * Components a random character's detail varies (the rest stay 0): the 256 of basis v1, where the spread above was
 * measured. The later components are each person's finest particulars, which a random draw of all of them at 0.4
 * would add up to more texture than a real face has (as spread 1 did over 256).
 */
export const RANDOM_DETAIL_COMPONENTS = 256

/**
 * Random skin-detail weights for a character of gender slider `male`, kept on its own sex's side as the creator
 * keeps a read (detail/sex: a draw's part along the men-minus-women direction is dropped when it points to the
 * other sex; symmetric draws put men's stubble shadow and heavier folds on half the dice's women, and FaceRes read
 * fewer of them as women), rounded to a share code's step as the creator's.
 */
function randomDetail(rng: Rng, male: number): NonNullable<Character['detail']> {
  const drawn = Array.from({ length: RANDOM_DETAIL_COMPONENTS }, () =>
    Math.max(-SKIN_DETAIL_LIMIT, Math.min(SKIN_DETAIL_LIMIT, RANDOM_DETAIL_SPREAD * gaussian(rng)))
  )
  const kept = keepOnSide(DICE_AXIS, drawn, male)
  const weights = Array.from({ length: SKIN_DETAIL_COUNT }, (_, i) =>
    i < RANDOM_DETAIL_COMPONENTS ? detailWeight(kept[i]!) : 0
  )
  return { basis: SKIN_DETAIL_VERSION, weights }
}
