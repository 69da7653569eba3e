/**
 * @module detail/frame — the shape-free frame skin detail lives in: the canonical aligned frame warped so that
 * every face's 68 points land on the template's (face/canonical-frame.json), by a thin-plate spline. Detail read
 * there is registered to the face's features, so the engine can draw it on any character's mesh.
 */
import { canonicalTemplate } from '../face/align.ts'

/** Smoothing of the spline (on its kernel's diagonal, unit-square coordinates): landmarks are a little noisy. */
export const SHAPE_SMOOTH = 1e-4

/** A 2D -> 2D map. */
export type PointMap = (x: number, y: number) => [number, number]

/**
 * The thin-plate spline through control points (Bookstein 1989): f(src_i) ~ dst_i, smoothest in between.
 * Points as [x0, y0, x1, y1, ...]; `lambda` on the kernel's diagonal relaxes the fit.
 */
export function thinPlate(src: ArrayLike<number>, dst: ArrayLike<number>, lambda = SHAPE_SMOOTH): PointMap {
  const n = src.length / 2
  const m = n + 3
  const A = new Float64Array(m * m)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++)
      A[i * m + j] = kernel(src[2 * i]! - src[2 * j]!, src[2 * i + 1]! - src[2 * j + 1]!) + (i === j ? lambda : 0)
    const p = [1, src[2 * i]!, src[2 * i + 1]!]
    for (let k = 0; k < 3; k++) A[i * m + n + k] = A[(n + k) * m + i] = p[k]!
  }
  const wx = solve(A, m, Float64Array.from({ length: m }, (_, i) => (i < n ? dst[2 * i]! : 0)))
  const wy = solve(A, m, Float64Array.from({ length: m }, (_, i) => (i < n ? dst[2 * i + 1]! : 0)))
  const sx = Float64Array.from(src)
  return (x, y) => {
    let fx = wx[n]! + wx[n + 1]! * x + wx[n + 2]! * y
    let fy = wy[n]! + wy[n + 1]! * x + wy[n + 2]! * y
    for (let i = 0; i < n; i++) {
      const u = kernel(x - sx[2 * i]!, y - sx[2 * i + 1]!)
      fx += wx[i]! * u
      fy += wy[i]! * u
    }
    return [fx, fy]
  }
} // prettier-ignore

/** The spline's radial basis, r^2 log r^2. */
function kernel(dx: number, dy: number): number {
  const r2 = dx * dx + dy * dy
  return r2 > 0 ? r2 * Math.log(r2) : 0
}

/** Solves A w = b (A m x m, row-major; not modified) by Gaussian elimination with partial pivoting. */
function solve(A: Float64Array, m: number, rhs: Float64Array): Float64Array {
  const a = Float64Array.from(A)
  const b = Float64Array.from(rhs)
  for (let c = 0; c < m; c++) {
    let piv = c
    for (let r = c + 1; r < m; r++) if (Math.abs(a[r * m + c]!) > Math.abs(a[piv * m + c]!)) piv = r
    if (piv !== c) {
      for (let k = 0; k < m; k++) {
        const t = a[c * m + k]!
        a[c * m + k] = a[piv * m + k]!
        a[piv * m + k] = t
      }
      const t = b[c]!
      b[c] = b[piv]!
      b[piv] = t
    }
    const d = a[c * m + c]!
    if (Math.abs(d) < 1e-300) throw new Error('These points are degenerate (coincident or collinear): no spline fits them.')
    for (let r = c + 1; r < m; r++) {
      const f = a[r * m + c]! / d
      if (f === 0) continue
      for (let k = c; k < m; k++) a[r * m + k] = a[r * m + k]! - f * a[c * m + k]!
      b[r] = b[r]! - f * b[c]!
    }
  }
  for (let r = m - 1; r >= 0; r--) {
    let s = b[r]!
    for (let k = r + 1; k < m; k++) s -= a[r * m + k]! * b[k]!
    b[r] = s / a[r * m + r]!
  }
  return b
} // prettier-ignore

/** The template's 68 points (unit square of the aligned frame). */
export function templatePoints(): Float32Array {
  return canonicalTemplate()
}

/**
 * A `size` x `size` one-channel image of the aligned frame, warped to the shape-free frame: output pixel p reads
 * the image where the face's own point corresponding to p lies. `points`: the face's 68 points in its aligned
 * frame (unit square). `only`: when given, a flag per output pixel; the others are left 0 (the spline costs 68
 * logarithms a pixel: a reader that needs the basis's pixels alone skips five sixths of them).
 */
export function toShapeFree(
  image: Float32Array,
  size: number,
  points: ArrayLike<number>,
  only?: Uint8Array
): Float32Array {
  const warp = faceWarp(points)
  let at = warp.at.get(size)
  if (!at) warp.at.set(size, (at = new Float64Array(size * size * 2).fill(Number.NaN)))
  const out = new Float32Array(size * size)
  for (let j = 0; j < size; j++)
    for (let i = 0; i < size; i++) {
      const p = j * size + i
      if (only && !only[p]) continue
      if (Number.isNaN(at[p * 2]))
        [at[p * 2], at[p * 2 + 1]] = warp.toFace((i + 0.5) / size, (j + 0.5) / size)
      out[p] = bilinear(image, size, at[p * 2]! * size - 0.5, at[p * 2 + 1]! * size - 0.5)
    }
  return out
}

/**
 * The last face's warp: its spline from the template's points (thinPlate) and, per grid size, the face positions
 * the spline gave that grid's pixels (NaN: not yet). One read warps the same face several times (the fine band and
 * its octave, the mid band, the foreshortening test), and the spline's kernel sums were a tenth of the creator's
 * time. Keyed on the points' values, so the same floats as computing them again.
 */
let lastWarp: { key: string; toFace: PointMap; at: Map<number, Float64Array> } | null = null

function faceWarp(points: ArrayLike<number>): NonNullable<typeof lastWarp> {
  const key = Array.prototype.join.call(points, ',')
  if (lastWarp?.key !== key)
    lastWarp = { key, toFace: thinPlate(templatePoints(), points), at: new Map() }
  return lastWarp
}

/** The spline from the template's points to a face's `points` (thinPlate), kept for the last face (faceWarp). */
export function faceSpline(points: ArrayLike<number>): PointMap {
  return faceWarp(points).toFace
}

/** Bilinear sample of a `size` x `size` one-channel image at pixel coordinates (centres at integers); 0 outside. */
export function bilinear(image: Float32Array, size: number, x: number, y: number): number {
  const i0 = Math.floor(x)
  const j0 = Math.floor(y)
  if (i0 < 0 || j0 < 0 || i0 >= size - 1 || j0 >= size - 1) return 0
  const fu = x - i0
  const fv = y - j0
  const o = j0 * size + i0
  return (
    (1 - fv) * ((1 - fu) * image[o]! + fu * image[o + 1]!) +
    fv * ((1 - fu) * image[o + size]! + fu * image[o + size + 1]!)
  )
}
