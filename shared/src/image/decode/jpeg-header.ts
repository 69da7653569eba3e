/** @module image/decode/jpeg-header — read a JPEG's size, layout and EXIF orientation without decoding pixels. */
import { ImageDecodeError } from './errors.ts'
import { readExifFocalLength35mm, readExifOrientation } from './exif.ts'

/** What the marker segments before the first scan say. Sizes in stored pixels (before EXIF rotation). */
export interface JpegHeader {
  width: number
  height: number
  /** 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK (Adobe). */
  components: number
  progressive: boolean
  /** EXIF orientation 1-8 (1 when absent). */
  orientation: number
  /** EXIF FocalLengthIn35mmFilm in mm; null when absent, or when the EXIF's pixel size has another shape (a crop). */
  focalLength35mm: number | null
  /** The EXIF block (its TIFF structure), where the file has one. */
  exif?: Uint8Array
  /** The Adobe APP14 colour transform: 0 none (RGB/CMYK), 1 YCbCr, 2 YCCK; null without an Adobe segment. */
  adobeTransform: number | null
}

const SOF_BASELINE = new Set([0xc0, 0xc1])
const SOF_UNSUPPORTED: Record<number, string> = {
  0xc3: 'lossless',
  0xc5: 'hierarchical',
  0xc6: 'hierarchical',
  0xc7: 'hierarchical',
  0xc9: 'arithmetic-coded',
  0xca: 'arithmetic-coded',
  0xcb: 'arithmetic-coded',
  0xcd: 'arithmetic-coded',
  0xce: 'arithmetic-coded',
  0xcf: 'arithmetic-coded',
}

function truncated(): ImageDecodeError {
  return new ImageDecodeError(
    'truncated',
    'The JPEG file ends early (incomplete download or copy); save or export the photo again.'
  )
}

function readSof(bytes: Uint8Array, at: number, marker: number, header: JpegHeader): void {
  if (SOF_UNSUPPORTED[marker]) {
    throw new ImageDecodeError(
      'unsupported',
      `This is a ${SOF_UNSUPPORTED[marker]} JPEG, which is not supported; re-save it as a standard JPEG or PNG.`
    )
  }
  const precision = bytes[at]!
  if (precision !== 8) {
    throw new ImageDecodeError(
      'unsupported',
      `This JPEG has ${precision}-bit samples; only 8-bit JPEGs are supported. Re-save it as a standard JPEG or PNG.`
    )
  }
  header.height = (bytes[at + 1]! << 8) | bytes[at + 2]!
  header.width = (bytes[at + 3]! << 8) | bytes[at + 4]!
  header.components = bytes[at + 5]!
  header.progressive = !SOF_BASELINE.has(marker)
}

function readApp(bytes: Uint8Array, at: number, end: number, marker: number, header: JpegHeader) {
  const tag = String.fromCharCode(...bytes.subarray(at, Math.min(at + 6, end)))
  // the first Exif segment counts (the standard puts it right after the start marker; a tool may append another)
  if (marker === 0xe1 && tag === 'Exif\0\0' && !header.exif) {
    header.orientation = readExifOrientation(bytes.subarray(at + 6, end))
    header.exif = bytes.subarray(at + 6, end)
  } else if (marker === 0xee && tag.startsWith('Adobe') && end - at >= 12) {
    header.adobeTransform = bytes[at + 11]!
  }
}

/**
 * Walks the marker segments up to the first scan and checks that an end-of-image marker follows it.
 * Throws `truncated` when the file stops before the image ends, `unsupported` for JPEG flavours we cannot decode.
 */
export function readJpegHeader(bytes: Uint8Array): JpegHeader {
  const header: JpegHeader = {
    width: 0,
    height: 0,
    components: 0,
    progressive: false,
    orientation: 1,
    focalLength35mm: null,
    adobeTransform: null,
  }
  let at = 2
  for (;;) {
    while (at < bytes.length && bytes[at] !== 0xff) at++ // tolerate junk between segments
    while (at < bytes.length && bytes[at] === 0xff) at++ // fill bytes
    if (at + 2 >= bytes.length) throw truncated()
    const marker = bytes[at++]!
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue
    if (marker === 0xd9) throw new ImageDecodeError('corrupt', 'The JPEG file holds no image data.')
    const length = (bytes[at]! << 8) | bytes[at + 1]!
    const start = at + 2
    const end = at + length
    if (end > bytes.length) throw truncated()
    if (isFrameMarker(marker)) readSof(bytes, start, marker, header)
    else if (marker >= 0xe0 && marker <= 0xef) readApp(bytes, start, end, marker, header)
    else if (marker === 0xda) {
      if (!header.width || !header.height || !header.components)
        throw new ImageDecodeError(
          'corrupt',
          'The JPEG header gives no image size; the file is damaged.'
        )
      if (!hasEndMarker(bytes, end)) throw truncated()
      if (header.exif)
        header.focalLength35mm = readExifFocalLength35mm(header.exif, [header.width, header.height])
      return header
    }
    at = end
  }
}

/** True when an end-of-image marker (FF D9) follows `from`; inside entropy-coded data FF is never followed by D9. */
function hasEndMarker(bytes: Uint8Array, from: number): boolean {
  for (let i = bytes.length - 2; i >= from; i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true
  }
  return false
}

/**
 * The 35-mm-equivalent focal length from a JPEG's EXIF, reading only the segments before the image data (so the
 * first part of a large file is enough); null for other files, without EXIF or the tag, cut off before it, or where
 * the EXIF's pixel size has another shape than the frame's (a crop: readExifFocalLength35mm).
 */
export function jpegFocalLength35mm(bytes: Uint8Array): number | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null
  let exif: Uint8Array | null = null
  let frame: [number, number] | null = null
  let at = 2
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) break // not a marker: damaged, or read no further
    const marker = bytes[at + 1]!
    if (marker === 0xda || marker === 0xd9) break // the image data: every header segment came before it
    const end = at + 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!)
    if (end > bytes.length) break // the part read ends inside this segment
    const tag = String.fromCharCode(...bytes.subarray(at + 4, Math.min(at + 10, end)))
    if (marker === 0xe1 && tag === 'Exif\0\0') exif ??= bytes.subarray(at + 10, end) // the first, as readApp
    if (isFrameMarker(marker) && end - at >= 9)
      frame = [(bytes[at + 7]! << 8) | bytes[at + 8]!, (bytes[at + 5]! << 8) | bytes[at + 6]!]
    at = end
  }
  return exif ? readExifFocalLength35mm(exif, frame ?? undefined) : null
}

/** Start-of-frame markers (C0-CF but DHT, JPG and DAC), whose segment gives the image's size. */
function isFrameMarker(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
}
