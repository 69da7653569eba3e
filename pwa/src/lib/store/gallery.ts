/**
 * @module lib/store/gallery — the player's characters on this device: list, get, save, delete, with change events.
 * Backed by IndexedDB; when the browser gives none (private mode), an in-memory map keeps the session usable.
 */
import type { Character } from '@facecraft/shared/rig'
import { openDb, type StoredCharacter } from './db.ts'
import { openRecord } from './open-saved.ts'
import { deletePhoto } from './photos.ts'
import { deleteReach, ownerForSave } from '../sync/ownership.ts'
import { loadSession } from '../account/session.ts'
import { toStorageError } from './storage-error.ts'

const memory = new Map<string, StoredCharacter>()
const listeners = new Set<() => void>()

/** Calls `listener` after any change to the gallery (here or by sync); returns the unsubscribe function. */
export function onGalleryChange(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Tells every listener the gallery changed. */
export function notifyGalleryChange(): void {
  for (const listener of listeners) listener()
}

/** Visible characters (not deleted), newest edit first. */
export async function listCharacters(): Promise<StoredCharacter[]> {
  const all = await listAll()
  return all.filter((c) => !c.deleted).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
}

/** Every record, tombstones included (for sync and export). */
export async function listAll(): Promise<StoredCharacter[]> {
  const db = await openDb()
  return (db ? await db.getAll('characters') : [...memory.values()]).map(opened)
}

/** One record by id, or null. */
export async function getCharacter(id: string): Promise<StoredCharacter | null> {
  const db = await openDb()
  const record = db ? await db.get('characters', id) : memory.get(id)
  return record ? opened(record) : null
}

/**
 * The record with its character opened for the current rig. The database upgrade already migrated rig v1
 * records; this catches any that arrive another way, at read time, without writing (the next save stores v2).
 */
function opened(record: StoredCharacter): StoredCharacter {
  try {
    return openRecord(record).record
  } catch {
    // A record that does not validate is shown as it is (its thumbnail stays); it is never dropped.
    return record
  }
}

/** Writes a record as given (sync and import use this; the editor uses `saveEdit`). */
export async function putRecord(record: StoredCharacter, notify = true): Promise<void> {
  const db = await openDb()
  try {
    if (db) await db.put('characters', record)
    else memory.set(record.id, record)
  } catch (error) {
    throw toStorageError(error)
  }
  // A deleted character's photo goes at once (the tombstone only waits for the server).
  if (record.deleted) await deletePhoto(record.id)
  if (notify) notifyGalleryChange()
}

/** Removes a record outright (after the server confirmed a delete, or for a never-uploaded one). */
export async function removeRecord(id: string): Promise<void> {
  const db = await openDb()
  if (db) await db.delete('characters', id)
  else memory.delete(id)
  await deletePhoto(id)
  notifyGalleryChange()
}

/**
 * Saves the player's edit: marks it for upload and stamps the time. A new character belongs to the signed-in
 * account (or to nobody, device-only, when signed out); an existing one keeps its owner. Returns the record.
 */
export async function saveEdit(
  id: string,
  edit: { name: string; character: Character; thumbnail: Blob | null }
): Promise<StoredCharacter> {
  const existing = await getCharacter(id)
  const record: StoredCharacter = {
    id,
    owner: ownerForSave(existing, (await loadSession())?.user.id ?? null),
    name: edit.name,
    character: edit.character,
    thumbnail: edit.thumbnail ?? existing?.thumbnail ?? null,
    updatedAt: new Date().toISOString(),
    revision: existing?.revision ?? 0,
    dirty: true,
    deleted: false,
  }
  await putRecord(record)
  return record
}

/** Where deleting this character reaches now (see `deleteReach`), for the confirmation question. */
export async function deleteScope(id: string): Promise<'account' | 'device'> {
  const existing = await getCharacter(id)
  if (!existing) return 'device'
  return deleteReach(existing, (await loadSession())?.user.id ?? null)
}

/**
 * Deletes a character: from this device alone unless it is an uploaded character of the signed-in account, which
 * is kept as a tombstone until sync deletes it remotely.
 */
export async function deleteCharacter(id: string): Promise<void> {
  const existing = await getCharacter(id)
  if (!existing) return
  if ((await deleteScope(id)) === 'device') return removeRecord(id)
  await putRecord({ ...existing, deleted: true, dirty: true })
}

/** A new random UUID for a character (the server accepts client-chosen ids). */
export function newCharacterId(): string {
  return crypto.randomUUID()
}
