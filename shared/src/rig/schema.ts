/**
 * @module rig/schema — the types of the creation-parameter schema: what a character is made of.
 *
 * Spaces and units (every value a character stores is normalised to [0, 1]; the rig maps it to bone units):
 * - Head space is right-handed, in centimetres, origin between the ears at eye height:
 *   +x is the SUBJECT's left (the viewer's right in the front view), +y up, +z forward (toward the camera).
 * - `translate` sliders move a bone by `min + v * (max - min)` cm along the axis.
 * - `rotate` sliders turn a bone by `min + v * (max - min)` radians about the axis (right-hand rule).
 * - `scale` sliders multiply a bone's local extent by `min + v * (max - min)` along the axis ('xyz' = uniform).
 * - A `symmetric` slider drives a pair of bones `<bone>.L` (subject's left) and `<bone>.R` as mirror images
 *   across the sagittal plane x = 0: for the right bone, translation x and rotations about y and z are negated.
 */

/** The groups sliders, colours and styles are shown under, in editor order. */
export const RIG_GROUPS = [
  'face',
  'forehead',
  'cheeks',
  'jaw',
  'chin',
  'brows',
  'eyes',
  'nose',
  'mouth',
  'ears',
  'skin',
  'hair',
  'makeup',
] as const

export type RigGroup = (typeof RIG_GROUPS)[number]

export type BoneOp = 'translate' | 'rotate' | 'scale'
export type BoneAxis = 'x' | 'y' | 'z' | 'xyz'

/** A continuous bone slider. `min`/`max` are bone units (cm, radians or factor) at v = 0 and v = 1 (min may
 * exceed max, so that raising a slider always does what its label says); `default` is the NORMALISED value [0, 1]
 * a new character starts with. */
export interface SliderDef {
  id: string
  group: RigGroup
  label: string
  bone: string
  op: BoneOp
  axis: BoneAxis
  symmetric: boolean
  min: number
  max: number
  default: number
}

/**
 * A colour parameter: one normalised value [0, 1] read through `stops` (sRGB 0-255, evenly spaced).
 * - 'palette': the colour is the piecewise-linear interpolation of the stops.
 * - 'tint': the interpolated stop, divided by 255, multiplies the base colour named by `target`.
 * - 'mix': the base colour `target` is blended toward stops[0] by the value (0 = none, 1 = all).
 * - 'amount': a local effect's strength (e.g. cheek blush), applied by the engine with colour stops[0].
 */
export interface ColorDef {
  id: string
  group: RigGroup
  label: string
  mode: 'palette' | 'tint' | 'mix' | 'amount'
  target?: string
  stops: ReadonlyArray<readonly [number, number, number]>
  default: number
}

/** One option of a discrete group; `id` is stable (stored in characters and share codes by index). */
export interface StyleOption {
  id: string
  label: string
}

/** A discrete parameter (hairstyle, brow style, ...). `default` is an option id. */
export interface StyleDef {
  id: string
  group: RigGroup
  label: string
  options: readonly StyleOption[]
  default: string
}

/** The whole parameter schema, as printed by `facecraft rig --json`. */
export interface RigSchema {
  /** Integer rig version: bumped whenever a parameter is added, removed, re-ordered or re-mapped. */
  version: number
  continuous: readonly SliderDef[]
  discrete: readonly StyleDef[]
  colors: readonly ColorDef[]
}

/**
 * A character: the game's own creation parameters. Plain JSON, safe to store and sync.
 * Every slider and colour id of the rig is present with a value in [0, 1]; every style holds an option id.
 */
export interface Character {
  rig: number
  sliders: Record<string, number>
  colors: Record<string, number>
  styles: Record<string, string>
  /** Rig v2 only, optional: skin detail (shared/src/detail), absent on characters made without a photo. */
  detail?: SkinDetail
}

/** A character's skin detail: weights on a basis of the face's fine structure (detail/spec). */
export interface SkinDetail {
  /** The basis version the weights are on (detail/spec SKIN_DETAIL_VERSION). */
  basis: number
  /** One weight per component, in units of its spread over the train photos. */
  weights: number[]
  /**
   * Optional: what the photo's fine detail has beyond the weights, per pixel of the basis's fine grid (detail/residual:
   * RESIDUAL_CHARS of base64url, 4 bits a pixel). Absent on detail read before session 44 and on the dice's.
   */
  residual?: string
  /**
   * Optional, only with a residual: the photo's fine detail at twice the fine grid's resolution, beyond what the
   * grid holds (detail/octave: OCTAVE_CHARS of base64url, 3 bits for each of the four pixels under each grid
   * pixel). Absent on detail read before session 51 and on the dice's.
   */
  octave?: string
}
