/** @module face/pyramid — an RGB float image pyramid and bilinear affine warps into model input tensors. */
import type { RgbaImage } from '../image/types.ts'
import type { Affine } from './affine.ts'

/** One pyramid level: RGB float32 0..255, row-major, 3 values per pixel, alpha composited over white. */
interface Level {
  width: number
  height: number
  rgb: Float32Array
  /** Level pixels per original-image pixel (1, 1/2, 1/4...). */
  scale: number
}

/** Halved copies of an image, so that warps that shrink a lot read from a level near the output's scale. */
export class ImagePyramid {
  readonly levels: Level[]
  constructor(readonly image: RgbaImage) {
    this.levels = [toLevel(image)]
    let last = this.levels[0]!
    while (Math.min(last.width, last.height) >= 128) {
      last = halve(last)
      this.levels.push(last)
    }
  }

  /**
   * Samples the image through `cropToImage` (crop continuous coords -> original image continuous coords) into a
   * `width`x`height` NHWC float32 tensor (1, height, width, 3) with values `scale * rgb + offset` (rgb 0..255).
   * Pixels outside the image are black (0 before scale/offset), as MediaPipe's border mode zero.
   */
  warp(
    cropToImage: Affine,
    width: number,
    height: number,
    scale = 1 / 255,
    offset = 0
  ): Float32Array {
    const out = new Float32Array(width * height * 3)
    // How many original pixels one output pixel spans: pick the level where that is about 1-2.
    const span = Math.hypot(cropToImage[0], cropToImage[3])
    let li = 0
    while (li + 1 < this.levels.length && this.levels[li + 1]!.scale * span >= 1) li++
    const level = this.levels[li]!
    const k = level.scale
    const [m0, m1, m2, m3, m4, m5] = cropToImage
    for (let v = 0; v < height; v++) {
      for (let u = 0; u < width; u++) {
        // applyAffine written out (no array a pixel)
        const cu = u + 0.5,
          cv = v + 0.5
        const x = m0 * cu + m1 * cv + m2,
          y = m3 * cu + m4 * cv + m5
        sampleBilinear(level, x * k - 0.5, y * k - 0.5, out, (u + v * width) * 3)
        const o = (u + v * width) * 3
        out[o] = out[o]! * scale + offset
        out[o + 1] = out[o + 1]! * scale + offset
        out[o + 2] = out[o + 2]! * scale + offset
      }
    }
    return out
  }
}

function toLevel(image: RgbaImage): Level {
  const { width, height, data } = image
  const rgb = new Float32Array(width * height * 3)
  for (let i = 0, n = width * height; i < n; i++) {
    const a = data[i * 4 + 3]! / 255
    const white = 255 * (1 - a) // transparent pixels read as white paper
    rgb[i * 3] = data[i * 4]! * a + white
    rgb[i * 3 + 1] = data[i * 4 + 1]! * a + white
    rgb[i * 3 + 2] = data[i * 4 + 2]! * a + white
  }
  return { width, height, rgb, scale: 1 }
}

function halve(src: Level): Level {
  const width = src.width >> 1
  const height = src.height >> 1
  const rgb = new Float32Array(width * height * 3)
  const sw = src.width
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = (2 * x + 2 * y * sw) * 3
      const b = a + sw * 3
      const o = (x + y * width) * 3
      for (let c = 0; c < 3; c++)
        rgb[o + c] =
          (src.rgb[a + c]! + src.rgb[a + 3 + c]! + src.rgb[b + c]! + src.rgb[b + 3 + c]!) / 4
    }
  }
  return { width, height, rgb, scale: src.scale / 2 } // level x = source x / 2 exactly
}

/** Bilinear sample at index-space (x, y) (pixel centres at integers) into out[o..o+2]; outside reads 0. */
function sampleBilinear(level: Level, x: number, y: number, out: Float32Array, o: number): void {
  const { width, height, rgb } = level
  const x0 = Math.floor(x)
  const y0 = Math.floor(y)
  const fx = x - x0
  const fy = y - y0
  if (x0 >= 0 && y0 >= 0 && x0 + 1 < width && y0 + 1 < height) {
    // all four taps inside (nearly every pixel): the loop below unrolled, the same products summed in its order
    const gy = 1 - fy,
      gx = 1 - fx
    const w00 = gy * gx,
      w01 = gy * fx,
      w10 = fy * gx,
      w11 = fy * fx
    const a = (x0 + y0 * width) * 3
    const c = a + width * 3
    out[o] = 0 + w00 * rgb[a]! + w01 * rgb[a + 3]! + w10 * rgb[c]! + w11 * rgb[c + 3]!
    out[o + 1] = 0 + w00 * rgb[a + 1]! + w01 * rgb[a + 4]! + w10 * rgb[c + 1]! + w11 * rgb[c + 4]!
    out[o + 2] = 0 + w00 * rgb[a + 2]! + w01 * rgb[a + 5]! + w10 * rgb[c + 2]! + w11 * rgb[c + 5]!
    return
  }
  let r = 0, g = 0, b = 0 // prettier-ignore
  for (let j = 0; j < 2; j++) {
    const yy = y0 + j
    if (yy < 0 || yy >= height) continue
    const wy = j ? fy : 1 - fy
    for (let i = 0; i < 2; i++) {
      const xx = x0 + i
      if (xx < 0 || xx >= width) continue
      const w = wy * (i ? fx : 1 - fx)
      const s = (xx + yy * width) * 3
      r += w * rgb[s]!
      g += w * rgb[s + 1]!
      b += w * rgb[s + 2]!
    }
  }
  out[o] = r
  out[o + 1] = g
  out[o + 2] = b
}

/** Converts an NHWC float tensor (values 0..1) of `width`x`height` to an opaque RgbaImage (for crops/debug). */
export function tensorToImage(t: Float32Array, width: number, height: number, max = 1): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let i = 0, n = width * height; i < n; i++) {
    data[i * 4] = (t[i * 3]! / max) * 255
    data[i * 4 + 1] = (t[i * 3 + 1]! / max) * 255
    data[i * 4 + 2] = (t[i * 3 + 2]! / max) * 255
    data[i * 4 + 3] = 255
  }
  return { width, height, data }
}
