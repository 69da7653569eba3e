/**
 * @module rig/v2/open — the one door through which every saved character enters the app (IndexedDB records, KV
 * records, imported galleries, pasted JSON): rig v2 characters are validated, rig v1 characters are validated as
 * v1 and migrated to the closest v2 character. Players' saves never stop opening; callers learn whether a
 * migration happened so they can say so once.
 */
import type { Character } from '../schema.ts'
import { RigValidationError } from '../validate.ts'
import { RIG_VERSION_V2, validateCharacterV2 } from './character.ts'
import { migrateV1 } from './migrate.ts'

/** A character opened for the current rig, and the rig version it was saved with when that was older. */
export interface OpenedCharacter {
  character: Character
  /** 1 when the input was a rig v1 character (now migrated); null when it was already v2. */
  migratedFrom: 1 | null
}

/** The rig version new characters are saved with. */
export const CURRENT_RIG_VERSION = RIG_VERSION_V2

/**
 * Opens a saved character of any released rig version. Throws RigValidationError (every problem with its JSON
 * path) for input that is not a valid character of the version it claims; never changes `input`.
 */
export function openCharacter(input: unknown): OpenedCharacter {
  const rig = (input as { rig?: unknown } | null)?.rig
  if (rig === 1)
    return { character: migrateV1(structuredClone(input) as Character), migratedFrom: 1 }
  if (typeof rig === 'number' && rig > RIG_VERSION_V2) {
    throw new RigValidationError([
      {
        path: 'rig',
        code: 'unsupported-rig',
        message: `made with rig v${rig}; this build reads up to v${RIG_VERSION_V2}: update the app to open it`,
      },
    ])
  }
  return { character: structuredClone(validateCharacterV2(input)), migratedFrom: null }
}
