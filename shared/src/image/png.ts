/** @module image/png — PNG encoding and decoding in pure TypeScript (fast-png over fflate), for Node and browsers. */
import { decode, encode } from 'fast-png'
import type { RgbaImage } from './types.ts'

/** Encodes an RGBA image as PNG bytes (deterministic: the same pixels always give the same bytes). */
export function encodePng(image: RgbaImage): Uint8Array {
  return encode({
    width: image.width,
    height: image.height,
    data: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength),
    channels: 4,
    depth: 8,
  })
}

/** Decodes PNG bytes of any colour type and bit depth into 8-bit RGBA. */
export function decodePng(bytes: Uint8Array): RgbaImage {
  const png = decode(bytes)
  const { width, height } = png
  const out = new Uint8ClampedArray(width * height * 4)
  const src = png.data
  const channels = png.channels
  const shift = png.depth === 16 ? 8 : 0
  const palette = png.palette
  for (let i = 0, n = width * height; i < n; i++) {
    const o = i * 4
    if (palette) {
      const entry = palette[src[i]!]!
      out[o] = entry[0]!
      out[o + 1] = entry[1]!
      out[o + 2] = entry[2]!
      out[o + 3] = entry[3] ?? 255
      continue
    }
    const s = i * channels
    const grey = channels <= 2
    out[o] = src[s]! >> shift
    out[o + 1] = (grey ? src[s]! : src[s + 1]!) >> shift
    out[o + 2] = (grey ? src[s]! : src[s + 2]!) >> shift
    out[o + 3] = channels === 2 || channels === 4 ? src[s + channels - 1]! >> shift : 255
  }
  return { width, height, data: out }
}
