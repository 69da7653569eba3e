/**
 * @module lib/sync/sync — two-way sync of the gallery with the account on the server, by revisions.
 * Pull first (server changes since the stored cursor), then push local edits with If-Match. Anything both sides
 * changed becomes a Conflict in IndexedDB and waits for the player (see resolveConflict); nothing is dropped.
 */
import type {
  CharacterListResponse,
  CharacterRecord,
  RevisionMismatchBody,
  Tombstone,
} from '@facecraft/shared/api'
import { openDb, getSetting, setSetting, type Conflict, type StoredCharacter } from '../store/db.ts'
import { api, ApiError } from '../account/api-client.ts'
import {
  getCharacter,
  listAll,
  notifyGalleryChange,
  putRecord,
  removeRecord,
} from '../store/gallery.ts'
import { addMigrated } from '../store/migration-notice.ts'
import { openRecord } from '../store/open-saved.ts'
import { decidePull, decideTombstone, sameContent } from './sync-merge.ts'
import { ownerOf, syncsWith } from './ownership.ts'
import { loadSession } from '../account/session.ts'
import type { Character } from '@facecraft/shared/rig'

/** Each account's pull cursor, so switching accounts on one device never mixes their change feeds. */
const cursorKey = (userId: string) => `sync.cursor.${userId}`
/** Before records had owners: the one cursor, and the account every local record was synced with. */
const LEGACY_CURSOR_KEY = 'sync.cursor'
const LEGACY_OWNER_KEY = 'sync.owner'

/** What one sync did. */
export interface SyncReport {
  pulled: number
  pushed: number
  conflicts: number
}

/** Runs one full sync; throws ApiError (e.g. 'offline') and leaves everything pending for the next try. */
export async function syncNow(): Promise<SyncReport> {
  const session = await loadSession()
  if (!session) return { pulled: 0, pushed: 0, conflicts: 0 }
  const userId = session.user.id
  await migrateOwners()
  const report = { pulled: 0, pushed: 0, conflicts: 0 }
  await pull(userId, report)
  await push(userId, report)
  report.conflicts = (await listConflicts()).length
  notifyGalleryChange()
  return report
}

/** Unresolved conflicts, oldest first. */
export async function listConflicts(): Promise<Conflict[]> {
  const db = await openDb()
  if (!db) return []
  const all = await db.getAll('conflicts')
  return all.sort((a, b) => a.detectedAt.localeCompare(b.detectedAt))
}

/** Gives records stored before owners existed the account this device last synced with (or none); once. */
async function migrateOwners(): Promise<void> {
  const legacy = await listAll()
  if (legacy.every((r) => r.owner !== undefined)) return
  const legacyOwner = await getSetting<string>(LEGACY_OWNER_KEY)
  for (const record of legacy) {
    if (record.owner === undefined)
      await putRecord({ ...record, owner: ownerOf(record, legacyOwner) }, false)
  }
  // The old cursor is dropped: a full pull re-reads the account, and same revisions are kept as they are.
  await setSetting(LEGACY_CURSOR_KEY, null)
  await setSetting(LEGACY_OWNER_KEY, null)
}

/** Forgets an account's pull cursor (its records left this device, so the next sign-in pulls everything). */
export function forgetCursor(userId: string): Promise<void> {
  return setSetting(cursorKey(userId), null)
}

async function pull(userId: string, report: SyncReport): Promise<void> {
  for (let more = true; more;) {
    const cursor = await getSetting<string>(cursorKey(userId))
    const query = cursor ? `?since=${encodeURIComponent(cursor)}` : ''
    const page = await api<CharacterListResponse>(`/v1/characters${query}`, { auth: true })
    let migrated = 0
    for (const item of page.items) {
      // The server may hold rig v1 (saved by an older app): open every pulled character for the current rig.
      const remote = openRemote(item)
      if (!remote) continue
      const taken = await applyRemote(userId, remote.record)
      report.pulled += taken
      if (remote.migrated) migrated += taken
    }
    if (migrated) await addMigrated(migrated)
    for (const tombstone of page.tombstones) await applyTombstone(userId, tombstone)
    await setSetting(cursorKey(userId), page.cursor)
    more = page.more
  }
}

/**
 * The local copy sync may touch for `userId`: null when absent. A record of the same id that belongs to another
 * account or to nobody (e.g. the same backup imported twice) is left alone: `undefined` says skip this change.
 */
async function ownLocal(userId: string, id: string): Promise<StoredCharacter | null | undefined> {
  const local = await getCharacter(id)
  if (!local) return null
  return syncsWith(local, userId) ? local : undefined
}

/**
 * A pulled record opened for the current rig; null (skipped, left on the server untouched) when it does not
 * open here, e.g. a character saved by a NEWER app on another device: this device picks it up once updated.
 */
function openRemote(
  remote: CharacterRecord
): { record: CharacterRecord; migrated: boolean } | null {
  try {
    const opened = openRecord(remote)
    // An API that reads rig v2 serves stored v1 characters already migrated, marked `migratedFrom: 1`.
    const served = (remote as { migratedFrom?: number }).migratedFrom === 1
    return { ...opened, migrated: opened.migrated || served }
  } catch (error) {
    console.warn(`sync: character ${remote.id} does not open in this version`, error)
    return null
  }
}

async function applyRemote(userId: string, remote: CharacterRecord): Promise<number> {
  const local = await ownLocal(userId, remote.id)
  if (local === undefined) return 0
  if (await hasConflict(remote.id)) return recordConflict(local!, remote)
  switch (decidePull(local, remote)) {
    case 'take':
      await putRecord(fromRemote(remote, keptThumbnail(local, remote), userId), false)
      return 1
    case 'adopt':
      await putRecord({ ...local!, revision: remote.revision, dirty: false }, false)
      return 0
    case 'conflict':
      await recordConflict(local!, remote)
      return 0
    case 'keep':
      return 0
  }
}

async function applyTombstone(userId: string, tombstone: Tombstone): Promise<void> {
  const local = await ownLocal(userId, tombstone.id)
  if (local === undefined) return
  const decision = decideTombstone(local, tombstone)
  if (decision === 'remove') await removeRecord(tombstone.id)
  if (decision === 'conflict' && local) {
    await saveConflict({
      id: local.id,
      mine: { name: local.name, character: local.character, updatedAt: local.updatedAt },
      theirs: {
        name: local.name,
        character: null,
        updatedAt: tombstone.deletedAt,
        revision: tombstone.revision,
      },
      detectedAt: new Date().toISOString(),
    })
  }
}

async function push(userId: string, report: SyncReport): Promise<void> {
  for (const record of await listAll()) {
    // Only this account's records: another account's, and device-only ones the player has not added, stay here.
    if (!syncsWith(record, userId) || !record.dirty || (await hasConflict(record.id))) continue
    try {
      if (record.deleted) await pushDelete(record)
      else await pushEdit(record)
      report.pushed++
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 412) throw error
      const current = (error.body as RevisionMismatchBody | null)?.current
      const opened = current ? openRemote(current) : null
      if (opened) await applyMismatch(record, opened.record)
    }
  }
}

async function pushEdit(record: StoredCharacter): Promise<void> {
  const body = { name: record.name, character: record.character }
  const headers: Record<string, string> = record.revision
    ? { 'If-Match': `"${record.revision}"` }
    : {}
  let saved: CharacterRecord
  try {
    saved = await api<CharacterRecord>(`/v1/characters/${record.id}`, {
      method: 'PUT',
      auth: true,
      body,
      headers,
    })
  } catch (error) {
    // Deleted on the server and its tombstone not pulled yet: upload it again as new rather than lose the edit.
    if (!(error instanceof ApiError) || error.code !== 'not-found' || !record.revision) throw error
    saved = await api<CharacterRecord>(`/v1/characters/${record.id}`, {
      method: 'PUT',
      auth: true,
      body,
    })
  }
  await settle(record, saved.revision)
}

async function pushDelete(record: StoredCharacter): Promise<void> {
  try {
    await api(`/v1/characters/${record.id}`, {
      method: 'DELETE',
      auth: true,
      headers: { 'If-Match': `"${record.revision}"` },
    })
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'not-found') throw error
  }
  await removeRecord(record.id)
}

/** Marks a pushed record clean, unless the player edited it again while the request was out. */
async function settle(pushed: StoredCharacter, revision: number): Promise<void> {
  const now = await getCharacter(pushed.id)
  if (!now) return
  const untouched = now.updatedAt === pushed.updatedAt
  await putRecord({ ...now, revision, dirty: !untouched }, false)
}

/** A 412: the server has another revision. Same content: adopt it. Else (deleted or edited here) ask the player. */
async function applyMismatch(record: StoredCharacter, current: CharacterRecord): Promise<void> {
  if (!record.deleted && sameContent(record, current)) return settle(record, current.revision)
  await recordConflict(record, current)
}

async function recordConflict(local: StoredCharacter, remote: CharacterRecord): Promise<number> {
  await saveConflict({
    id: local.id,
    mine: {
      name: local.name,
      character: local.character,
      updatedAt: local.updatedAt,
      deleted: local.deleted,
    },
    theirs: {
      name: remote.name,
      character: remote.character,
      updatedAt: remote.updatedAt,
      revision: remote.revision,
    },
    detectedAt: new Date().toISOString(),
  })
  return 0
}

async function saveConflict(conflict: Conflict): Promise<void> {
  const db = await openDb()
  const existing = await db?.get('conflicts', conflict.id)
  // Keep "mine" from the first detection: later pulls only refresh "theirs".
  await db?.put('conflicts', existing ? { ...existing, theirs: conflict.theirs } : conflict)
}

async function hasConflict(id: string): Promise<boolean> {
  const db = await openDb()
  return !!(await db?.getKey('conflicts', id))
}

/** The local thumbnail when it still shows the remote content, else null (to be re-rendered). */
function keptThumbnail(local: StoredCharacter | null, remote: CharacterRecord): Blob | null {
  return local && sameContent(local, remote) ? local.thumbnail : null
}

/** Removes a resolved conflict. */
export async function dropConflict(id: string): Promise<void> {
  const db = await openDb()
  await db?.delete('conflicts', id)
}

/** The local record for a server copy. */
export function fromRemote(
  remote: CharacterRecord,
  thumbnail: Blob | null,
  owner: string
): StoredCharacter {
  return {
    id: remote.id,
    owner,
    name: remote.name,
    character: remote.character,
    updatedAt: remote.updatedAt,
    revision: remote.revision,
    dirty: false,
    deleted: false,
    // null: the gallery renders missing thumbnails lazily (see use-gallery.ts).
    thumbnail,
    // A v1 character pulled and migrated here keeps its original, as the database upgrade does.
    ...v1OriginalOf(remote),
  }
}

/** `{ v1Original }` when `remote` was opened from rig v1 here (see openRecord), else nothing. */
function v1OriginalOf(remote: CharacterRecord): { v1Original?: Character } {
  const original = (remote as { v1Original?: Character }).v1Original
  return original ? { v1Original: original } : {}
}
