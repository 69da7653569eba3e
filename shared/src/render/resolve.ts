/**
 * @module render/resolve — turns a linear-light render target into an 8-bit sRGB image: box-filters
 * `factor` x `factor` blocks (supersampling anti-aliasing), then composites over a background or keeps coverage
 * as straight alpha. Without supersampling (factor 1, large images where 4x the pixels would cost too much) an
 * edge filter smooths the stair steps instead: pixels whose neighbourhood has a strong luminance or coverage
 * step are blended toward a 3x3 tent average, in proportion to the step (flat regions keep their exact value).
 */
import { createImage, type RgbaImage } from '../image/types.ts'

/** Linear [0, 1] -> sRGB [0, 1] (the transfer function; unclamped). */
export function linearToSrgb(linear: number): number {
  return linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055
}

const LUT_SIZE = 4096
/** Linear [0, 1] -> sRGB byte, by table: the same bytes in every JS engine (no pow() at run time per pixel). */
const TO_SRGB = new Uint8Array(LUT_SIZE + 1)
for (let i = 0; i <= LUT_SIZE; i++)
  TO_SRGB[i] = Math.round(Math.min(1, Math.max(0, linearToSrgb(i / LUT_SIZE))) * 255)

/** sRGB byte (0-255) -> linear [0, 1]. */
export function srgbToLinear(byte: number): number {
  const s = byte / 255
  return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4)
}

const encode = (linear: number) => {
  // Clamped to [0, LUT_SIZE] as Math.max(0, Math.min(LUT_SIZE, k)) would, as an int32 index (NaN reads entry 0,
  // the byte an out-of-table read stored: 0).
  const k = Math.round(linear * LUT_SIZE)
  return TO_SRGB[k >= LUT_SIZE ? LUT_SIZE : k > 0 ? k | 0 : 0]!
}

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
  if (factor === 1) return resolveEdgeSmoothed(color, width, height, background)
  if (factor === 2) return resolve2x2(color, width, height, background)
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

/**
 * resolveImage for factor 2 (the engine's small renders), unrolled: the same sums in the same order (so the same
 * bytes), and empty blocks (no coverage: most of a portrait's corners) written without arithmetic.
 */
function resolve2x2(
  color: Float32Array,
  width: number,
  height: number,
  background: readonly [number, number, number] | null
): RgbaImage {
  const w = Math.floor(width / 2)
  const h = Math.floor(height / 2)
  const image = createImage(w, h)
  const out = image.data
  const bg = background ? background.map(srgbToLinear) : [0, 0, 0]
  const bg0 = bg[0]!,
    bg1 = bg[1]!,
    bg2 = bg[2]!
  // An empty block over the background: what the general sums give with zero coverage (r / 4 + bg * 1).
  const e0 = encode(0 / 4 + bg0 * (1 - 0 / 4)),
    e1 = encode(0 / 4 + bg1 * (1 - 0 / 4)),
    e2 = encode(0 / 4 + bg2 * (1 - 0 / 4))
  const row = width * 4
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = (y * 2 * width + x * 2) * 4
      const q = (x + y * w) * 4
      const c0 = color[o + 3]!,
        c1 = color[o + 7]!,
        c2 = color[o + row + 3]!,
        c3 = color[o + row + 7]!
      if (c0 === 0 && c1 === 0 && c2 === 0 && c3 === 0) {
        // Nothing drawn here (coverage 0; colours stay cleared to 0).
        if (background) {
          out[q] = e0
          out[q + 1] = e1
          out[q + 2] = e2
          out[q + 3] = 255
        }
        continue
      }
      // Premultiplied sums, in resolveImage's order (row by row, left to right).
      const r =
        0 + color[o]! * c0 + color[o + 4]! * c1 + color[o + row]! * c2 + color[o + row + 4]! * c3
      const g =
        0 +
        color[o + 1]! * c0 +
        color[o + 5]! * c1 +
        color[o + row + 1]! * c2 +
        color[o + row + 5]! * c3
      const b =
        0 +
        color[o + 2]! * c0 +
        color[o + 6]! * c1 +
        color[o + row + 2]! * c2 +
        color[o + row + 6]! * c3
      const a = 0 + c0 + c1 + c2 + c3
      const alpha = a / 4
      if (background) {
        out[q] = encode(r / 4 + bg0 * (1 - alpha))
        out[q + 1] = encode(g / 4 + bg1 * (1 - alpha))
        out[q + 2] = encode(b / 4 + bg2 * (1 - alpha))
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

/** Luminance (linear, Rec. 709 weights) contrast below EDGE_LO is left alone; above EDGE_HI fully smoothed. */
const EDGE_LO = 0.04
const EDGE_HI = 0.16

let scratch = { p: new Float32Array(0), luma: new Float32Array(0) }

/** Factor-1 resolve with the edge filter (see the module comment); same compositing rules as resolveImage. */
function resolveEdgeSmoothed(
  color: Float32Array,
  w: number,
  h: number,
  background: readonly [number, number, number] | null
): RgbaImage {
  const n = w * h
  // Premultiplied colour + coverage (over the background when there is one), and the luminance the edge test uses
  // (scratch buffers kept between calls: every element read is written first).
  if (scratch.luma.length < n) scratch = { p: new Float32Array(n * 4), luma: new Float32Array(n) }
  const { p, luma } = scratch
  const bg = background ? background.map(srgbToLinear) : [0, 0, 0]
  for (let i = 0; i < n; i++) {
    const o = i * 4
    const c = color[o + 3]!
    const r = color[o]! * c + bg[0]! * (1 - c)
    const g = color[o + 1]! * c + bg[1]! * (1 - c)
    const b = color[o + 2]! * c + bg[2]! * (1 - c)
    p[o] = r
    p[o + 1] = g
    p[o + 2] = b
    p[o + 3] = c
    // Transparent output: a coverage step is an edge too (the silhouette against nothing).
    luma[i] = 0.2126 * r + 0.7152 * g + 0.0722 * b + (background ? 0 : 0.25 * c)
  }
  const image = createImage(w, h)
  const out = image.data
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = x + y * w
      const o = i * 4
      let r = p[o]!,
        g = p[o + 1]!,
        b = p[o + 2]!,
        a = p[o + 3]!
      if (x > 0 && y > 0 && x + 1 < w && y + 1 < h) {
        const m = luma[i]!
        const lo = Math.min(m, luma[i - 1]!, luma[i + 1]!, luma[i - w]!, luma[i + w]!)
        const hi = Math.max(m, luma[i - 1]!, luma[i + 1]!, luma[i - w]!, luma[i + w]!)
        const k = Math.min(1, Math.max(0, (hi - lo - EDGE_LO) / (EDGE_HI - EDGE_LO)))
        if (k > 0) {
          // 3x3 tent (1 2 1 / 2 4 2 / 1 2 1) / 16, blended in by k.
          let tr = 0,
            tg = 0,
            tb = 0,
            ta = 0
          for (let dy = -1; dy <= 1; dy++) {
            for (let dx = -1; dx <= 1; dx++) {
              const wt = (2 - Math.abs(dx)) * (2 - Math.abs(dy))
              const q = (i + dx + dy * w) * 4
              tr += wt * p[q]!
              tg += wt * p[q + 1]!
              tb += wt * p[q + 2]!
              ta += wt * p[q + 3]!
            }
          }
          const f = k / 16
          r += (tr * f - r * k) * 0.75
          g += (tg * f - g * k) * 0.75
          b += (tb * f - b * k) * 0.75
          a += (ta * f - a * k) * 0.75
        }
      }
      if (background) {
        out[o] = encode(r)
        out[o + 1] = encode(g)
        out[o + 2] = encode(b)
        out[o + 3] = 255
      } else if (a > 0) {
        out[o] = encode(r / a)
        out[o + 1] = encode(g / a)
        out[o + 2] = encode(b / a)
        out[o + 3] = Math.round(Math.min(1, a) * 255)
      }
    }
  }
  return image
}
