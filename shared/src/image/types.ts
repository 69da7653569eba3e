/** @module image/types — the one image type passed between modules. */

/**
 * An 8-bit RGBA image. `data` is row-major, top row first, 4 bytes per pixel, indexed `(x + y * width) * 4`;
 * colours are sRGB and alpha is straight (not premultiplied).
 */
export interface RgbaImage {
  width: number
  height: number
  data: Uint8ClampedArray
}

/** A new transparent-black image. */
export function createImage(width: number, height: number): RgbaImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new Error(`Image size must be positive integers, got ${width}x${height}.`)
  }
  return { width, height, data: new Uint8ClampedArray(width * height * 4) }
}
