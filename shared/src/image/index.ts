/** @module image — the RgbaImage type and codecs shared by the engine, the face pipeline and the CLI. */
export { createImage, type RgbaImage } from './types.ts'
export { encodePng, decodePng } from './png.ts'
export {
  PHOTO_MAX_PIXELS,
  PHOTO_MAX_SIDE,
  photoForAnalysis,
  photoSize,
  photoTooLarge,
} from './photo.ts'
export { deltaE76, labToSrgb, srgbToLab } from './lab.ts'
