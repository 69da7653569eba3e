/**
 * @module render/resolve — turns a linear-light render target into an 8-bit sRGB image: box-filters
 * `factor` x `factor` blocks (supersampling anti-aliasing), then composites over a background or keeps coverage
 * as straight alpha.
 */
import { createImage, type RgbaImage } from '../image/types.ts'

const LUT_SIZE = 4096
/** Linear [0, 1] -> sRGB byte, by table: the same bytes in every JS engine (no pow() at run time per pixel). */
const TO_SRGB = new Uint8Array(LUT_SIZE + 1)
for (let i = 0; i <= LUT_SIZE; i++) {
  const l = i / LUT_SIZE
  const s = l <= 0.0031308 ? 12.92 * l : 1.055 * Math.pow(l, 1 / 2.4) - 0.055
  TO_SRGB[i] = Math.round(Math.min(1, Math.max(0, s)) * 255)
}

/** sRGB byte (0-255) -> linear [0, 1]. */
export function srgbToLinear(byte: number): number {
  const s = byte / 255
  return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4)
}

const encode = (linear: number) =>
  TO_SRGB[Math.max(0, Math.min(LUT_SIZE, Math.round(linear * LUT_SIZE)))]!

/**
 * Resolves `color` (4 floats per pixel, linear RGB + coverage, `width` x `height`) into a `width/factor` square
 * image. `background` null keeps transparency (alpha = mean coverage, colour un-premultiplied); an sRGB triple
 * (0-255) is composited underneath.
 */
export function resolveImage(
  color: Float32Array,
  width: number,
  height: number,
  factor: number,
  background: readonly [number, number, number] | null
): RgbaImage {
  const w = Math.floor(width / factor)
  const h = Math.floor(height / factor)
  const image = createImage(w, h)
  const out = image.data
  const n = factor * factor
  const bg = background ? background.map(srgbToLinear) : [0, 0, 0]
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0
      for (let dy = 0; dy < factor; dy++) {
        let o = ((y * factor + dy) * width + x * factor) * 4
        for (let dx = 0; dx < factor; dx++, o += 4) {
          const c = color[o + 3]!
          r += color[o]! * c // premultiplied sums, so background samples add nothing
          g += color[o + 1]! * c
          b += color[o + 2]! * c
          a += c
        }
      }
      const q = (x + y * w) * 4
      const alpha = a / n
      if (background) {
        out[q] = encode(r / n + bg[0]! * (1 - alpha))
        out[q + 1] = encode(g / n + bg[1]! * (1 - alpha))
        out[q + 2] = encode(b / n + bg[2]! * (1 - alpha))
        out[q + 3] = 255
      } else if (a > 0) {
        out[q] = encode(r / a)
        out[q + 1] = encode(g / a)
        out[q + 2] = encode(b / a)
        out[q + 3] = Math.round(alpha * 255)
      }
    }
  }
  return image
}
