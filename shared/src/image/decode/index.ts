/** @module image/decode — photo decoding (JPEG/PNG, EXIF orientation, early downscale, typed errors). */
export {
  decodeImage,
  DEFAULT_DECODE_OPTIONS,
  type DecodeOptions,
  type DecodedImage,
} from './decode.ts'
export { ImageDecodeError, type ImageDecodeErrorCode } from './errors.ts'
export { sniffFormat, type ImageFormat } from './sniff.ts'
export { exifOrientationSegment, readExifOrientation } from './exif.ts'
export { applyOrientation } from './orient.ts'
export { downscaleToRgba, fitWithin } from './resize.ts'
