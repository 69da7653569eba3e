/**
 * @module rig/eval-colors — turns a character's colour parameters into the final colours the engine paints.
 */
import { COLORS } from './colors.ts'
import type { Character, ColorDef } from './schema.ts'

/** sRGB colour, components in [0, 1] (gamma-encoded, as stored in PNGs). */
export type Srgb = [r: number, g: number, b: number]

/** Final colours of a character; `blush` is the cheek colour applied with strength `blushAmount` in [0, 1]. */
export interface CharacterColors {
  skin: Srgb
  blush: Srgb
  blushAmount: number
  hair: Srgb
  brows: Srgb
  iris: Srgb
  lips: Srgb
}

const DEF = new Map(COLORS.map((c) => [c.id, c]))

/** Piecewise-linear interpolation of the definition's evenly spaced stops at t in [0, 1], as sRGB [0, 1]. */
export function samplePalette(def: ColorDef, t: number): Srgb {
  const stops = def.stops
  const f = Math.min(1, Math.max(0, t)) * (stops.length - 1)
  const i = Math.min(stops.length - 2, Math.floor(f))
  if (stops.length === 1) return stops[0]!.map((v) => v / 255) as Srgb
  const a = stops[i]!
  const b = stops[i + 1]!
  const w = f - i
  return [0, 1, 2].map((k) => (a[k]! * (1 - w) + b[k]! * w) / 255) as Srgb
}

function value(c: Character, id: string): Srgb {
  return samplePalette(DEF.get(id)!, c.colors[id]!)
}

const mul = (a: Srgb, b: Srgb): Srgb => [a[0] * b[0], a[1] * b[1], a[2] * b[2]]
const mix = (a: Srgb, b: Srgb, t: number): Srgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
]

/** Evaluates palettes, tints and mixes of `c` into the colours the engine uses. */
export function evalColors(c: Character): CharacterColors {
  const skin = mul(value(c, 'skin.tone'), value(c, 'skin.undertone'))
  const grey = samplePalette(DEF.get('hair.grey')!, 0)
  const hair = mix(mul(value(c, 'hair.color'), value(c, 'hair.red')), grey, c.colors['hair.grey']!)
  // Brows grey more slowly than scalp hair, and share its red tint.
  const brows = mix(
    mul(value(c, 'brows.color'), value(c, 'hair.red')),
    grey,
    0.5 * c.colors['hair.grey']!
  )
  return {
    skin,
    blush: samplePalette(DEF.get('skin.blush')!, 0),
    blushAmount: c.colors['skin.blush']!,
    hair,
    brows,
    iris: value(c, 'eyes.iris_color'),
    lips: value(c, 'mouth.lip_tint'),
  }
}
