/**
 * @module rig/v2 — rig v2 (RIG_VERSION 2) on the CC0 MakeHuman head: schema, defaults, validation, the
 * plausible-people prior, `fc2.` share codes (fc1 codes still open, migrated) and the v1 -> v2 migration.
 * @example
 * import { randomPlausibleCharacter, encodeShareCodeV2 } from '@facecraft/shared/rig/v2'
 * const code = encodeShareCodeV2(randomPlausibleCharacter(7), 'Ada')
 */
export type * from './schema.ts'
export { RIG_V2_GROUPS } from './schema.ts'
export { SLIDERS_V2, FACE_SLIDERS_V2, MIN_AGE, faceValue } from './sliders.ts'
export { STYLES_V2, HAIR_PROXY, BROW_PROXY, LASH_PROXY, WOMEN_BROWS, BROW_IDS } from './styles.ts'
export { COLORS_V2 } from './colors.ts'
export {
  RIG_V2,
  RIG_VERSION_V2,
  createCharacterV2,
  checkCharacterV2,
  validateCharacterV2,
  randomPlausibleCharacter,
  RANDOM_DETAIL_COMPONENTS,
  RANDOM_DETAIL_SPREAD,
  FACE_SPREAD,
  ageSliderForYears,
} from './character.ts'
export {
  encodeShareCodeV2,
  decodeShareCodeV2,
  decodeAnyShareCode,
  extractAnyShareCode,
  quantizeCharacterV2,
} from './share-code.ts'
export {
  VECTOR_LENGTH_V2,
  characterToVectorV2,
  characterToStyleIndicesV2,
  characterFromVectorV2,
  uniformCharacterV2,
} from './vector.ts'
export {
  ASYMMETRIC_FACE_SLIDERS,
  symmetricKey,
  faceSlidersFromLatent,
  FACE_PRIOR_RANK,
  FACE_PRIOR_KEYS,
} from './face-prior.ts'
export { openCharacter, CURRENT_RIG_VERSION, type OpenedCharacter } from './open.ts'
export { migrateV1, HAIR_MAP, BROW_MAP, PROPORTION_MAP } from './migrate.ts'
