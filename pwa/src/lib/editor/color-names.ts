/**
 * @module lib/editor/color-names — plain-language names for colours ("dark brown", "platinum"), so a screen reader
 * hears the colour presets the way a sighted player sees them. Works on any sRGB colour, so new rig palettes
 * get names without a list to keep in step.
 */

import type { ColorDef } from '@facecraft/shared/rig'

type Rgb = readonly [number, number, number]

/** Skin is named by depth, as people describe skin, never with hair words like "platinum". */
const SKIN_DEPTHS = ['very light', 'light', 'light medium', 'medium', 'tan', 'brown', 'deep brown']
/** Strengths, for effects without a palette of their own (blush, grey hair): values 0, 0.5, 1. */
const AMOUNTS = ['none', 'half', 'full']

/** Hue (degrees), saturation and lightness (0..1) of an sRGB colour given 0-255 per channel. */
function hsl([r, g, b]: Rgb): { h: number; s: number; l: number } {
  const [R, G, B] = [r / 255, g / 255, b / 255]
  const max = Math.max(R, G, B)
  const min = Math.min(R, G, B)
  const l = (max + min) / 2
  const d = max - min
  if (d === 0) return { h: 0, s: 0, l }
  const s = d / (1 - Math.abs(2 * l - 1))
  let h = max === R ? ((G - B) / d) % 6 : max === G ? (B - R) / d + 2 : (R - G) / d + 4
  h *= 60
  return { h: h < 0 ? h + 360 : h, s, l }
}

function hueName(h: number, s: number, l: number): string {
  // Warm low-saturation hues are what hair, skin and brows are made of: name them as people do.
  if (h >= 15 && h < 50) {
    if (l < 0.2) return 'dark brown'
    if (l < 0.33) return 'brown'
    if (l < 0.45) return s > 0.45 ? 'auburn' : 'light brown'
    if (l < 0.6) return s > 0.45 ? 'golden' : 'dark blond'
    if (l < 0.78) return 'blond'
    return 'platinum'
  }
  if (h < 15 || h >= 340) return l < 0.35 ? 'deep red' : l > 0.75 ? 'pink' : 'red'
  if (h < 70) return 'yellow'
  if (h < 165) return 'green'
  if (h < 200) return 'teal'
  if (h < 255) return 'blue'
  if (h < 290) return 'violet'
  return 'rose'
}

/** A short name for an sRGB colour (0-255 per channel). */
export function colorName(rgb: Rgb): string {
  const { h, s, l } = hsl(rgb)
  if (l < 0.1) return 'black'
  if (s < 0.12) return l > 0.85 ? 'white' : l > 0.6 ? 'light grey' : l > 0.3 ? 'grey' : 'dark grey'
  const base = hueName(h, s, l)
  if (/brown|blond|platinum|auburn|golden/.test(base)) return base
  if (l < 0.3) return `dark ${base}`
  if (l > 0.75) return `light ${base}`
  return base
}

/**
 * Names for a row of colours, unique within the row: repeats get "lighter"/"darker" by lightness order, so two
 * browns read "brown" and "darker brown" rather than the same word twice.
 */
export function colorNames(colors: readonly Rgb[]): string[] {
  const names = colors.map(colorName)
  const lightness = colors.map((c) => hsl(c).l)
  return names.map((name, i) => {
    const same = names.map((n, j) => (n === name ? j : -1)).filter((j) => j >= 0)
    if (same.length < 2) return name
    const rank = [...same].sort((a, b) => lightness[b]! - lightness[a]!).indexOf(i)
    if (rank === 0) return `${name}, lightest`
    if (rank === same.length - 1) return `${name}, darkest`
    return `${name}, shade ${rank + 1} of ${same.length}`
  })
}

/**
 * Names of a colour parameter's one-tap presets, in the order of `swatchValues(def)` (lib/rig-ui): skin by depth,
 * effects by strength, everything else by the colour of each palette stop.
 */
export function presetNames(def: Omit<ColorDef, 'group'>): string[] {
  const n = def.stops.length
  if (n < 2) return AMOUNTS
  if (def.mode === 'palette' && def.id.startsWith('skin')) {
    return Array.from({ length: n }, (_, i) => SKIN_DEPTHS[Math.round((i / (n - 1)) * 6)]!)
  }
  return colorNames(def.stops)
}
