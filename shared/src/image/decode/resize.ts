/** @module image/decode/resize — area-average downscaling straight from decoder output into RGBA. */
import { createImage, type RgbaImage } from '../types.ts'

/**
 * Downscales interleaved 8-bit pixels (`channels` 1, 3 or 4 per pixel, row-major) of size `width`x`height` to
 * `outWidth`x`outHeight` RGBA by averaging every source pixel that falls in an output pixel (a box filter: no
 * aliasing, one pass over the source, memory O(output)). Equal sizes copy. Alpha averages like the colours.
 */
export function downscaleToRgba(
  src: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: number,
  outWidth: number,
  outHeight: number
): RgbaImage {
  const out = createImage(outWidth, outHeight)
  if (outWidth === width && outHeight === height) {
    // One source pixel per output pixel: the box's mean is the pixel (what the general path computes, without
    // its sums: a photo that needs no downscaling spent ~9 ms here).
    const d = out.data
    for (let i = 0, n = width * height; i < n; i++) {
      const s = i * channels
      const r = src[s]!
      d[i * 4] = r
      d[i * 4 + 1] = channels >= 3 ? src[s + 1]! : r
      d[i * 4 + 2] = channels >= 3 ? src[s + 2]! : r
      d[i * 4 + 3] = channels === 4 ? src[s + 3]! : channels === 2 ? src[s + 1]! : 255
    }
    return out
  }
  const xMap = new Int32Array(width)
  for (let x = 0; x < width; x++)
    xMap[x] = Math.min(outWidth - 1, Math.floor((x * outWidth) / width))
  const sums = new Float64Array(outWidth * 4) // running R, G, B, A sums of the current output row
  const counts = new Float64Array(outWidth)
  let row = 0
  for (let y = 0; y <= height; y++) {
    const oy = y < height ? Math.min(outHeight - 1, Math.floor((y * outHeight) / height)) : -1
    if (oy !== row) {
      flushRow(out, row, sums, counts) // the source rows of output row `row` are all summed
      sums.fill(0)
      counts.fill(0)
      row = oy
    }
    if (y === height) break
    const base = y * width * channels
    for (let x = 0; x < width; x++) {
      const s = base + x * channels
      const o = xMap[x]! * 4
      const r = src[s]!
      sums[o] = sums[o]! + r
      sums[o + 1] = sums[o + 1]! + (channels >= 3 ? src[s + 1]! : r)
      sums[o + 2] = sums[o + 2]! + (channels >= 3 ? src[s + 2]! : r)
      sums[o + 3] =
        sums[o + 3]! + (channels === 4 ? src[s + 3]! : channels === 2 ? src[s + 1]! : 255)
      counts[o >> 2] = counts[o >> 2]! + 1
    }
  }
  return out
}

function flushRow(out: RgbaImage, row: number, sums: Float64Array, counts: Float64Array): void {
  const base = row * out.width * 4
  for (let x = 0; x < out.width; x++) {
    const n = counts[x]! || 1
    for (let c = 0; c < 4; c++) out.data[base + x * 4 + c] = Math.round(sums[x * 4 + c]! / n)
  }
}

/** The output size that fits `width`x`height` within `maxSide` on its longer side, keeping the aspect ratio. */
export function fitWithin(width: number, height: number, maxSide: number): [number, number] {
  const scale = Math.min(1, maxSide / Math.max(width, height))
  return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))]
}
