/**
 * @module store/stored-record — a character body as it lives in KV: its immutable key per revision, the check of
 * its envelope, and how a stored record is served (opened for the current rig). Used by store/user-index.ts.
 */
import type { CharacterRecord } from '@facecraft/shared/api'
import { openStored } from '../lib/rig.ts'

/** The KV key of one revision's body: written once, before the index points at it, and never changed. */
export const bodyKey = (userId: string, id: string, revision: number) =>
  `char:${userId}:${id}:${revision}`

export const utf8Bytes = (text: string) => new TextEncoder().encode(text).byteLength

/**
 * A stored body's envelope, checked, or null when it is not one (a damaged or foreign KV value). The character is
 * not checked here: a record saved under an older rig version stays the player's ({@link servedRecord} opens it).
 */
export function checkStoredRecord(
  value: unknown,
  id: string,
  revision: number
): CharacterRecord | null {
  if (typeof value !== 'object' || value === null) return null
  const r = value as Partial<CharacterRecord>
  const ok =
    r.id === id &&
    r.revision === revision &&
    typeof r.name === 'string' &&
    typeof r.updatedAt === 'string' &&
    typeof r.character === 'object' &&
    r.character !== null &&
    !Array.isArray(r.character)
  return ok ? (r as CharacterRecord) : null
}

/**
 * A checked stored record as the API serves it: its character opened for rig v2 (a rig v1 one migrated, marked
 * `migratedFrom: 1`), everything else (id, revision, name, updatedAt, hence the ETag) unchanged. The KV body
 * itself is never rewritten: it is immutable per revision (see store/user-index.ts), and a write-back at a new
 * revision would look like an edit to every device (412s for clients holding the old revision). The player's next
 * save supersedes it as any edit does. A character that cannot be opened is served as stored (logged).
 */
export function servedRecord(record: CharacterRecord): CharacterRecord {
  const { character, migratedFrom } = openStored(
    record.character,
    `${record.id}:${record.revision}`
  )
  return migratedFrom ? { ...record, character, migratedFrom } : { ...record, character }
}
