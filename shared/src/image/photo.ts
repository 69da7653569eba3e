/**
 * @module image/photo — the one rule for the pixels the face models see: a photo is box-downscaled (area average)
 * to at most PHOTO_MAX_SIDE on its longer side. The CLI's JS decoder (image/decode) and the phone (canvas pixels in
 * the PWA's inference Worker) both apply it, so `facecraft eval`/`create` measure exactly what the phone runs.
 * 1024 px: the detector works on 128-px letterboxes and the mesh on 192-px crops, so more pixels only cost memory
 * and time on a phone; a selfie's face is still far above the 32-px eye distance the recogniser crop needs.
 */
import { downscaleToRgba, fitWithin } from './decode/resize.ts'
import type { RgbaImage } from './types.ts'

/** Longest side, px, of the image the face models analyse. */
export const PHOTO_MAX_SIDE = 1024
/** Photos with more stored pixels than this are refused before decoding (memory guard, phone and CLI). */
export const PHOTO_MAX_PIXELS = 50e6

/** The analysed size of a `width`x`height` upright photo. */
export function photoSize(width: number, height: number): [number, number] {
  return fitWithin(width, height, PHOTO_MAX_SIDE)
}

/** An upright photo's RGBA pixels (e.g. a canvas's getImageData) -> the image the face models analyse. */
export function photoForAnalysis(
  data: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number
): RgbaImage {
  const [w, h] = photoSize(width, height)
  if (w === width && h === height) return { width, height, data: Uint8ClampedArray.from(data) }
  return downscaleToRgba(data, width, height, 4, w, h)
}

/** Why a photo of this stored size is refused (too many pixels), or null when it is fine. */
export function photoTooLarge(
  width: number,
  height: number,
  maxPixels = PHOTO_MAX_PIXELS
): string | null {
  if (width * height <= maxPixels) return null
  const mp = (width * height) / 1e6
  return `The image is ${width}x${height} (${mp.toFixed(0)} MP), more than the ${(maxPixels / 1e6).toFixed(0)} MP limit; resize it to a smaller photo (e.g. 12 MP) and try again.`
}
