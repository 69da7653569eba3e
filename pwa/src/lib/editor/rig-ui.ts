/**
 * @module lib/editor/rig-ui — rig v2 as the editor shows it: groups in the rig's editor order ('Who' first) with their
 * styles, colours and sliders, the colours a colour parameter runs through (so its track shows the real palette),
 * and the age slider in years.
 */
import { skinSrgb } from '@facecraft/shared/engine-v2/skin-tone'
import { evalColors, type Character } from '@facecraft/shared/rig'
import {
  COLORS_V2,
  MIN_AGE,
  RIG_V2_GROUPS,
  SLIDERS_V2,
  STYLES_V2,
  type ColorDefV2,
  type RigV2Group,
  type SliderDefV2,
  type StyleDefV2,
} from '@facecraft/shared/rig-v2'

export interface GroupView {
  id: RigV2Group
  label: string
  styles: readonly StyleDefV2[]
  colors: readonly ColorDefV2[]
  sliders: readonly SliderDefV2[]
}

/** The three ethnic proportions, shown as ONE heritage control (they are read normalised to sum 1). */
export const HERITAGE_IDS = ['who.african', 'who.asian', 'who.european'] as const

/** Every group that has at least one parameter, in the rig's editor order. */
export const GROUPS: readonly GroupView[] = RIG_V2_GROUPS.map((id) => ({
  id,
  label: id[0]!.toUpperCase() + id.slice(1),
  styles: STYLES_V2.filter((s) => s.group === id),
  colors: COLORS_V2.filter((c) => c.group === id),
  sliders: SLIDERS_V2.filter((s) => s.group === id),
})).filter((g) => g.styles.length + g.colors.length + g.sliders.length > 0)

/** The character without its skin detail (read from a photo): the player's "remove", undoable like any edit. */
export function withoutDetail(c: Character): Character {
  const { detail: _, ...rest } = c
  return rest
}

/**
 * The character with its skin detail's residual and octave left out (detail/residual, detail/octave: the photo's own
 * moles, blemishes, freckles and stubble grain, and their finest edges), keeping the weights' creases and shading:
 * the player's "smooth", undoable like any edit.
 */
export function smoothedDetail(c: Character): Character {
  if (!c.detail?.residual && !c.detail?.octave) return c
  const { residual: _, octave: __, ...detail } = c.detail
  return { ...c, detail }
}

/** The character with every parameter of `group` back at the rig default. */
export function resetGroup(c: Character, group: GroupView): Character {
  return {
    ...c,
    sliders: { ...c.sliders, ...Object.fromEntries(group.sliders.map((s) => [s.id, s.default])) },
    colors: { ...c.colors, ...Object.fromEntries(group.colors.map((s) => [s.id, s.default])) },
    styles: { ...c.styles, ...Object.fromEntries(group.styles.map((s) => [s.id, s.default])) },
  }
}

/** Age in whole years for the age slider's value (MakeHuman's scale: 0 = 11, 0.385 = 25, 1 = 90 years). */
export function ageYears(v: number): number {
  const macro = MIN_AGE + Math.min(1, Math.max(0, v)) * (1 - MIN_AGE)
  const years =
    macro <= 0.5 ? 11 + ((macro - MIN_AGE) / (0.5 - MIN_AGE)) * 14 : 25 + ((macro - 0.5) / 0.5) * 65
  return Math.round(years)
}

type Rgb = [number, number, number]
type ColorLike = Omit<ColorDefV2, 'group'>

/** The skin albedo engine v2 paints (its own palette: rig v1's palette math is not what a v2 head shows). Rig
 * tone runs light -> dark; the look's runs dark -> light (engine/v2/character.ts). */
const skinV2 = (c: Character): Rgb =>
  skinSrgb(1 - c.colors['skin.tone']!, c.colors['skin.undertone']!)

/** The final colour `def` gives at value t for this character, as CSS rgb(); what the player will see. */
export function colorAt(c: Character, def: ColorLike, t: number): string {
  const at = { ...c, colors: { ...c.colors, [def.id]: t } }
  const out = evalColors(at)
  if (c.rig === 2) out.skin = skinV2(at)
  let rgb: Rgb
  if (def.mode === 'amount') {
    // A local effect (cheek blush, freckles) shown as its colour over the skin at that strength.
    const over = def.id === 'skin.blush' ? out.blush : (def.stops[0]!.map((v) => v / 255) as Rgb)
    rgb = out.skin.map((s, i) => s + (over[i]! - s) * t * 0.6) as Rgb
  } else {
    rgb = affected(def) === 'skin' ? out.skin : out[affected(def)]
  }
  const [r, g, b] = rgb.map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255))
  return `rgb(${r} ${g} ${b})`
}

/** A CSS linear-gradient through the colour parameter's range, for its slider track. */
export function colorGradient(c: Character, def: ColorLike, steps = 9): string {
  const stops = Array.from({ length: steps }, (_, i) => colorAt(c, def, i / (steps - 1)))
  return `linear-gradient(to right, ${stops.join(', ')})`
}

/** Values at which to offer one-tap swatches: the palette's own stops. */
export function swatchValues(def: ColorLike): number[] {
  const n = def.stops.length
  return n < 2 ? [0, 0.5, 1] : Array.from({ length: n }, (_, i) => i / (n - 1))
}

function affected(def: ColorLike): 'skin' | 'hair' | 'brows' | 'iris' | 'lips' {
  const key = def.target ?? def.id
  if (key.startsWith('skin')) return 'skin'
  if (key.startsWith('hair')) return 'hair'
  if (key.startsWith('brows')) return 'brows'
  if (key.startsWith('eyes')) return 'iris'
  return 'lips'
}
