/**
 * @module detail/blur — the separable Gaussian blur detail is the residue of (and the face-region diagnostics in
 * cli/scripts take their band-passes with): edges clamped, one pass along x then one along y, as floats.
 */

/**
 * Blurs the first `blurred` channels of a `size` x `size` image of `channels` interleaved channels at `sigma` px
 * (taps out to 2.5 sigma); the other channels of the result are 0.
 */
export function gaussianBlur(
  src: ArrayLike<number>,
  size: number,
  sigma: number,
  channels = 1,
  blurred = channels
): Float32Array {
  const r = Math.ceil(sigma * 2.5)
  const w = Array.from({ length: 2 * r + 1 }, (_, k) => Math.exp(-((k - r) ** 2) / (2 * sigma * sigma)))
  const sum = w.reduce((a, b) => a + b, 0)
  if (channels === 1) return planePass(planePass(src, size, w, sum, true), size, w, sum, false)
  const pass = (a: ArrayLike<number>, dx: number, dy: number) => {
    const out = new Float32Array(size * size * channels)
    // the stride of one tap, and how far from the edge a pixel's taps all lie inside (no clamping needed there:
    // the same sum in the same order, so the same floats, at a fraction of the cost)
    const step = (dx + dy * size) * channels
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const along = dx ? x : y
        const inside = along >= r && along < size - r
        for (let c = 0; c < blurred; c++) {
          let acc = 0
          if (inside) {
            let o = (y * size + x) * channels + c - r * step
            for (let k = 0; k <= 2 * r; k++, o += step) acc += w[k]! * a[o]!
          } else
            for (let k = -r; k <= r; k++) {
              const xx = Math.min(size - 1, Math.max(0, x + k * dx))
              const yy = Math.min(size - 1, Math.max(0, y + k * dy))
              acc += w[k + r]! * a[(yy * size + xx) * channels + c]!
            }
          out[(y * size + x) * channels + c] = acc / sum
        }
      }
    return out
  }
  return pass(pass(src, 1, 0), 0, 1)
} // prettier-ignore

/**
 * One pass of a one-channel blur (taps `w`, their sum `sum`) along the rows or down the columns, the same floats as
 * gaussianBlur's general pass: each output pixel's taps summed from 0 in the same order. Inside, four neighbouring
 * pixels are summed side by side: four independent sums instead of one long chain of dependent additions, which
 * was what the read's blurs waited on (3 to 4 times faster; docs/likeness.md "Session 52").
 */
function planePass(
  a: ArrayLike<number>,
  size: number,
  w: readonly number[],
  sum: number,
  rows: boolean
): Float32Array {
  const n = w.length
  const r = (n - 1) >> 1
  const step = rows ? 1 : size
  const out = new Float32Array(size * size)
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; ) {
      const along = rows ? x : y
      const p = y * size + x
      const inside = along >= r && along < size - r
      if (inside && (rows ? x + 3 < size - r : x + 3 < size)) {
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0
        for (let k = 0, o = p - r * step; k < n; k++, o += step) {
          const wk = w[k]!
          s0 += wk * a[o]!
          s1 += wk * a[o + 1]!
          s2 += wk * a[o + 2]!
          s3 += wk * a[o + 3]!
        }
        out[p] = s0 / sum
        out[p + 1] = s1 / sum
        out[p + 2] = s2 / sum
        out[p + 3] = s3 / sum
        x += 4
        continue
      }
      let acc = 0
      if (inside) for (let k = 0, o = p - r * step; k < n; k++, o += step) acc += w[k]! * a[o]!
      else
        for (let k = -r; k <= r; k++) {
          const t = Math.min(size - 1, Math.max(0, along + k))
          acc += w[k + r]! * a[rows ? y * size + t : t * size + x]!
        }
      out[p] = acc / sum
      x++
    }
  return out
} // prettier-ignore
