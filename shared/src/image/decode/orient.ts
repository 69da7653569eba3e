/** @module image/decode/orient — apply an EXIF orientation so that the image stands upright. */
import { createImage, type RgbaImage } from '../types.ts'

/**
 * Where stored pixel (x, y) lands in the upright image, per EXIF orientation, as
 * u = ux*x + uy*y + u0, v = vx*x + vy*y + v0 with (w1, h1) = (width-1, height-1) of the stored image.
 */
function transform(orientation: number, w1: number, h1: number): number[] {
  switch (orientation) {
    case 2:
      return [-1, 0, w1, 0, 1, 0] // mirror left-right // prettier-ignore
    case 3:
      return [-1, 0, w1, 0, -1, h1] // rotate 180 // prettier-ignore
    case 4:
      return [1, 0, 0, 0, -1, h1] // flip top-bottom // prettier-ignore
    case 5:
      return [0, 1, 0, 1, 0, 0] // transpose // prettier-ignore
    case 6:
      return [0, -1, h1, 1, 0, 0] // rotate 90 clockwise // prettier-ignore
    case 7:
      return [0, -1, h1, -1, 0, w1] // transverse // prettier-ignore
    default:
      return [0, 1, 0, -1, 0, w1] // 8: rotate 90 counter-clockwise // prettier-ignore
  }
}

/**
 * Returns `image` turned upright for EXIF `orientation` (1-8). 1 (or anything out of range) returns `image`.
 */
export function applyOrientation(image: RgbaImage, orientation: number): RgbaImage {
  if (!(orientation >= 2 && orientation <= 8)) return image
  const { width: w, height: h } = image
  const out = createImage(orientation >= 5 ? h : w, orientation >= 5 ? w : h)
  const [ux, uy, u0, vx, vy, v0] = transform(orientation, w - 1, h - 1) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const src = image.data
  const dst = out.data
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = (ux * x + uy * y + u0 + (vx * x + vy * y + v0) * out.width) * 4
      const s = (x + y * w) * 4
      dst[o] = src[s]!
      dst[o + 1] = src[s + 1]!
      dst[o + 2] = src[s + 2]!
      dst[o + 3] = src[s + 3]!
    }
  }
  return out
}
