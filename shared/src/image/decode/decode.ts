/**
 * @module image/decode/decode — photo bytes (JPEG or PNG) to an upright, size-capped RgbaImage, in pure TypeScript
 * for Node, Workers and browsers. Sizes are checked from the header before any pixel is decoded.
 */
import { decode as decodeJpegPixels } from 'jpeg-js'
import { decodePng } from '../png.ts'
import { PHOTO_MAX_PIXELS, PHOTO_MAX_SIDE, photoTooLarge } from '../photo.ts'
import type { RgbaImage } from '../types.ts'
import { ImageDecodeError } from './errors.ts'
import { readJpegHeader } from './jpeg-header.ts'
import { applyOrientation } from './orient.ts'
import { readPngHeader } from './png-header.ts'
import { downscaleToRgba, fitWithin } from './resize.ts'
import { sniffFormat, type ImageFormat } from './sniff.ts'

/** Options of {@link decodeImage}. */
export interface DecodeOptions {
  /** Longest side of the returned image in pixels; larger photos are box-downscaled. Default PHOTO_MAX_SIDE (1024,
   * the phone's size: image/photo). */
  maxSide?: number
  /** Refuse images with more stored pixels than this, before decoding (memory guard). Default 50e6 (50 MP). */
  maxPixels?: number
  /** Honour the EXIF orientation tag (default true). */
  orient?: boolean
}

/** Default {@link DecodeOptions}. */
export const DEFAULT_DECODE_OPTIONS: Readonly<Required<DecodeOptions>> = Object.freeze({
  maxSide: PHOTO_MAX_SIDE,
  maxPixels: PHOTO_MAX_PIXELS,
  orient: true,
})

/** A decoded photo and what was done to it. */
export interface DecodedImage {
  /** Upright, at most `maxSide` on its longer side. PNG alpha is kept (straight alpha); JPEG alpha is 255. */
  image: RgbaImage
  format: 'jpeg' | 'png'
  /** Stored size in the file, before orientation and downscaling (pixels). */
  sourceWidth: number
  sourceHeight: number
  /** EXIF orientation 1-8 found (1 for PNG or when absent). */
  orientation: number
  /** The camera's 35-mm-equivalent focal length in mm from EXIF (FocalLengthIn35mmFilm); null for PNG or when absent. */
  focalLength35mm: number | null
  /** Output pixels per stored pixel (1 when not downscaled). */
  scale: number
  /** JPEG colour layout: 1 grey, 3 colour, 4 CMYK/YCCK; PNG: 4. */
  components: number
  /** True when some pixel is not fully opaque. */
  hasAlpha: boolean
}

const UNSUPPORTED: Partial<Record<ImageFormat, string>> = {
  heic: 'HEIC (iPhone) photos are not supported; choose "Most Compatible" in the camera settings or export as JPEG.',
  webp: 'WebP images are not supported; save the image as JPEG or PNG.',
  gif: 'GIF images are not supported; save the image as JPEG or PNG.',
  bmp: 'BMP images are not supported; save the image as JPEG or PNG.',
  tiff: 'TIFF images are not supported; save the image as JPEG or PNG.',
  avif: 'AVIF images are not supported; save the image as JPEG or PNG.',
}

/**
 * Decodes a JPEG (baseline or progressive; grey, colour or Adobe CMYK/YCCK; EXIF orientation honoured) or a PNG
 * (any colour type and depth) into an upright RgbaImage no larger than `maxSide`.
 * Throws {@link ImageDecodeError} with a code and a message that says what to do.
 * @example const { image } = decodeImage(new Uint8Array(await file.arrayBuffer()))
 */
export function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): DecodedImage {
  const opts = { ...DEFAULT_DECODE_OPTIONS, ...withoutUndefined(options) }
  if (bytes.length === 0)
    throw new ImageDecodeError('empty', 'The file is empty (0 bytes); choose a JPEG or PNG photo.')
  const format = sniffFormat(bytes)
  if (format === 'jpeg') return decodeJpeg(bytes, opts)
  if (format === 'png') return decodePngImage(bytes, opts)
  const unsupported = UNSUPPORTED[format]
  if (unsupported) throw new ImageDecodeError('unsupported', unsupported)
  throw new ImageDecodeError(
    'not-an-image',
    'The file is not an image; choose a JPEG or PNG photo.'
  )
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

function checkSize(width: number, height: number, maxPixels: number): void {
  const why = photoTooLarge(width, height, maxPixels)
  if (why) throw new ImageDecodeError('too-large', why)
}

function decodeJpeg(bytes: Uint8Array, opts: Required<DecodeOptions>): DecodedImage {
  const header = readJpegHeader(bytes)
  checkSize(header.width, header.height, opts.maxPixels)
  let raw: { width: number; height: number; data: Uint8Array }
  try {
    // RGB (3 bytes/pixel) rather than RGBA keeps peak memory down for big photos.
    raw = decodeJpegPixels(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: true,
      maxResolutionInMP: Math.ceil(opts.maxPixels / 1e6),
      maxMemoryUsageInMB: Math.ceil((opts.maxPixels * 8) / 2 ** 20),
    })
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new ImageDecodeError(
      'corrupt',
      `The JPEG could not be decoded (${detail}); re-save it and try again.`,
      {
        cause: error,
      }
    )
  }
  const [w, h] = fitWithin(raw.width, raw.height, opts.maxSide)
  const small = downscaleToRgba(raw.data, raw.width, raw.height, 3, w, h)
  const orientation = opts.orient ? header.orientation : 1
  return {
    image: applyOrientation(small, orientation),
    format: 'jpeg',
    sourceWidth: header.width,
    sourceHeight: header.height,
    orientation: header.orientation,
    focalLength35mm: header.focalLength35mm,
    scale: w / raw.width,
    components: header.components,
    hasAlpha: false,
  }
}

function decodePngImage(bytes: Uint8Array, opts: Required<DecodeOptions>): DecodedImage {
  const header = readPngHeader(bytes)
  checkSize(header.width, header.height, opts.maxPixels)
  let full: RgbaImage
  try {
    full = decodePng(bytes)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new ImageDecodeError(
      'corrupt',
      `The PNG could not be decoded (${detail}); re-save it and try again.`,
      {
        cause: error,
      }
    )
  }
  const [w, h] = fitWithin(full.width, full.height, opts.maxSide)
  const image =
    w === full.width && h === full.height
      ? full
      : downscaleToRgba(full.data, full.width, full.height, 4, w, h)
  let hasAlpha = false
  for (let i = 3; i < image.data.length && !hasAlpha; i += 4) hasAlpha = image.data[i]! < 255
  return {
    image,
    format: 'png',
    sourceWidth: header.width,
    sourceHeight: header.height,
    orientation: 1,
    focalLength35mm: null,
    scale: w / full.width,
    components: 4,
    hasAlpha,
  }
}
