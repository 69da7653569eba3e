/**
 * @module engine/v2/skin-band — where a character's skin carries its photo's detail, the photo's fine shading
 * REPLACES the engine's own instead of being drawn on top of it.
 *
 * Why: the detail (shared/src/detail) is the photo's own fine band: its lid creases, nostrils, the shading beside
 * the nose and mouth. The engine draws the same features with its own shading (the mesh's lighting at the nostrils,
 * the lids, the lips' groove), so a made character showed both, one beside the other: about 1.5x the photo's
 * fine and mid band contrast over the skin (docs/likeness.md, "Session 49"), to the eye a dirty, heavily shaded
 * face. On 102 London people (translator, aligned frame, FaceRes against the other photo) removing the render's own
 * band under 3 px at 224 px (the detail's own band, detail/spec BAND_SIGMA) where the detail stands, keeping the
 * detail, gave +0.019 (84 of 102 closer; dlib +0.003, MobileFace +0.015): docs/likeness.md, "Session 50".
 *
 * How: the head shader passes, per skin sample, the factor the detail put on its albedo's luminance (gain g) and how
 * much the photo's skin stands there (support w, 0..1) through the target's aux buffer. The sample without its
 * detail has luminance L / g; its blur over the supported samples (weighted by w, normalised: eyes, brows, hair and
 * background never bleed in) is the engine's shading without its fine band; the detail goes back on as the factor
 * g, and each channel takes the new luminance's ratio: C' = C (1 + w (g blur(L / g) / L - 1)). The blur runs on 2 x 2
 * blocks (three box passes standing for the Gaussian, read back bilinearly): fixed integer radii, sums in a fixed
 * order, so Node and browsers compute the same floats.
 */
import type { RenderTarget } from '../../render/target.ts'

/**
 * The blur whose residue is the engine's own fine band, as a share of the canonical frame's side: 3 px of the
 * 224 px aligned crop the detail is read at (its outer eye corners 52.4 px apart there, 0.263 of a canonical render
 * apart: London's characters).
 */
export const SKIN_BAND_SIGMA = 0.015

/** Scratch buffers (grown as needed): 2 floats per 2 x 2 block of the supported region's box, column sums, taps. */
let front = new Float32Array(0)
let back = new Float32Array(0)
let sums = new Float64Array(0)
let cols = new Int32Array(0)
let colT = new Float32Array(0)

const lum = (c: Float32Array, o: number) => 0.2126 * c[o]! + 0.7152 * c[o + 1]! + 0.0722 * c[o + 2]!

/**
 * Replaces the engine's own fine band by the detail's where the target's aux buffer says the photo's skin stands
 * (see the module comment). `sigma`: the blur in samples. No aux buffer, or no supported sample: nothing changes.
 */
export function skinBand(target: RenderTarget, sigma: number): void {
  const aux = target.aux
  if (!aux) return
  const W = target.width,
    H = target.height
  // The supported samples' box, grown by the blur's reach (3 box passes of radius r).
  let x0 = W,
    y0 = H,
    x1 = -1,
    y1 = -1
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      if (aux[(x + y * W) * 2 + 1]! > 0) {
        if (x < x0) x0 = x
        if (x > x1) x1 = x
        if (y < y0) y0 = y
        if (y > y1) y1 = y
      }
  if (x1 < 0) return
  // The blur runs on a half-resolution grid (2 x 2 sums of the samples): a quarter of the work, and the band it
  // keeps (sigma of 2 samples and more) is smooth at that grid. Three boxes of width 2r + 1 have variance r (r + 1):
  // the radius whose blur is nearest a Gaussian of sigma / 2 half-samples.
  const r = Math.max(1, Math.round((Math.sqrt(1 + sigma * sigma) - 1) / 2))
  const reach = 2 * (3 * r + 1)
  x0 = Math.max(0, x0 - reach)
  y0 = Math.max(0, y0 - reach)
  x1 = Math.min(W - 1, x1 + reach)
  y1 = Math.min(H - 1, y1 + reach)
  const hw = (x1 - x0 + 2) >> 1,
    hh = (y1 - y0 + 2) >> 1
  if (front.length < hw * hh * 2) {
    front = new Float32Array(hw * hh * 2)
    back = new Float32Array(hw * hh * 2)
  }
  if (sums.length < hw * 2) sums = new Float64Array(hw * 2)
  const A = front,
    B = back
  A.fill(0, 0, hw * hh * 2)
  const color = target.color
  // The luminance without the detail, weighted by the support (w L / g), and w, summed per 2 x 2 block. Luminance
  // only: the engine's own fine band is shading (light and shadow on its features), which changes the channels alike.
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++) {
      const i = x + y * W
      const w = aux[i * 2 + 1]!
      if (!(w > 0)) continue
      const o = (((x - x0) >> 1) + ((y - y0) >> 1) * hw) * 2
      A[o] = A[o]! + (lum(color, i * 4) * w) / aux[i * 2]!
      A[o + 1] = A[o + 1]! + w
    }
  for (let pass = 0; pass < 3; pass++) {
    boxRows(A, B, hw, hh, r)
    boxColumns(B, A, hw, hh, r)
  }
  // Bilinear on the half grid: sample x lies at half-column (x - x0 - 0.5) / 2 (block centres 0.5 past 2X), edges
  // clamped; the columns' taps and weights are the same on every row.
  const tap = (f: number, n: number) => (n > 1 ? Math.min(n - 2, Math.max(0, Math.floor(f))) : 0)
  const at = (i: number, n: number) => Math.min(n - 1, Math.max(0, (i - 0.5) / 2))
  if (cols.length < x1 - x0 + 1) {
    cols = new Int32Array(x1 - x0 + 1)
    colT = new Float32Array(x1 - x0 + 1)
  }
  for (let x = 0; x <= x1 - x0; x++) {
    const fx = at(x, hw)
    cols[x] = tap(fx, hw)
    colT[x] = hw > 1 ? fx - cols[x]! : 0
  }
  const dx = hw > 1 ? 2 : 0
  for (let y = y0; y <= y1; y++) {
    const fy = at(y - y0, hh)
    const Y0 = tap(fy, hh)
    const ty = hh > 1 ? fy - Y0 : 0
    const dy = hh > 1 ? hw * 2 : 0
    for (let x = x0; x <= x1; x++) {
      const i = x + y * W
      const w = aux[i * 2 + 1]!
      if (!(w > 0)) continue
      const l = lum(color, i * 4)
      if (!(l > 0)) continue
      const tx = colT[x - x0]!
      const a = (cols[x - x0]! + Y0 * hw) * 2
      const b = a + dx,
        c = a + dy,
        d = c + dx
      const top = A[a]! + (A[b]! - A[a]!) * tx,
        bottom = A[c]! + (A[d]! - A[c]!) * tx
      const topW = A[a + 1]! + (A[b + 1]! - A[a + 1]!) * tx,
        bottomW = A[c + 1]! + (A[d + 1]! - A[c + 1]!) * tx
      const num = top + (bottom - top) * ty,
        den = topW + (bottomW - topW) * ty
      if (!(den > 0)) continue
      // C' = C (1 + w (g blur(L / g) / L - 1)): the blurred base with the detail back on, in w's share.
      const f = 1 + w * ((aux[i * 2]! * num) / (den * l) - 1)
      color[i * 4] = color[i * 4]! * f
      color[i * 4 + 1] = color[i * 4 + 1]! * f
      color[i * 4 + 2] = color[i * 4 + 2]! * f
    }
  }
}

/** Box blur (radius r, zero outside) of each row of `src` (bw x bh, 2 channels) into `dst`, by running sums. */
function boxRows(src: Float32Array, dst: Float32Array, bw: number, bh: number, r: number): void {
  const inv = 1 / (2 * r + 1)
  for (let y = 0; y < bh; y++) {
    const row = y * bw * 2
    let s0 = 0,
      s1 = 0
    for (let j = 0; j < r && j < bw; j++) {
      s0 += src[row + j * 2]!
      s1 += src[row + j * 2 + 1]!
    }
    for (let x = 0; x < bw; x++) {
      if (x + r < bw) {
        s0 += src[row + (x + r) * 2]!
        s1 += src[row + (x + r) * 2 + 1]!
      }
      dst[row + x * 2] = s0 * inv
      dst[row + x * 2 + 1] = s1 * inv
      if (x - r >= 0) {
        s0 -= src[row + (x - r) * 2]!
        s1 -= src[row + (x - r) * 2 + 1]!
      }
    }
  }
}

/** Box blur (radius r, zero outside) of each column of `src` into `dst`: per-column running sums, row by row. */
function boxColumns(src: Float32Array, dst: Float32Array, bw: number, bh: number, r: number): void {
  const inv = 1 / (2 * r + 1)
  const n = bw * 2
  const S = sums
  S.fill(0, 0, n)
  for (let j = 0; j < r && j < bh; j++) for (let k = 0; k < n; k++) S[k] = S[k]! + src[j * n + k]!
  for (let y = 0; y < bh; y++) {
    // Row y's sums gain row y + r and, once written, lose row y - r (each only where it exists).
    const add = y + r < bh ? (y + r) * n : -1
    const sub = y - r >= 0 ? (y - r) * n : -1
    const row = y * n
    if (add >= 0 && sub >= 0)
      for (let k = 0; k < n; k++) {
        const v = S[k]! + src[add + k]!
        dst[row + k] = v * inv
        S[k] = v - src[sub + k]!
      }
    else
      for (let k = 0; k < n; k++) {
        const v = add >= 0 ? S[k]! + src[add + k]! : S[k]!
        dst[row + k] = v * inv
        S[k] = sub >= 0 ? v - src[sub + k]! : v
      }
  }
}
