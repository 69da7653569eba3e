/**
 * @module rig — the creation parameters of a facecraft character: schema, validation, vectors, share codes.
 * @example
 * import { RIG, createCharacter, encodeShareCode } from '@facecraft/shared/rig'
 * const code = encodeShareCode(createCharacter({ sliders: { 'nose.width': 0.8 } }), 'Ada')
 */
export type * from './schema.ts'
export { RIG_GROUPS } from './schema.ts'
export { SLIDERS } from './sliders.ts'
export { COLORS } from './colors.ts'
export { STYLES } from './styles.ts'
export {
  RIG,
  RIG_VERSION,
  VECTOR_LENGTH,
  createCharacter,
  randomCharacter,
  characterToVector,
  characterToStyleIndices,
  characterFromVector,
} from './character.ts'
export {
  checkCharacter,
  validateCharacter,
  RigValidationError,
  type RigIssue,
  type RigIssueCode,
} from './validate.ts'
export {
  encodeShareCode,
  decodeShareCode,
  extractShareCode,
  quantizeCharacter,
  ShareCodeError,
  MAX_SHARE_NAME_BYTES,
  type SharedCharacter,
  type ShareCodeProblem,
} from './share-code.ts'
export { evalColors, type CharacterColors } from './eval-colors.ts'
