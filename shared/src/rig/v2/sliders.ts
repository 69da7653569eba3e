/**
 * @module rig/v2/sliders — rig v2's continuous sliders: macro ('who'), face (from the generated MakeHuman
 * modifier table, with safe limits) and expressions.
 */
import { FACE_SLIDER_ROWS } from './face-sliders.gen.ts'
import type { RigV2Group, SliderDefV2 } from './schema.ts'

/** The youngest macro age shipped (11 years) on MakeHuman's age scale; the age slider starts there. */
export const MIN_AGE = 0.1875

const MACRO: SliderDefV2[] = [
  { id: 'who.gender', label: 'Female / male', default: 0.5 },
  // v -> macro age MIN_AGE + v * (1 - MIN_AGE): 0 = 11 years, 0.385 = 25 years, 1 = 90 years.
  { id: 'who.age', label: 'Age', default: (0.5 - MIN_AGE) / (1 - MIN_AGE) },
  { id: 'who.african', label: 'African heritage', default: 1 / 3 },
  { id: 'who.asian', label: 'Asian heritage', default: 1 / 3 },
  { id: 'who.european', label: 'European heritage', default: 1 / 3 },
  { id: 'who.muscle', label: 'Muscle', default: 0.5 },
  { id: 'who.weight', label: 'Weight', default: 0.5 },
].map((d) => ({ ...d, group: 'who' as const, kind: 'macro' as const, limit: 1 }))

const GROUP_OF: Record<string, RigV2Group> = {
  head: 'head',
  forehead: 'forehead',
  eyebrows: 'brows',
  neck: 'neck',
  eyes: 'eyes',
  nose: 'nose',
  mouth: 'mouth',
  ears: 'ears',
  chin: 'chin',
  cheek: 'cheeks',
}

/** 'r-eye-bag.in-out' -> 'Right eye bag (in / out)'. */
function labelOf(id: string): string {
  const [name, ends] = id.split('.')
  const words = name!
    .replace(/^r-/, 'right ')
    .replace(/^l-/, 'left ')
    .replace(/-/g, ' ')
    .replace(/\btrans\b/, 'position')
    .replace(/\bhoriz\b/, 'width')
    .replace(/\bvert\b/, 'height')
  const text = words[0]!.toUpperCase() + words.slice(1)
  return ends ? `${text} (${ends.replace('-', ' / ')})` : text
}

const FACE: SliderDefV2[] = FACE_SLIDER_ROWS.map(([id, group, low, high, limit]) => ({
  id: `face.${id}`,
  group: GROUP_OF[group]!,
  label: labelOf(id),
  kind: 'face',
  low,
  high,
  limit,
  default: low ? 0.5 : 0,
}))

const EXPR = (id: string, label: string, units: string[], limit = 1): SliderDefV2 => ({
  id: `expression.${id}`,
  group: 'expression',
  label,
  kind: 'expression',
  targets: units.map((u) => `expr/${u}`),
  limit,
  default: 0,
})

const EXPRESSIONS: SliderDefV2[] = [
  EXPR('smile', 'Smile', ['mouth-corner-puller']),
  EXPR('mouth_open', 'Mouth open', ['mouth-open'], 0.6),
  EXPR('brows_up', 'Brows raised', ['eyebrows-left-up', 'eyebrows-right-up']),
  EXPR('brows_down', 'Brows lowered', ['eyebrows-left-down', 'eyebrows-right-down']),
  EXPR('brows_inner_up', 'Brows worried', ['eyebrows-left-inner-up', 'eyebrows-right-inner-up']),
  EXPR('eyes_narrow', 'Eyes narrowed', ['eye-left-slit', 'eye-right-slit']),
  EXPR('eyes_closed', 'Eyes closed', ['eye-left-closure', 'eye-right-closure']),
  EXPR('frown', 'Mouth corners down', ['mouth-depression']),
  EXPR('pucker', 'Pucker', ['mouth-pursing']),
  EXPR('sneer', 'Sneer', ['nose-left-elevation', 'nose-right-elevation']),
]

/** Every continuous slider of rig v2, in share-code order. */
export const SLIDERS_V2: readonly SliderDefV2[] = Object.freeze(
  [...MACRO, ...FACE, ...EXPRESSIONS].map((d) => Object.freeze(d))
)

/** The face sliders only (the >= 120 shape controls). */
export const FACE_SLIDERS_V2: readonly SliderDefV2[] = SLIDERS_V2.filter((s) => s.kind === 'face')

/** Modifier value s of a face slider at normalised value v (see the schema module). */
export function faceValue(def: SliderDefV2, v: number): number {
  return def.low ? (2 * v - 1) * def.limit : v * def.limit
}
