/**
 * @module lib/sync/sync-merge — the pure decisions of sync: what to do with each server change given the local copy.
 * A local edit is never overwritten: when both sides changed, the result is a conflict for the player to resolve.
 */
import type { CharacterRecord, Tombstone } from '@facecraft/shared/api'
import type { Character } from '@facecraft/shared/rig'
import type { StoredCharacter } from '../store/db.ts'

/**
 * - 'take': store the server copy (new here, or only the server changed).
 * - 'keep': the local copy is already this revision or newer.
 * - 'adopt': both sides hold the same content; just record the server's revision.
 * - 'conflict': both changed differently (or deleted here, edited there); ask the player.
 */
export type PullDecision = 'take' | 'keep' | 'adopt' | 'conflict'

/** Decides how a pulled server record meets the local copy (null when this device has none). */
export function decidePull(local: StoredCharacter | null, remote: CharacterRecord): PullDecision {
  if (!local) return 'take'
  if (remote.revision <= local.revision) return 'keep'
  if (!local.dirty) return 'take'
  if (!local.deleted && sameContent(local, remote)) return 'adopt'
  // Deleted here but edited there is a conflict too: the player chooses (keep deleted / restore their edit);
  // neither a silent resurrection nor a silent loss of the other device's edit.
  return 'conflict'
}

/** - 'remove': delete locally; - 'ignore': nothing here to delete; - 'conflict': edited here, deleted there. */
export type TombstoneDecision = 'remove' | 'ignore' | 'conflict'

/** Decides how a server deletion meets the local copy. */
export function decideTombstone(
  local: StoredCharacter | null,
  tombstone: Tombstone
): TombstoneDecision {
  if (!local || tombstone.revision <= local.revision) return 'ignore'
  if (!local.dirty || local.deleted) return 'remove'
  return 'conflict'
}

/** True when name and every parameter are equal (key order does not matter). */
export function sameContent(
  a: { name: string; character: Character },
  b: { name: string; character: Character }
): boolean {
  return a.name === b.name && canonical(a.character) === canonical(b.character)
}

function canonical(c: Character): string {
  const sorted = (o: Record<string, unknown>) =>
    Object.keys(o)
      .sort()
      .map((k) => `${k}=${String(o[k])}`)
      .join(',')
  return `${c.rig}|${sorted(c.sliders)}|${sorted(c.colors)}|${sorted(c.styles)}`
}
