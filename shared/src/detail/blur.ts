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
