/**
 * @module rig/v2/schema — rig v2 (RIG_VERSION 2): the parameters of a character on the CC0 MakeHuman head.
 * A v2 character has v1's shape (`Character`: rig, sliders, colors, styles; every slider and colour a value in
 * [0, 1], every style an option id) with rig = 2 and these parameters:
 * - macro sliders ('who'): gender, age, three ethnic proportions (normalised to sum 1 when used), muscle, weight,
 *   read through MakeHuman's tent interpolation (engine/v2/macro);
 * - face sliders: one per MakeHuman face modifier (rig/v2/face-sliders.gen), value v maps to the modifier value
 *   s = (2v - 1) * limit (two-sided) or v * limit (one-sided), `limit` being its safe range;
 * - expression sliders: v is the weight of the expression unit targets (0 = neutral);
 * - colours: v1's colour parameters (same ids and palettes) plus freckles;
 * - styles: hair, brows, lashes, facial hair, lipstick, glasses.
 * Ids and the ORDER of every list are part of rig v2 (share codes store values by position): append only.
 */
import type { ColorDef, StyleDef } from '../schema.ts'

/** The groups of rig v2, in editor order ('who' first). */
export const RIG_V2_GROUPS = [
  'who',
  'head',
  'forehead',
  'brows',
  'eyes',
  'nose',
  'mouth',
  'ears',
  'chin',
  'cheeks',
  'neck',
  'expression',
  'skin',
  'hair',
  'makeup',
  'glasses',
] as const

export type RigV2Group = (typeof RIG_V2_GROUPS)[number]

/** A continuous rig v2 slider. `default` is the normalised value a new character starts with. */
export interface SliderDefV2 {
  id: string
  group: RigV2Group
  label: string
  kind: 'macro' | 'face' | 'expression'
  /** Face sliders: pack target at the low end (null: one-sided) and at the high end, and the safe limit.
   * Expression sliders: `targets` are all driven with the slider's value times `limit`. */
  low?: string | null
  high?: string
  targets?: readonly string[]
  limit: number
  default: number
}

/** A discrete rig v2 parameter (v1's StyleDef with a v2 group). */
export type StyleDefV2 = Omit<StyleDef, 'group'> & { group: RigV2Group }

/** A rig v2 colour parameter (v1's ColorDef with a v2 group). */
export type ColorDefV2 = Omit<ColorDef, 'group'> & { group: RigV2Group }

/** The rig v2 schema (as printed by `facecraft rig --rig 2 --json`). */
export interface RigSchemaV2 {
  version: 2
  continuous: readonly SliderDefV2[]
  discrete: readonly StyleDefV2[]
  colors: readonly ColorDefV2[]
}
