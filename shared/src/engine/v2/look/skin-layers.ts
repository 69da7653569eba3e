/**
 * @module engine/v2/look/skin-layers — the appearance-independent layers of the procedural skin, as functions of a
 * point of the REST head in "face space": centimetres from the midpoint of the two eyeball centres, +x the
 * subject's left, +y up, +z forward (the base mesh's eyes are at x = +-3.1, its nose tip at y = -3.6, z = +3.5,
 * its mouth line at y = -6.8, its crown at y = +12). Each layer is [0, 1]; skin.ts bakes them once into the UV
 * layout and mixes them per appearance.
 */
import { cellNoise, fbm, smoothstep, valueNoise } from './noise.ts'

/** Layer slots (bytes per texel in the baked layer image). */
export const LAYER = {
  lips: 0,
  cheek: 1,
  beard: 2,
  scalp: 3,
  eyes: 4,
  red: 5,
  crease: 6,
  mottle: 7,
  pore: 8,
  spot: 9,
  oil: 10,
  cavity: 11,
  /** Ambient occlusion from the mesh's concavity (filled by skin.ts, not evalLayers). */
  occlusion: 12,
} as const
export const LAYER_COUNT = 13

/** Gaussian bump centred at (cx, cy) with radii (rx, ry). */
const bump = (x: number, y: number, cx: number, cy: number, rx: number, ry: number) => {
  const dx = (x - cx) / rx
  const dy = (y - cy) / ry
  const d = dx * dx + dy * dy
  return d > 9 ? 0 : Math.exp(-d)
}

/** Distance from (x, y) to the segment (ax, ay)-(bx, by). */
function segDist(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(x - ax - t * dx, y - ay - t * dy)
}

/**
 * Mouth geometry of the base head (face space, cm), read off the pack's rest mesh (the midline profile: the upper
 * lip's vermilion border where the profile steps forward at y ~ -5.7, the slit at ~ -6.8, the lower lip's border at
 * ~ -7.7) and checked on renders by painting bands of rest y. It was lineY -5.42, topY -4.72, bottomY -6.35: the
 * paint sat a lip higher than the lips (the upper lip and the skin under the nose painted, the lower lip bare, the
 * lip line drawn across the upper lip), so renders read as a pale mouth with a line and a second lower lip.
 */
export const MOUTH = { cornerX: 2.35, lineY: -6.78, topY: -5.72, bottomY: -7.72 }

/** Lip vermilion: 1 inside, a soft 1 mm border; the upper lip has a Cupid's bow. */
export function lipMask(x: number, y: number, z: number): number {
  if (z < -2) return 0
  const ax = Math.abs(x)
  const s = ax / MOUTH.cornerX
  if (s > 1.15) return 0
  const corner = MOUTH.lineY
  // Upper border: highest at the bow's peaks (|x| ~ 0.45), a small dip at the philtrum, down to the corner.
  const top =
    corner +
    (MOUTH.topY - corner) * (1 - s * s) * (1 - 0.35 * s) +
    0.08 * bump(ax, 0, 0.45, 0, 0.3, 1) -
    0.06 * bump(ax, 0, 0, 0, 0.18, 1)
  const bottom = corner + (MOUTH.bottomY - corner) * (1 - Math.pow(s, 2.2))
  const inside = Math.min(top - y, y - bottom)
  // A soft border (about 3 mm): a hard one reads as a lip shape pasted on the face.
  return smoothstep(-0.14, 0.16, inside) * smoothstep(1.15, 0.9, s)
}

/** Wrinkle lines (age-scaled later): forehead, frown lines, crow's feet, nasolabial and marionette folds, neck. */
export function creaseMask(x: number, y: number, z: number): number {
  if (z < -9) return 0
  const ax = Math.abs(x)
  let c = 0
  // Forehead: horizontal, slightly arched lines across the brow ridge to the hairline.
  const fy = y - 0.04 * x * x
  const fh = Math.pow(0.5 + 0.5 * Math.cos(((fy - 3.1) / 0.85) * Math.PI * 2), 6)
  c = Math.max(
    c,
    0.55 * fh * smoothstep(2.3, 3.0, fy) * smoothstep(6.2, 5.0, fy) * smoothstep(4.8, 3.0, ax)
  )
  // Frown lines between the brows.
  c = Math.max(c, 0.6 * bump(ax, y, 0.45, 1.5, 0.07, 0.6))
  // Crow's feet: short rays fanning from the outer eye corner.
  const cx = ax - 4.55
  const cy = y + 0.1
  if (cx > -0.2 && cx < 1.6 && Math.abs(cy) < 1.4) {
    const ang = Math.atan2(cy, cx + 0.4)
    const ray = Math.pow(0.5 + 0.5 * Math.cos(ang * 11), 8)
    c = Math.max(c, 0.5 * ray * smoothstep(-0.1, 0.3, cx) * smoothstep(1.5, 0.6, cx))
  }
  // Under-eye line (the tear trough / bag edge).
  c = Math.max(
    c,
    0.45 *
      Math.exp(-(((y + 1.35 + 0.12 * (ax - 3.1) ** 2) / 0.09) ** 2)) *
      smoothstep(1.6, 2.2, ax) *
      smoothstep(4.6, 3.6, ax)
  )
  // Nasolabial fold: from the nose wing down past the mouth corner.
  c = Math.max(
    c,
    0.9 * smoothstep(0.22, 0.0, segDist(ax, y, 1.65, -3.75, 3.0, -7.0)) * smoothstep(-0.4, 0.6, z)
  )
  // Marionette lines below the mouth corners.
  c = Math.max(
    c,
    0.6 * smoothstep(0.16, 0.0, segDist(ax, y, 2.65, -7.0, 2.85, -8.6)) * smoothstep(-0.4, 0.6, z)
  )
  // Neck rings.
  const ny = y + 11.5
  c = Math.max(
    c,
    0.45 *
      Math.pow(0.5 + 0.5 * Math.cos((ny / 1.4) * Math.PI * 2), 6) *
      smoothstep(-10.5, -12, y) *
      smoothstep(-16, -14, y)
  )
  return Math.min(1, c)
}

/** Hairline scalp mask from the crown down to a front hairline, temples, sideburns and nape. */
export function scalpMask(x: number, y: number, z: number): number {
  // Angle around the vertical axis through the head's centre (0 = front, pi = back).
  const ang = Math.abs(Math.atan2(x, z + 6.8))
  const t = ang / Math.PI
  // Hairline height by angle: forehead 5.9, temples 4.6, in front of the ear ~0.3 (sideburn), nape -6.
  let h: number
  if (t < 0.18) h = 5.9 - (t / 0.18) * 0.9
  else if (t < 0.3) h = 5.0 - ((t - 0.18) / 0.12) * 4.4
  else if (t < 0.42)
    h = 0.6 + ((t - 0.3) / 0.12) * 3.4 // over the ear
  else h = 4.0 - ((t - 0.42) / 0.58) * 10.0
  // A ragged hairline: hair thins out over a few millimetres, unevenly.
  h += 0.5 * (valueNoise(x * 2.2 + 40, z * 2.2 + y * 0.5, 3) - 0.5)
  return smoothstep(h - 0.15, h + 0.2, y)
}

/** Facial hair region (jaw, chin, upper lip, lower cheeks), without the lips. */
export function beardMask(x: number, y: number, z: number): number {
  const ax = Math.abs(x)
  if (z < -8 || y > -1) return 0
  const upper = smoothstep(-2.2, -3.4, y + 0.18 * ax) // below the cheekbones, sloping down toward the nose
  const front = smoothstep(-8, -6.5, z)
  const neck = smoothstep(-12.5, -10.5, y - 0.15 * z) // fades down the neck
  const nose = 1 - bump(ax, y, 0, -3.8, 1.5, 0.5) // not in the nostrils
  return Math.max(0, upper * front * neck * nose - lipMask(x, y, z))
}

/**
 * Evaluates every layer at a rest point into out[o..o+LAYER_COUNT-1] (0-255 bytes). `seed` varies the noise
 * fields (a constant for the shared bake).
 */
export function evalLayers(x: number, y: number, z: number, out: Uint8Array, o: number): void {
  const ax = Math.abs(x)
  const front = smoothstep(-2.5, -0.5, z)
  const put = (k: number, v: number) => {
    out[o + k] = Math.round(Math.min(1, Math.max(0, v)) * 255)
  }
  put(LAYER.lips, lipMask(x, y, z))
  put(LAYER.cheek, bump(ax, y, 3.6, -2.7, 1.7, 1.3) * front)
  put(LAYER.beard, beardMask(x, y, z))
  put(LAYER.scalp, scalpMask(x, y, z))
  put(
    LAYER.eyes,
    (bump(ax, y, 3.1, -0.95, 1.6, 0.55) + 0.8 * bump(ax, y, 3.0, 0.75, 1.4, 0.45)) * front
  )
  put(
    LAYER.red,
    bump(x, y, 0, -3.2, 0.9, 0.8) +
      0.8 * bump(ax, y, 1.2, -3.8, 0.55, 0.45) +
      0.5 * bump(ax, y, 3.4, -2.6, 1.8, 1.4) * front +
      0.3 * bump(x, y, 0, -8.0, 1.6, 1.0) +
      0.6 * smoothstep(6.2, 7.5, ax) * smoothstep(-4, -1, y)
  )
  put(LAYER.crease, creaseMask(x, y, z))
  put(LAYER.mottle, fbm(x * 0.55 + z * 0.3, y * 0.55 - z * 0.2, 11, 3))
  put(LAYER.pore, 0.5 + 1.4 * (valueNoise(x * 7.3 + z * 3.1, y * 7.3 + z * 2.3, 5) - 0.5))
  // Spot field: small dots (about 3 per cm), weighted toward where freckles and sun spots gather (nose, cheeks,
  // forehead), fading on the jaw and neck.
  const sunny =
    0.35 +
    0.65 *
      Math.min(
        1,
        bump(ax, y, 2.4, -1.8, 2.6, 1.6) +
          bump(x, y, 0, -1.5, 1.0, 1.6) +
          0.5 * bump(x, y, 0, 4, 4, 1.5)
      )
  put(LAYER.spot, sunny * (1 - cellNoise(x * 3.1 + z * 0.9, y * 3.1 - z * 0.7, 29)) * front)
  put(
    LAYER.oil,
    (bump(x, y, 0, 3.6, 2.4, 1.6) +
      bump(x, y, 0, -2.6, 0.8, 1.6) +
      0.5 * bump(x, y, 0, -8, 1.4, 0.9)) *
      front
  )
  put(
    LAYER.cavity,
    bump(ax, y, 0.8, -4.05, 0.32, 0.2) +
      0.8 * bump(ax, y, MOUTH.cornerX + 0.05, MOUTH.lineY, 0.2, 0.16) +
      0.7 *
        Math.exp(-(((y - MOUTH.lineY) / 0.07) ** 2)) *
        smoothstep(MOUTH.cornerX + 0.1, MOUTH.cornerX - 0.3, ax) *
        front +
      0.5 * bump(ax, y, 1.55, -0.05, 0.35, 0.3) +
      // The upper lid's crease: a soft arc above the eye.
      0.4 *
        Math.exp(-(((y - 0.95 + 0.22 * ((ax - 3.1) / 1.4) ** 2) / 0.12) ** 2)) *
        smoothstep(1.7, 2.3, ax) *
        smoothstep(4.7, 4.0, ax) *
        front +
      0.35 * bump(ax, y, 1.5, -4.5, 0.25, 0.5)
  )
}

/**
 * The part of the beard region a facial-hair style covers (0-1) at a face-space point: a moustache above the upper
 * lip, a goatee on the chin around the mouth, a chin strap along the jaw, a full beard (and stubble) everywhere.
 * Heights are the base head's (face space): nostrils' base ~ -4.1, the upper lip's vermilion -5.7, the mouth's
 * corners at (+-2.35, -6.8), the lower lip's border -7.7, the chin's front -8.5 to -11, its lowest point -11.3; the
 * jaw's front outline runs about y = JAW_Y0 + JAW_K x^2 (x 5 at y -8.5, x 3.6 at y -9.9).
 */
export function beardStyleMask(style: string, x: number, y: number, z: number): number {
  const ax = Math.abs(x)
  // Under the nose and down to the lip, its upper edge sloping down toward the mouth's corners (a moustache
  // thins toward its ends; a level upper edge and upright sides drew a rectangle). It starts 2-3 mm under the
  // nostrils, below the nose's underside (a shell lifted off that underside read as a tuft up the nose).
  const top = -4.5 - 0.16 * ax * ax
  const moustache =
    smoothstep(3.0, 2.5, ax) *
    smoothstep(-5.95, -5.6, y + 0.12 * ax * ax) *
    smoothstep(top + 0.1, top - 0.2, y)
  switch (style) {
    case 'none':
      return 0
    case 'moustache':
      return moustache
    case 'goatee': {
      // The moustache, down past the mouth's corners, and the chin down to just under its lowest point,
      // narrowing below the lip (a rounded chin piece).
      const w = 2.1 - 0.2 * Math.max(0, -8 - y)
      return Math.max(
        moustache,
        smoothstep(w + 0.3, w - 0.3, ax) *
          smoothstep(-5.2, -5.6, y) *
          smoothstep(-11.5, -11, y) *
          smoothstep(-1, 0.5, z)
      )
    }
    case 'chin-strap': {
      // A band about 1 cm wide above the jaw's front outline (and under it, where the beard region fades
      // down the neck), up the sides to the sideburns.
      const jawY = JAW_Y0 + JAW_K * ax * ax
      const jaw = smoothstep(jawY + 1.3, jawY + 0.8, y)
      return Math.max(jaw, smoothstep(5.4, 6, ax) * smoothstep(-7, -5, y))
    }
    case 'full-beard': {
      // Below the cheek line, which runs from the sideburns down to about a centimetre above the mouth's
      // corners, with the moustache; not the nose or the cheeks' upper part (the beard region's upper reach,
      // which stubble's paint fills).
      const cheek = Math.max(-6.3, -6 + 0.8 * (ax - 2.5))
      return Math.max(moustache, smoothstep(cheek + 0.3, cheek - 0.3, y))
    }
    default:
      return 1
  }
}

/** The jaw's front outline on the base head (face space): y = JAW_Y0 + JAW_K x^2. */
const JAW_Y0 = -11.3
const JAW_K = 0.11

/**
 * How densely a facial-hair style's shell is drawn at a face-space point (0-1): its style region within the
 * beard region. The shell's outline is where this falls to 0; the strands end (thin out and stop) as it falls, so
 * the outline is a smooth frayed curve of the face instead of the zigzag of whole skin triangles (each 3-4 mm).
 */
export function beardDensity(style: string, x: number, y: number, z: number): number {
  return beardStyleMask(style, x, y, z) * smoothstep(0.1, 0.5, beardMask(x, y, z))
}
