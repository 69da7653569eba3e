/** @module create — photo -> character: the translator's features, CharacterCreator (create + refine). */
export {
  FEATURE_EMBEDDING,
  FEATURE_LENGTH,
  FEATURE_OFFSETS,
  FEATURE_POINTS,
  FEATURE_VERSION,
  partColorArray,
  translatorFeatures,
  type FeatureSource,
} from './features.ts'
