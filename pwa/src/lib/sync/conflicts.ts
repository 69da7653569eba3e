/**
 * @module lib/sync/conflicts — the player's answer to a sync conflict. Every choice keeps at least one full copy, and
 * 'both' keeps both: theirs under the original id, mine as a new character.
 */
import type { Conflict } from '../store/db.ts'
import { getCharacter, newCharacterId, putRecord, removeRecord } from '../store/gallery.ts'
import { dropConflict } from './sync.ts'

export type Resolution = 'mine' | 'theirs' | 'both'

/**
 * Applies the player's choice locally; the next sync uploads whatever it left pending. When this device deleted
 * the character and the other edited it, 'mine' keeps it deleted (the delete is sent over their revision) and
 * 'theirs' restores their edit; 'both' has nothing of this device's to keep, so it restores theirs too.
 */
export async function resolveConflict(conflict: Conflict, choice: Resolution): Promise<void> {
  const local = await getCharacter(conflict.id)
  const thumbnail = local?.thumbnail ?? null
  const owner = local?.owner ?? null
  const now = new Date().toISOString()
  const { mine, theirs } = conflict
  if (mine.deleted && theirs.character) {
    if (choice === 'mine') {
      await putRecord({
        id: conflict.id,
        owner,
        name: theirs.name,
        character: theirs.character,
        updatedAt: now,
        revision: theirs.revision,
        dirty: true,
        deleted: true,
        thumbnail: null,
      })
      return dropConflict(conflict.id)
    }
    choice = 'theirs'
  }
  if (choice === 'theirs' || choice === 'both') {
    if (theirs.character) {
      await putRecord({
        id: conflict.id,
        owner,
        name: theirs.name,
        character: theirs.character,
        updatedAt: theirs.updatedAt,
        revision: theirs.revision,
        dirty: false,
        deleted: false,
        thumbnail: null,
      })
    } else {
      await removeRecord(conflict.id)
    }
  }
  if (choice === 'mine' && theirs.character) {
    // Overwrite the server copy: based on their revision, so the upload's If-Match succeeds.
    await putRecord({
      ...fields(mine),
      owner,
      id: conflict.id,
      updatedAt: now,
      revision: theirs.revision,
      dirty: true,
      deleted: false,
      thumbnail,
    })
  } else if (choice === 'mine' || choice === 'both') {
    // Deleted there (or kept both): mine lives on as a new character, so no id is reused after a delete.
    if (choice === 'mine') await removeRecord(conflict.id)
    const name = choice === 'both' ? suffixed(mine.name) : mine.name
    await putRecord({
      ...fields(mine),
      owner,
      name,
      id: newCharacterId(),
      updatedAt: now,
      revision: 0,
      dirty: true,
      deleted: false,
      thumbnail,
    })
  }
  await dropConflict(conflict.id)
}

/** The character fields of this device's side (without its `deleted` mark). */
function fields(mine: Conflict['mine']) {
  return { name: mine.name, character: mine.character }
}

/**
 * "Ada" -> "Ada (copy)", within the server's 64-character name limit. Neutral on purpose: the name syncs, and
 * "(this device)" would be wrong on every other device.
 */
function suffixed(name: string): string {
  const suffix = ' (copy)'
  return name.slice(0, 64 - suffix.length) + suffix
}
