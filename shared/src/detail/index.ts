/**
 * @module detail — skin detail: a texture model of the face's fine structure (detail/spec), its basis file
 * (detail/basis), the shape-free frame (detail/frame), reading a photo's weights, residual and octave
 * (detail/read, detail/residual, detail/octave), how much of the finest of it a small or blocky photo holds
 * (detail/reliability), keeping a read on its own sex's side (detail/sex) and preparing the image for drawing
 * (detail/resample). The creator reads weights; the engine draws them.
 */
export * from './spec.ts'
export {
  asReleased,
  decodeSkinDetail,
  detailImage,
  encodeSkinDetail,
  meanFor,
  weightCount,
  type EarlierMeans,
  type SkinDetailBasis,
} from './basis.ts'
export { gaussianBlur } from './blur.ts'
export {
  detailSupport,
  drawnDetail,
  OCTAVE_DRAW,
  SHARPEN,
  sharpenDetail,
  upsample2,
  WOMEN_PUSH,
} from './resample.ts'
export {
  decodeResidual,
  encodeResidual,
  GLASSES_ROWS,
  RESIDUAL_BYTES,
  RESIDUAL_CHARS,
  RESIDUAL_STEP,
  residualBytes,
  residualFromText,
  residualValues,
  withoutRows,
} from './residual.ts'
export {
  decodeOctave,
  encodeOctave,
  OCTAVE_BYTES,
  OCTAVE_CHARS,
  OCTAVE_PIXELS,
  octaveBytes,
  octaveFromText,
  octaveLevel,
  octavePixels,
  octaveValues,
} from './octave.ts'
export {
  blockiness,
  detailReliability,
  photoReliability,
  readScale,
  RELIABILITY,
  type DetailReliability,
} from './reliability.ts'
export { sharpenedLuminance, SHARPNESS, skinSharpness } from './sharpness.ts'
export { keepOnSide, onOwnSide, sexAxis, type SexAxis } from './sex.ts'
export {
  bilinear,
  SHAPE_SMOOTH,
  templatePoints,
  thinPlate,
  toShapeFree,
  type PointMap,
} from './frame.ts'
export { pca, symmetricEigen, type Pca } from './pca.ts'
export {
  alignedPoints,
  boxAverage,
  faceDetail,
  FINE_BAND,
  fitDetail,
  FORESHORTENING,
  type DetailBand,
  foreshortenedPixels,
  luminance,
  OCCLUSION,
  occludedPixels,
  projectDetail,
  readDetail,
  readDetailFocused,
  type DetailSource,
} from './read.ts'
