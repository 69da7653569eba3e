/** @module face — the face SDK: FaceAnalyzer (detect, mesh, pose, align, embed, masks, colours) and its parts. */
export { FaceAnalyzer } from './face-analyzer.ts'
export { faceWarnings } from './warnings.ts'
export {
  DEFAULT_FACE_OPTIONS,
  type EmbedderId,
  type FaceAnalyzerOptions,
  type ResolvedFaceOptions,
} from './options.ts'
export {
  DETECTION_KEYPOINTS,
  type Box,
  type Detection,
  type Face,
  type FaceResult,
  type FaceWarning,
  type HeadPose,
} from './types.ts'
export { applyAffine, cropToImage, fitSimilarity, invertAffine, type Affine } from './affine.ts'
export {
  alignedCrop,
  alignTemplate,
  canonicalTemplate,
  CANONICAL_FRAME_VERSION,
  alignmentFor,
  fitAlignPoints,
  alignedFrameFor,
  setAlignTemplate,
  composeAffine,
  embedWindow,
  ALIGN_POINTS,
} from './align.ts'
export {
  cosine,
  l2normalise,
  recogniserWindow,
  faceAttributes,
  type FaceAttributes,
} from './embed.ts'
export { dlibChipToImage, DLIB_CHIP } from './dlib-chip.ts'
export { IBUG68_FROM_MESH, ibug68FromMesh, interOcular } from './ibug68.ts'
export {
  partColors,
  partLabels,
  alignedPartLabels,
  type PartColors,
  type PartLabels,
} from './masks.ts'
export { FACE_PARTS, PART_POLYGONS, type FacePart } from './parts.ts'
export { eyeSpan, headPose, headRotation, normaliseMesh, unturnedMesh } from './pose.ts'
export { drawBox, drawDot, drawFace, drawLine, type Rgb } from './draw.ts'
export { ImagePyramid } from './pyramid.ts'
