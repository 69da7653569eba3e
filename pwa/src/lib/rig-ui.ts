/**
 * @module lib/rig-ui — the rig as the editor shows it: groups in editor order with their styles, colours and
 * sliders, and the colours a colour parameter runs through (so its track shows the real palette).
 */
import {
  COLORS,
  evalColors,
  RIG_GROUPS,
  SLIDERS,
  STYLES,
  type Character,
  type ColorDef,
  type RigGroup,
  type SliderDef,
  type StyleDef,
} from '@facecraft/shared/rig'

export interface GroupView {
  id: RigGroup
  label: string
  styles: readonly StyleDef[]
  colors: readonly ColorDef[]
  sliders: readonly SliderDef[]
}

/** Every group that has at least one parameter, in editor order. */
export const GROUPS: readonly GroupView[] = RIG_GROUPS.map((id) => ({
  id,
  label: id[0]!.toUpperCase() + id.slice(1),
  styles: STYLES.filter((s) => s.group === id),
  colors: COLORS.filter((c) => c.group === id),
  sliders: SLIDERS.filter((s) => s.group === id),
})).filter((g) => g.styles.length + g.colors.length + g.sliders.length > 0)

/** The character with every parameter of `group` back at the rig default. */
export function resetGroup(c: Character, group: GroupView): Character {
  return {
    ...c,
    sliders: { ...c.sliders, ...Object.fromEntries(group.sliders.map((s) => [s.id, s.default])) },
    colors: { ...c.colors, ...Object.fromEntries(group.colors.map((s) => [s.id, s.default])) },
    styles: { ...c.styles, ...Object.fromEntries(group.styles.map((s) => [s.id, s.default])) },
  }
}

type Rgb = [number, number, number]

/** The final colour `def` gives at value t for this character, as CSS rgb(); what the player will see. */
export function colorAt(c: Character, def: ColorDef, t: number): string {
  const out = evalColors({ ...c, colors: { ...c.colors, [def.id]: t } })
  let rgb: Rgb
  if (def.mode === 'amount') {
    // A local effect (cheek blush) shown as its colour over the skin at that strength.
    rgb = out.skin.map((s, i) => s + (out.blush[i]! - s) * t * 0.6) as Rgb
  } else {
    rgb = affected(def) === 'skin' ? out.skin : out[affected(def)]
  }
  const [r, g, b] = rgb.map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255))
  return `rgb(${r} ${g} ${b})`
}

/** A CSS linear-gradient through the colour parameter's range, for its slider track. */
export function colorGradient(c: Character, def: ColorDef, steps = 9): string {
  const stops = Array.from({ length: steps }, (_, i) => colorAt(c, def, i / (steps - 1)))
  return `linear-gradient(to right, ${stops.join(', ')})`
}

/** Values at which to offer one-tap swatches: the palette's own stops. */
export function swatchValues(def: ColorDef): number[] {
  const n = def.stops.length
  return n < 2 ? [0, 0.5, 1] : Array.from({ length: n }, (_, i) => i / (n - 1))
}

function affected(def: ColorDef): 'skin' | 'hair' | 'brows' | 'iris' | 'lips' {
  const key = def.target ?? def.id
  if (key.startsWith('skin')) return 'skin'
  if (key.startsWith('hair')) return 'hair'
  if (key.startsWith('brows')) return 'brows'
  if (key.startsWith('eyes')) return 'iris'
  return 'lips'
}
