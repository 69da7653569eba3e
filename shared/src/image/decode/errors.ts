/** @module image/decode/errors — the one error type photo decoding throws, with a code a caller can branch on. */

/**
 * Why a photo could not be decoded:
 * - `empty`: 0 bytes;
 * - `not-an-image`: the bytes are no image format we know (a text file, a PDF...);
 * - `unsupported`: a known image format we do not decode (HEIC, WebP, GIF, BMP, TIFF, AVIF, 12-bit JPEG...);
 * - `truncated`: the file ends early (an interrupted download or copy);
 * - `corrupt`: the header or data is damaged in some other way;
 * - `too-large`: more pixels than `maxPixels` allows, refused before any pixel is decoded.
 */
export type ImageDecodeErrorCode =
  'empty' | 'not-an-image' | 'unsupported' | 'truncated' | 'corrupt' | 'too-large'

/** A photo that cannot be decoded. `message` says what happened and what to do. */
export class ImageDecodeError extends Error {
  override readonly name = 'ImageDecodeError'
  constructor(
    readonly code: ImageDecodeErrorCode,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}
