/**
 * @module features/photo/worker/pixels — a photo file or camera frame to the pixels the face models see, with the
 * shared rule (image/photo: box-downscale to PHOTO_MAX_SIDE), so the phone analyses what the CLI analyses. The
 * browser decodes (JPEG, PNG, WebP, HEIC where supported; EXIF orientation applied); bad files get a message.
 */
import { lensFromExif, type PhotoLens } from '@facecraft/shared/create/perspective'
import { jpegFocalLength35mm } from '@facecraft/shared/decode/jpeg-header'
import { photoForAnalysis, photoTooLarge, type RgbaImage } from '@facecraft/shared/image'

/** A photo the player cannot use, with what to do. */
export class PhotoError extends Error {
  override readonly name = 'PhotoError'
  constructor(
    readonly code: 'empty' | 'not-an-image' | 'too-large',
    message: string
  ) {
    super(message)
  }
}

/** Files larger than this are refused unread (a 50 MP JPEG is ~25 MB; a bigger file is not a phone photo). */
const MAX_FILE_BYTES = 60e6

/** Decodes a photo file (upright) to analysis pixels; a PhotoError says what is wrong with it. */
export async function photoPixels(file: Blob): Promise<RgbaImage> {
  if (file.size === 0) throw new PhotoError('empty', 'The file is empty (0 bytes); choose a photo.')
  if (file.size > MAX_FILE_BYTES)
    throw new PhotoError(
      'too-large',
      `The file is ${(file.size / 1e6).toFixed(0)} MB, too large for a photo; choose one under ${MAX_FILE_BYTES / 1e6} MB.`
    )
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  } catch {
    throw new PhotoError(
      'not-an-image',
      'This file is not a photo this browser can open; choose a JPEG or PNG photo.'
    )
  }
  return bitmapPixels(bitmap)
}

/** An upright bitmap (closed here) to analysis pixels. */
export function bitmapPixels(bitmap: ImageBitmap): RgbaImage {
  const { width, height } = bitmap
  const tooLarge = photoTooLarge(width, height)
  if (tooLarge) {
    bitmap.close()
    throw new PhotoError('too-large', tooLarge)
  }
  // Full-size pixels, then the shared box filter (not the canvas's own resampling, which differs per browser).
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true })
  if (!context) {
    bitmap.close()
    throw new Error(
      'This browser cannot read photos in a Worker (no OffscreenCanvas 2D); update it.'
    )
  }
  context.drawImage(bitmap, 0, 0)
  bitmap.close()
  return photoForAnalysis(context.getImageData(0, 0, width, height).data, width, height)
}

/** Mean luma (0-255, Rec. 601) of every 7th pixel: enough to tell a dark room. */
export function meanLuma(image: RgbaImage): number {
  const d = image.data
  let sum = 0
  let n = 0
  for (let i = 0; i < d.length; i += 28) {
    sum += 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!
    n++
  }
  return n ? sum / n : 0
}

/** Bytes of a file read for its EXIF: phones write it in the first few kilobytes (a thumbnail may follow inside). */
const EXIF_BYTES = 256 * 1024

/**
 * The lens a photo file says it was taken with (EXIF FocalLengthIn35mmFilm: phones write it, and the selfie screen's
 * stills carry the front camera's), so a close-up is read as from a portrait's distance (create/perspective); null
 * without one or outside the lenses the creator takes.
 */
export async function photoLens(file: Blob): Promise<PhotoLens | null> {
  const head = new Uint8Array(await file.slice(0, EXIF_BYTES).arrayBuffer())
  return lensFromExif(jpegFocalLength35mm(head))
}
