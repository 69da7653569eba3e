/**
 * @module lib/rig — where characters enter the API. Every character a client sends or KV holds goes through
 * rig v2's one door (`openCharacter`): rig v2 is validated, rig v1 is validated as v1 and migrated to the
 * closest v2 character, a newer rig is refused with "update the app". Stored originals are never rewritten here
 * (docs/api.md, "Rig versions").
 */
import type { Character } from '@facecraft/shared/rig'
import { RigValidationError } from '@facecraft/shared/rig'
import { openCharacter } from '@facecraft/shared/rig-v2'
import { apiError } from '../errors.ts'

/** At most this many issues are listed in a 422 (ApiErrorBody: "at most 20"). */
const MAX_ISSUES = 20

/** A character as the API serves it, and the rig version it was saved with when older than today's. */
export interface OpenedRecordCharacter {
  character: Character
  migratedFrom: 1 | null
}

/**
 * A character received in a request body at JSON path `at` (e.g. 'character'), opened for rig v2: v1 comes back
 * migrated. Throws 422 'unsupported-rig' for a rig newer than this server reads, else 422 'invalid-character'
 * listing every problem with its full JSON path (paths of a v1 character are v1 paths: the client's own).
 */
export function acceptCharacter(input: unknown, at: string): OpenedRecordCharacter {
  try {
    return openCharacter(input)
  } catch (error) {
    if (!(error instanceof RigValidationError)) throw error
    const issues = error.issues.slice(0, MAX_ISSUES).map((i) => ({
      path: i.path ? `${at}.${i.path}` : at,
      message: i.message,
    }))
    const first = issues[0]!
    const rig = (input as { rig?: unknown }).rig
    if (error.issues[0]!.code === 'unsupported-rig' && typeof rig === 'number' && rig > 2) {
      throw apiError(
        422,
        'unsupported-rig',
        `This character was made with rig v${rig}, newer than this server reads (v2); update the app, or try again once the server is updated.`,
        { issues }
      )
    }
    throw apiError(422, 'invalid-character', `Invalid character: ${first.path} ${first.message}.`, {
      issues,
    })
  }
}

/**
 * A stored character (a KV record or share, written under any rig version) as the API serves it: opened for rig
 * v2 when it can be (v1 migrated), else exactly as stored (logged): a saved character the server cannot read is
 * still the player's, and a client that can (a newer app) may still open it.
 */
export function openStored(stored: Character, where: string): OpenedRecordCharacter {
  try {
    return openCharacter(stored)
  } catch (error) {
    if (!(error instanceof RigValidationError)) throw error
    console.error('stored character not openable; served as stored', where, error.issues[0]?.path)
    return { character: stored, migratedFrom: null }
  }
}
