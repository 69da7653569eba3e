/** @module image/decode — photo decoding (JPEG/PNG, EXIF orientation, early downscale, typed errors). */
export {
  decodeImage,
  DEFAULT_DECODE_OPTIONS,
  type DecodeOptions,
  type DecodedImage,
} from './decode.ts'
export { ImageDecodeError, type ImageDecodeErrorCode } from './errors.ts'
export { sniffFormat, type ImageFormat } from './sniff.ts'
export {
  exifOrientationSegment,
  exifSegment,
  readExifFocalLength35mm,
  readExifOrientation,
  withExifSegment,
} from './exif.ts'
export { jpegFocalLength35mm } from './jpeg-header.ts'
export { applyOrientation } from './orient.ts'
export { downscaleToRgba, fitWithin } from './resize.ts'
