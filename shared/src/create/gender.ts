/**
 * @module create/gender — the character's sex where the translator is unsure. Why: the translator learns the
 * photos' pseudo-gender (models/translator/photo_labels.py) through a deep network that also fits 18k renders; it
 * reproduces its training photos' labels but generalises less well than their own linear boundary. On London it put
 * 7 young men on the women's side of its gender slider (0.2-0.4), so they got loose long hair and no beard, and the
 * independent judge read their characters as women. gender-read.onnx (models/translator/gender_read.py) is that
 * linear boundary: P(female) from the same 480 features, fitted to the pseudo-labels (no photo label is read).
 *
 * Where the read is sure (|2p - 1| >= READ_DECIDES) or the surer of the two (|2p - 1| > |2g - 1|) it sets the
 * slider: to the value the translator learned photos toward (0.1 for a woman, 0.9 for a man,
 * models/translator/train.py gender_target), moved toward 0.5 as the read is less sure. Where they disagree that
 * overrules the translator's sex, and the character also gets the style options that read as the read's sex (as
 * train.py's STYLE_SETS teach the style head): lashes, no beard on a woman, no lipstick on a man. Where they agree
 * the surer read only firms the slider up, never back toward 0.5 (on London a woman at 0.43 whose character read as
 * a man now reads as a woman: gender_agree 0.961 -> 0.971, the identity figures the same). Against an unsure read
 * a surer slider stands. Hair, brows and facial hair follow in their own modules, which read the slider.
 */
import type { Character } from '../rig/index.ts'
import { STYLES_V2 } from '../rig/v2/styles.ts'
import type { HairMeasure } from './hair.ts'
import { mostProbableOption, styleGroupStart, type RigCodec } from './rigs.ts'

/** What the read said and did. */
export interface GenderRead {
  /** P(female) that decided: gender-read.onnx's, with the hair's evidence (withHair), 0..1. */
  female: number
  /** P(female) by gender-read.onnx alone, 0..1. */
  read: number
  /** Whether the photo's long hair added to it (LONG_HAIR_LOGIT). */
  longHair: boolean
  /** Whether it overruled the translator's gender slider. */
  overruled: boolean
}

/** The gender slider's ends the translator was trained to give photos (train.py gender_target: 0.1 and 1 - 0.1). */
const GENDER_TARGET = 0.1

/**
 * A woman's cuts when the read made her one: every cut but the shaved ones. Why: the translator chose the hair for
 * the man it saw, and where the photo shows no length (a tight crop, a turned head) that choice stood, so two TRAIN
 * women overruled to women kept a buzz cut and a bald head (Pixabay 315056, long red hair cut off at the frame, and
 * 1919143). A bald head the photo shows is still read so (create/hair.ts applyHair, HairMeasure.bald).
 */
const WOMEN_CUTS = STYLES_V2.find((s) => s.id === 'hair.style')!
  .options.map((o) => o.id)
  .filter((id) => id !== 'bald' && id !== 'buzz')

/** Style options that read as each sex (train.py STYLE_SETS): [group id, allowed option ids]. */
export const GENDER_STYLES: Readonly<
  Record<'female' | 'male', readonly (readonly [string, readonly string[]])[]>
> = {
  female: [
    ['eyes.lashes', ['full', 'long']],
    ['hair.facial', ['none']],
    ['hair.style', WOMEN_CUTS],
  ],
  male: [
    ['eyes.lashes', ['natural', 'short']],
    ['makeup.lipstick', ['none']],
  ],
}

/**
 * How sure (|2p - 1|) the read must be to decide the sex against the translator's slider, however sure the slider
 * looks. Why: the slider is not a probability (the translator was trained toward 0.1 and 0.9, so it sits near
 * there, 0.8 "sure", whether right or wrong), and the read is the better judge of sex: on the 750 TRAIN photos whose
 * face the creator finds, against the index's gender column (checked, never trained on), the translator's slider
 * agreed 0.851, the read 0.912 out of fold (5-fold refits of gender_read.py: no overfitting, in-sample 0.910), and
 * the old rule (the surer decides) 0.885; with this bar 0.903. On London the old rule was one person better (0.980
 * against 0.971; the read alone 0.961). Below it the surer of the two decides, as before.
 */
export const READ_DECIDES = 0.5

/**
 * Log odds that long hair (create/hair.ts read 'long': hair beside the jaw and below the chin) adds to P(female).
 * Measured without a label, on the read's own sure sides: among the 846 TRAIN photos, 151 of the 335 the read calls
 * female (P >= 0.9) have long hair, 41 of the 351 it calls male (P <= 0.1): an odds ratio of 3.9, log 1.35. Only
 * long hair counts: a short read is weak evidence of a man, since a woman's hair tied back reads short too (most
 * London women's); with it, the rule lost 4 TRAIN photos instead of gaining 5.
 */
export const LONG_HAIR_LOGIT = 1.35

/** P(female) `female` with the hair's evidence: LONG_HAIR_LOGIT added to its log odds where the hair reads long. */
export function withHair(female: number, length: HairMeasure['length']): number {
  if (length !== 'long') return female
  const p = Math.min(Math.max(female, 1e-6), 1 - 1e-6)
  return 1 / (1 + Math.exp(-(Math.log(p / (1 - p)) + LONG_HAIR_LOGIT)))
}

/** Whether the read overrules a gender slider `slider` (0 = female end) with P(female) `female`. */
export function overrules(female: number, slider: number): boolean {
  if (female > 0.5 === slider < 0.5) return false
  const sure = Math.abs(2 * female - 1)
  return sure >= READ_DECIDES || sure > Math.abs(2 * slider - 1)
}

/** The slider the read sets where it decides: the translator's photo targets, eased by the read's certainty. */
export function readSlider(female: number): number {
  return GENDER_TARGET + (1 - 2 * GENDER_TARGET) * (1 - female)
}

/**
 * `character` (rig v2) with the read's slider where the read decides (see the module note and `overrules`); `read`
 * is gender-read.onnx's P(female) and `hairLength` the photo's hair read (null: none), added by withHair.
 * `probabilities` are the translator's per-group style probabilities (concatenated in `rig`'s order), from which
 * the most probable allowed option is taken when the sex changes. Other rigs, and a slider that stands, are returned
 * unchanged.
 */
export function applyGender(
  character: Character,
  read: number,
  probabilities: ArrayLike<number>,
  rig: RigCodec,
  hairLength: HairMeasure['length'] = null
): { character: Character; read: GenderRead } {
  const female = withHair(read, hairLength)
  const said = { female, read, longHair: hairLength === 'long' }
  const slider = character.sliders['who.gender']
  if (character.rig !== 2 || slider === undefined)
    return { character, read: { ...said, overruled: false } }
  const target = readSlider(female)
  const overruled = overrules(female, slider)
  // the same sex: a surer read only firms the slider up, never back toward the middle
  const firmer =
    female > 0.5 === slider < 0.5 &&
    Math.abs(2 * female - 1) > Math.abs(2 * slider - 1) &&
    Math.abs(target - 0.5) > Math.abs(slider - 0.5)
  if (!overruled && !firmer) return { character, read: { ...said, overruled } }
  const out: Character = structuredClone(character)
  out.sliders['who.gender'] = target
  if (!overruled) return { character: out, read: { ...said, overruled } }
  for (const [group, allowed] of GENDER_STYLES[female > 0.5 ? 'female' : 'male']) {
    if (allowed.includes(out.styles[group]!)) continue
    const options = STYLES_V2.find((s) => s.id === group)!.options.map((o) => o.id)
    out.styles[group] = mostProbableOption(
      options,
      probabilities,
      styleGroupStart(rig, group),
      (id) => allowed.includes(id)
    )!
  }
  return { character: out, read: { ...said, overruled: true } }
}
