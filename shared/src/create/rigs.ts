/**
 * @module create/rigs — how a model's parameter vector maps to a saved character, per rig version: continuous x in
 * [0,1] (sliders then colours) and one option index per style group, in rig order (rig/character.ts,
 * rig/v2/vector.ts). The translator and refine graphs name their rig version in the manifest.
 */
import {
  characterFromVector,
  characterToStyleIndices,
  characterToVector,
  COLORS,
  SLIDERS,
  STYLES,
  VECTOR_LENGTH,
  type Character,
} from '../rig/index.ts'
import {
  characterFromVectorV2,
  characterToStyleIndicesV2,
  characterToVectorV2,
  COLORS_V2,
  SLIDERS_V2,
  STYLES_V2,
  VECTOR_LENGTH_V2,
} from '../rig/v2/index.ts'
import { CreateError } from './errors.ts'

/** The vector view of one rig version. */
export interface RigCodec {
  version: number
  /** Length of x (sliders then colours). */
  length: number
  /** Style group ids, rig order. */
  styleIds: readonly string[]
  /** Options per style group, rig order. */
  styleSizes: readonly number[]
  /** The parameter id of each entry of x (slider ids, then colour ids). */
  ids: readonly string[]
  /** Per style group: whether its first option is 'none' (an accessory: glasses, beard, lipstick...). */
  optional: readonly boolean[]
  toVector(c: Character): Float32Array
  toStyles(c: Character): Int32Array
  fromVector(x: ArrayLike<number>, styles: ArrayLike<number>): Character
}

const CODECS: Record<number, RigCodec> = {
  1: {
    version: 1,
    length: VECTOR_LENGTH,
    ids: [...SLIDERS.map((s) => s.id), ...COLORS.map((c) => c.id)],
    styleIds: STYLES.map((s) => s.id),
    styleSizes: STYLES.map((s) => s.options.length),
    optional: STYLES.map((s) => s.options[0]?.id === 'none'),
    toVector: characterToVector,
    toStyles: characterToStyleIndices,
    fromVector: characterFromVector,
  },
  2: {
    version: 2,
    length: VECTOR_LENGTH_V2,
    ids: [...SLIDERS_V2.map((s) => s.id), ...COLORS_V2.map((c) => c.id)],
    styleIds: STYLES_V2.map((s) => s.id),
    styleSizes: STYLES_V2.map((s) => s.options.length),
    optional: STYLES_V2.map((s) => s.options[0]?.id === 'none'),
    toVector: characterToVectorV2,
    toStyles: characterToStyleIndicesV2,
    fromVector: characterFromVectorV2,
  },
}

/** The codec of rig `version`; a CreateError ('wrong-rig') naming the known versions otherwise. */
export function rigCodec(version: unknown): RigCodec {
  const codec = CODECS[Number(version)]
  if (!codec)
    throw new CreateError(
      'wrong-rig',
      `No parameter layout for rig version ${String(version)} (this build knows ${Object.keys(CODECS).join(', ')}); update facecraft or use models made for this rig.`
    )
  return codec
}

/**
 * A copy of `character` with `colors` set, when it is of rig `rigVersion` (the rig a colour table was measured
 * for); characters of other rigs are returned unchanged.
 */
export function withColours(
  character: Character,
  rigVersion: number,
  colors: Record<string, number>
): Character {
  if (character.rig !== rigVersion) return character
  const out: Character = structuredClone(character)
  Object.assign(out.colors, colors)
  return out
}

/**
 * The most probable of a style group's `options` that `allowed` accepts, by `probabilities` (concatenated per-group
 * scores, the group starting at `start`); the first in option order on a tie; null when none is allowed.
 */
export function mostProbableOption(
  options: readonly string[],
  probabilities: ArrayLike<number>,
  start: number,
  allowed: (id: string) => boolean
): string | null {
  let best = -1
  options.forEach((id, k) => {
    if (allowed(id) && (best < 0 || probabilities[start + k]! > probabilities[start + best]!))
      best = k
  })
  return best < 0 ? null : options[best]!
}

/** Where style group `id` starts in concatenated per-group scores or logits (-1: the rig has no such group). */
export function styleGroupStart(rig: RigCodec, id: string): number {
  const g = rig.styleIds.indexOf(id)
  return g < 0 ? -1 : rig.styleSizes.slice(0, g).reduce((a, b) => a + b, 0)
}

/** The option index of the most probable option in each group of concatenated per-group scores. */
export function argmaxGroups(scores: ArrayLike<number>, sizes: readonly number[]): Int32Array {
  const out = new Int32Array(sizes.length)
  let start = 0
  sizes.forEach((n, g) => {
    let best = 0
    for (let k = 1; k < n; k++) if (scores[start + k]! > scores[start + best]!) best = k
    out[g] = best
    start += n
  })
  return out
}

/**
 * Style choices from per-group probabilities: the most probable option, except that an accessory group (first
 * option 'none') gets an accessory only when the translator is at least `accessoryProbability` sure of it. The
 * translator learned accessories on renders; on photos it is less sure, and a beard or glasses the photo does not
 * show costs more likeness than a missing one. Glasses, when `glassesProbability` is given, are judged on all
 * frames together (1 - P(none)): the translator splits a pair of glasses it sees among several frames, and puts a
 * single confident frame on many faces without glasses (wrinkles, eye bags, looking down, hair over an eye), so the
 * bar is high (see DEFAULT_CREATOR_OPTIONS); then the most probable frame.
 */
export function chooseStyles(
  probabilities: ArrayLike<number>,
  rig: RigCodec,
  accessoryProbability: number,
  glassesProbability?: number
): Int32Array {
  const out = argmaxGroups(probabilities, rig.styleSizes)
  let start = 0
  rig.styleSizes.forEach((n, g) => {
    if (
      rig.styleIds[g] === 'glasses.style' &&
      rig.optional[g] &&
      glassesProbability !== undefined
    ) {
      out[g] = 0
      if (1 - probabilities[start]! >= glassesProbability)
        for (let k = 1; k < n; k++)
          if (out[g] === 0 || probabilities[start + k]! > probabilities[start + out[g]!]!)
            out[g] = k
    } else if (
      rig.optional[g] &&
      out[g]! > 0 &&
      probabilities[start + out[g]!]! < accessoryProbability
    )
      out[g] = 0
    start += n
  })
  return out
}
