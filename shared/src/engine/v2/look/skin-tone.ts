/**
 * @module engine/v2/look/skin-tone — base skin albedo (LINEAR RGB) from tone and undertone. Stops are measured-ish
 * sRGB skin colours from very dark (Fitzpatrick VI) to very light (I); the undertone scales their chroma, from near
 * neutral (cool) to rich and golden (warm), without changing luminance, so lightness stays monotone in tone.
 */
import { linearToSrgb, srgbToLinear } from '../../../render/resolve.ts'

/** sRGB 0-255 stops for tone 0 (darkest) .. 1 (lightest), evenly spaced. */
const TONE_STOPS: readonly (readonly [number, number, number])[] = [
  [52, 33, 26],
  [84, 54, 39],
  [124, 83, 60],
  [164, 115, 85],
  [196, 148, 116],
  [220, 178, 150],
  [236, 201, 178],
  [247, 221, 204],
]

/** Chroma of the albedo at undertone 0 and 1, as a multiple of the tone stops' own. */
const CHROMA_AT_0 = 0.1
const CHROMA_AT_1 = 1.5

const LIN = TONE_STOPS.map((s) => s.map((c) => srgbToLinear(c)) as [number, number, number])

/** Linear skin albedo for `tone` (0 darkest .. 1 lightest) and `undertone` (0 near neutral .. 1 rich, golden). */
export function skinAlbedo(tone: number, undertone: number, out: Float32Array | number[]): void {
  const f = Math.min(1, Math.max(0, tone)) * (LIN.length - 1)
  const i = Math.min(LIN.length - 2, Math.floor(f))
  const w = f - i
  const a = LIN[i]!
  const b = LIN[i + 1]!
  let r = a[0] + (b[0] - a[0]) * w
  let g = a[1] + (b[1] - a[1]) * w
  let bl = a[2] + (b[2] - a[2]) * w
  // Undertone is the skin's chroma at one hue: photographed skin varies most along that axis (train photos' skin,
  // CIELAB a*b* at a given L*: the first principal axis points at hue ~52 deg and spans 3x the second; docs/engine.md,
  // Skin colour). Cool is near neutral and pale in colour, warm is rich and golden; 0.5 renders about the train
  // photos' median chroma. The hue is fixed a little toward pink, as measured skin sits (the tilt below).
  const y0 = 0.2126 * r + 0.7152 * g + 0.0722 * bl
  r *= 0.99
  g *= 0.98
  bl *= 1.1
  const y1 = 0.2126 * r + 0.7152 * g + 0.0722 * bl
  const s = CHROMA_AT_0 + (CHROMA_AT_1 - CHROMA_AT_0) * Math.min(1, Math.max(0, undertone))
  // Scale the colour's distance from the grey of its own luminance (chroma, not lightness), keeping the neutral
  // colour's luminance so lightness stays monotone in tone.
  r = Math.max(0, y1 + s * (r - y1))
  g = Math.max(0, y1 + s * (g - y1))
  bl = Math.max(0, y1 + s * (bl - y1))
  const k = y0 / (0.2126 * r + 0.7152 * g + 0.0722 * bl)
  out[0] = r * k
  out[1] = g * k
  out[2] = bl * k
}

/** The albedo of skinAlbedo as sRGB [0, 1] (a swatch of the skin, as the editor shows it). */
export function skinSrgb(tone: number, undertone: number): [number, number, number] {
  const lin = [0, 0, 0]
  skinAlbedo(tone, undertone, lin)
  return lin.map(linearToSrgb) as [number, number, number]
}

/** Rec. 709 luminance of a linear colour. */
export function luminance(c: ArrayLike<number>): number {
  return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!
}
