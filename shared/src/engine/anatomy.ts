/**
 * @module engine/anatomy — rest-pose proportions of the default head, in head space (cm; origin between the ears at
 * eye height, +x the subject's left, +y up, +z forward). Every other engine module reads its positions from here,
 * so the mesh, the skinning regions, the paint and the landmarks agree.
 * Proportions follow adult anthropometry: eye line at mid-head, eyes one eye-width apart, nose base about a third
 * of the way from brows to chin.
 */

/** Eyeball of the subject's LEFT eye (mirror x for the right): an ellipsoid, centre and radii (cm). */
export const EYEBALL = { x: 3.15, y: 0.15, z: 7.45, rx: 1.5, ry: 1.3, rz: 1.35 } as const

/** Palpebral fissure (the eye opening) of the left eye in the face plane: half-width and lid heights (cm). */
export const EYE_OPENING = { halfWidth: 1.42, upper: 0.52, lower: 0.4, tilt: 0.05 } as const

/** Upper (>0) and lower (<0) lid margin height above the eye centre at lateral coordinate s in [-1 inner, 1 outer]. */
export function lidMargin(s: number, upper: boolean): number {
  const q = Math.max(0, 1 - s * s)
  const tilt = EYE_OPENING.tilt * s
  return upper
    ? EYE_OPENING.upper * Math.pow(q, 0.75) * (1 - 0.2 * s) + tilt
    : -EYE_OPENING.lower * Math.pow(q, 0.9) * (1 + 0.15 * s) + tilt
}

/** Key points of the midline and features (cm, rest pose, left side where paired). */
export const FACE = {
  crown: 12.0,
  hairlineY: 7.0,
  browY: 2.05,
  browInnerX: 1.55, // the brow head starts just medial to the inner eye corner (x 1.73)
  browOuterX: 6.0,
  nasionY: 0.9,
  noseTipY: -4.45,
  subnasaleY: -5.6,
  alaX: 1.35,
  alaY: -4.85,
  nostrilX: 0.6,
  nostrilY: -5.32,
  upperLipTopY: -7.15,
  stomionY: -8.0,
  lowerLipBottomY: -8.95,
  mouthHalfWidth: 2.5,
  chinY: -11.1,
  mentonY: -12.45,
  cheekboneX: 4.6,
  cheekboneY: -2.4,
  earX: 6.95,
  earY: -1.7,
  earZ: -0.9,
} as const

/** Smooth Hermite step from 0 (x <= a) to 1 (x >= b). */
export function smoothstep(a: number, b: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - a) / (b - a)))
  return t * t * (3 - 2 * t)
}

/** Anisotropic gaussian bump of height 1 at (cx, cy) with radii (sx, sy). */
export function bump(x: number, y: number, cx: number, cy: number, sx: number, sy: number): number {
  const u = (x - cx) / sx
  const v = (y - cy) / sy
  return Math.exp(-(u * u + v * v))
}

/** Smooth (C1 cubic Hermite, Catmull-Rom tangents) interpolation through (xs, ys) knots, clamped at the ends. */
export function piecewise(xs: readonly number[], ys: readonly number[], x: number): number {
  const n = xs.length
  if (x <= xs[0]!) return ys[0]!
  if (x >= xs[n - 1]!) return ys[n - 1]!
  let i = 0
  while (x > xs[i + 1]!) i++
  const x0 = xs[i]!,
    x1 = xs[i + 1]!,
    y0 = ys[i]!,
    y1 = ys[i + 1]!
  const h = x1 - x0
  const t = (x - x0) / h
  const t2 = t * t
  const t3 = t2 * t
  return (
    (2 * t3 - 3 * t2 + 1) * y0 +
    (t3 - 2 * t2 + t) * h * knotSlope(xs, ys, i) +
    (-2 * t3 + 3 * t2) * y1 +
    (t3 - t2) * h * knotSlope(xs, ys, i + 1)
  )
}

/** Catmull-Rom tangent at knot a (one-sided at the ends). */
function knotSlope(xs: readonly number[], ys: readonly number[], a: number): number {
  const n = xs.length
  if (a <= 0) return (ys[1]! - ys[0]!) / (xs[1]! - xs[0]!)
  if (a >= n - 1) return (ys[n - 1]! - ys[n - 2]!) / (xs[n - 1]! - xs[n - 2]!)
  return (ys[a + 1]! - ys[a - 1]!) / (xs[a + 1]! - xs[a - 1]!)
}
