/**
 * @module face/affine — 2D affine maps between image spaces. All coordinates are continuous pixel coordinates:
 * (0, 0) is the top-left CORNER of the top-left pixel, whose centre is (0.5, 0.5); x right, y down.
 */

/**
 * A 2x3 affine map as [a, b, c, d, e, f]: x' = a*x + b*y + c, y' = d*x + e*y + f. Row-major, applied to column
 * vectors (x, y, 1).
 */
export type Affine = [number, number, number, number, number, number]

/** Applies `m` to (x, y). */
export function applyAffine(m: Affine, x: number, y: number): [number, number] {
  return [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]]
}

/** The inverse of `m`, or null when it is singular. */
export function invertAffine(m: Affine): Affine | null {
  const [a, b, c, d, e, f] = m
  const det = a * e - b * d
  if (Math.abs(det) < 1e-12) return null
  const ia = e / det
  const ib = -b / det
  const id = -d / det
  const ie = a / det
  return [ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f)]
}

/**
 * The map from a `size`x`size` crop to the image for a square of side `side` (image pixels) centred at (cx, cy)
 * and rotated by `angle` radians (positive turns the crop's x axis from image x towards image y, i.e. clockwise
 * on screen). Crop (0,0) lands on the square's rotated top-left corner.
 */
export function cropToImage(
  cx: number,
  cy: number,
  side: number,
  angle: number,
  size: number
): Affine {
  const s = side / size
  const cos = Math.cos(angle) * s
  const sin = Math.sin(angle) * s
  const h = size / 2
  return [cos, -sin, cx - cos * h + sin * h, sin, cos, cy - sin * h - cos * h]
}

/**
 * Least-squares similarity (rotation, uniform scale, translation; no reflection) mapping points `from` to `to`
 * (Umeyama 1991, 2D). Both are flat [x0, y0, x1, y1, ...] of equal length. `weights` (one per point) default 1.
 */
export function fitSimilarity(
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  weights?: ArrayLike<number>
): Affine {
  const n = from.length >> 1
  let sw = 0, fx = 0, fy = 0, tx = 0, ty = 0 // prettier-ignore
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1
    sw += w
    fx += w * from[2 * i]!
    fy += w * from[2 * i + 1]!
    tx += w * to[2 * i]!
    ty += w * to[2 * i + 1]!
  }
  fx /= sw
  fy /= sw
  tx /= sw
  ty /= sw
  let sxx = 0, sxy = 0, var2 = 0 // prettier-ignore
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1
    const ax = from[2 * i]! - fx
    const ay = from[2 * i + 1]! - fy
    const bx = to[2 * i]! - tx
    const by = to[2 * i + 1]! - ty
    sxx += w * (ax * bx + ay * by) // cos part of the cross-covariance
    sxy += w * (ax * by - ay * bx) // sin part
    var2 += w * (ax * ax + ay * ay)
  }
  const a = sxx / var2 // scale * cos
  const b = sxy / var2 // scale * sin
  return [a, -b, tx - a * fx + b * fy, b, a, ty - b * fx - a * fy]
}
