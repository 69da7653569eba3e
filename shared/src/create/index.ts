/** @module create — photo -> character: the translator's features, CharacterCreator (create + refine). */
export {
  FEATURE_EMBEDDING,
  FEATURE_LENGTH,
  FEATURE_OFFSETS,
  FEATURE_POINTS,
  FEATURE_VERSION,
  featurePoints,
  partColorArray,
  translatorFeatures,
  type FeatureSource,
} from './features.ts'
export {
  CharacterCreator,
  detailSource,
  detailStrength,
  readSkinDetail,
  type CreateResult,
  type CreateWarning,
  type RefineResult,
} from './character-creator.ts'
export {
  DEFAULT_CREATOR_OPTIONS,
  type CharacterCreatorOptions,
  type ResolvedCreatorOptions,
} from './options.ts'
export { applyBrows } from './brows.ts'
export {
  applyGender,
  GENDER_STYLES,
  LONG_HAIR_LOGIT,
  overrules,
  READ_DECIDES,
  readSlider,
  withHair,
  type GenderRead,
} from './gender.ts'
export { CreateError, type CreateErrorCode } from './errors.ts'
export {
  cameraDistance,
  checkLens,
  FILM_DIAGONAL_MM,
  focalLengthPx,
  FOCAL_RANGE_MM,
  FRONT_CAMERA_FOCAL_MM,
  lensFromExif,
  nearness,
  PERSPECTIVE_FIELD,
  undoNearLens,
  type PerspectiveField,
  type PhotoLens,
} from './perspective.ts'
export {
  DEFAULT_REFINE_OPTIONS,
  refineFeeds,
  refineLoop,
  refineSignature,
  TERM_WEIGHTS,
  type RefineOptions,
  type RefineOutcome,
  type RefineProgress,
  type RefineTargets,
} from './refine.ts'
export { PART_WEIGHTS, refineTargets } from './targets.ts'
export { argmaxGroups, chooseStyles, rigCodec, type RigCodec } from './rigs.ts'
export { COLOR_FRAME_SIZE, faceFeatures } from './face-features.ts'
export {
  applyHair,
  fitHairColour,
  HAIR_COLOUR_IDS,
  HAIR_BOXES,
  HAIR_LIMITS,
  LENGTH_STYLES,
  measureHair,
  type HairMeasure,
} from './hair.ts'
export {
  applySkin,
  COLOURLESS_CHROMA,
  isColourless,
  matchSkin,
  matchSkinLightness,
  SKIN_COLOUR_IDS,
  skinGrid,
  skinUnderDetail,
  type SkinGrid,
  type SkinMatch,
  type SkinTable,
} from './skin.ts'
export {
  applyLipstick,
  LIPSTICK_MARGIN,
  LIPSTICK_REDDER,
  lipColour,
  lipContrast,
  matchLipstick,
  type LipsMatch,
  type LipsTable,
} from './lips.ts'
export {
  applyIris,
  IRIS_COLOUR_IDS,
  IRIS_FRAME_SIZE,
  irisColour,
  matchIris,
  type IrisMatch,
  type IrisTable,
} from './iris.ts'
export {
  applyFacialHair,
  FACIAL_HAIR_BOXES,
  FACIAL_HAIR_LIMITS,
  measureFacialHair,
  type FacialHairMeasure,
} from './facial-hair.ts'
export {
  besideFace,
  MASK_BOXES,
  MASK_LIMITS,
  measureHairMasked,
  NO_TURN,
  PERSON_FRAME,
  personCropToImage,
  segmenterInput,
  TURN_SQUEEZED,
  turnMap,
  type TurnMap,
} from './hair-mask.ts'
