/**
 * @module engine/styles — shapes of the discrete styles painted on the skin: brow shapes, facial hair and
 * lipstick. Masks are functions of the rest-pose skin point (cm), so the paint moves with the skinned mesh.
 */
import { FACE, bump, smoothstep } from './anatomy.ts'

/** Brow shape: centre-line height above FACE.browY along s in [0 inner, 1 outer] and thickness (cm). */
interface BrowShape {
  arch: number
  peak: number
  width: number
  rise: number
  thickIn: number
  thickOut: number
  angled: boolean
}

const BROWS: Record<string, BrowShape> = {
  straight: {
    arch: 0.04,
    peak: 0.6,
    width: 0.5,
    rise: 0.08,
    thickIn: 0.55,
    thickOut: 0.34,
    angled: false,
  },
  'soft-arch': {
    arch: 0.24,
    peak: 0.62,
    width: 0.42,
    rise: -0.05,
    thickIn: 0.5,
    thickOut: 0.3,
    angled: false,
  },
  'high-arch': {
    arch: 0.45,
    peak: 0.6,
    width: 0.38,
    rise: -0.1,
    thickIn: 0.44,
    thickOut: 0.26,
    angled: false,
  },
  angled: {
    arch: 0.36,
    peak: 0.68,
    width: 0.5,
    rise: -0.08,
    thickIn: 0.5,
    thickOut: 0.3,
    angled: true,
  },
  rounded: {
    arch: 0.3,
    peak: 0.5,
    width: 0.5,
    rise: -0.15,
    thickIn: 0.46,
    thickOut: 0.32,
    angled: false,
  },
  bushy: {
    arch: 0.14,
    peak: 0.6,
    width: 0.5,
    rise: 0.0,
    thickIn: 0.78,
    thickOut: 0.56,
    angled: false,
  },
  thin: {
    arch: 0.26,
    peak: 0.62,
    width: 0.42,
    rise: -0.05,
    thickIn: 0.22,
    thickOut: 0.15,
    angled: false,
  },
}

/** Height of the brow centre line (cm, head space y) at s for a style. */
export function browCenterY(style: string, s: number): number {
  const b = BROWS[style] ?? BROWS['soft-arch']!
  const d = (s - b.peak) / b.width
  const arch = b.angled ? Math.max(0, 1 - Math.abs(d)) : Math.exp(-d * d * 2)
  return FACE.browY + b.rise * s + b.arch * arch - (s > 0.8 ? 0.5 * (s - 0.8) : 0)
}

/** Half the brow's thickness (cm) at s in [0 inner, 1 outer] for a style: the tail thins toward its tip. */
export function browHalfThickness(style: string, s: number): number {
  const b = BROWS[style] ?? BROWS['soft-arch']!
  return (b.thickIn + (b.thickOut - b.thickIn) * s) * (1 - 0.55 * smoothstep(0.75, 1.05, s)) * 0.5
}

/** Brow coverage (0-1) at a rest skin point for a style. */
export function browMask(style: string, x: number, y: number, z: number): number {
  if (z < 4) return 0
  const s = (Math.abs(x) - FACE.browInnerX) / (FACE.browOuterX - FACE.browInnerX)
  if (s < -0.1 || s > 1.1) return 0
  const d = Math.abs(y - browCenterY(style, s)) / browHalfThickness(style, s)
  const ends = smoothstep(-0.1, 0.05, s) * smoothstep(1.08, 0.95, s)
  return smoothstep(1.15, 0.7, d) * ends
}

/** Facial hair coverage (0-1) at a rest skin point; `normalY` is the rest normal's y (under the jaw < 0). */
export function facialHairMask(style: string, x: number, y: number, z: number): number {
  if (style === 'none' || z < -1) return 0
  const ax = Math.abs(x)
  const lips = lipMask(x, y)
  const moustache =
    smoothstep(-5.85, -6.2, y) *
    smoothstep(-7.3, -7.0, y + 0.25 * (ax / 2.6) ** 2) *
    smoothstep(2.9, 2.4, ax)
  const chin = smoothstep(-8.9, -9.3, y) * smoothstep(2.4, 1.7, ax) * smoothstep(-13.4, -12.6, y)
  const cheekLine = -4.6 - 1.2 * (1 - Math.min(1, ax / 6))
  const beard =
    smoothstep(cheekLine + 0.6, cheekLine - 1.2, y) *
    smoothstep(-15, -13.5, y) *
    smoothstep(-1.5, 2, z)
  const jawBand = beard * (1 - smoothstep(4.5, 7.5, z + (y < -10 ? 3 : 0)) * smoothstep(-9, -7, -y))
  let m = 0
  if (style === 'stubble') m = 0.4 * Math.max(beard, moustache)
  else if (style === 'moustache') m = moustache
  else if (style === 'goatee')
    m = Math.max(
      moustache,
      chin,
      smoothstep(2.9, 2.4, ax) * smoothstep(-7.6, -8.2, y) * smoothstep(-13.4, -12.6, y)
    )
  else if (style === 'full-beard') m = Math.max(beard, moustache)
  else if (style === 'chin-strap') m = jawBand * smoothstep(8.5, 7.2, z + 0.2 * ax) + chin * 0.9
  return Math.min(1, m) * (1 - lips)
}

/** Upper and lower vermilion border heights (cm) at x; NaN outside the mouth. */
export function lipBorders(x: number): [upper: number, lower: number] {
  const ax = Math.abs(x)
  const q = 1 - (ax / FACE.mouthHalfWidth) ** 2
  if (q <= 0) return [NaN, NaN]
  const bow = 0.1 * bump(ax, 0, 0.45, 0, 0.3, 1) - 0.06 * bump(ax, 0, 0, 0, 0.2, 1)
  return [FACE.stomionY + 0.82 * Math.pow(q, 0.55) + bow, FACE.stomionY - 0.95 * Math.pow(q, 0.7)]
}

/** Vermilion (lip) coverage 0-1 at a rest skin point. */
export function lipMask(x: number, y: number): number {
  const [up, low] = lipBorders(x)
  if (Number.isNaN(up)) return 0
  return smoothstep(-0.05, 0.06, up - y) * smoothstep(-0.05, 0.06, y - low)
}

/** Lipstick colour (sRGB 0-255) and gloss for each makeup.lipstick option; null = natural lips. */
export const LIPSTICKS: Record<string, { rgb: [number, number, number]; gloss: number } | null> = {
  none: null,
  nude: { rgb: [192, 128, 116], gloss: 0.25 },
  red: { rgb: [168, 22, 34], gloss: 0.4 },
  'pink-gloss': { rgb: [222, 104, 146], gloss: 0.9 },
  berry: { rgb: [118, 28, 58], gloss: 0.35 },
  coral: { rgb: [232, 108, 88], gloss: 0.4 },
}
