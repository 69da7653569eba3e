/**
 * @module lib/store/photos — the photos characters were made from, kept on this device only: keyed by the
 * character's id, never synced or exported, deleted with the character (lib/store/gallery), and removable on their
 * own (the character stays). A photo whose character was never saved is dropped after a day.
 */
import { openDb, type StoredPhoto } from './db.ts'
import { toStorageError } from './storage-error.ts'

export type { StoredPhoto } from './db.ts'

/** Photos of characters never saved are kept this long (the player may still be editing), ms. */
const UNSAVED_PHOTO_MS = 24 * 3600 * 1000

const listeners = new Set<(id: string) => void>()

/** Calls `listener` with a character id whenever its photo is stored or removed. */
export function onPhotoChange(listener: (id: string) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Stores the photo of character `photo.id`. Throws a StorageError when storage fails (nothing is half-written). */
export async function savePhoto(photo: StoredPhoto): Promise<void> {
  const db = await openDb()
  if (!db) return
  try {
    await db.put('photos', photo)
  } catch (error) {
    throw toStorageError(error)
  }
  for (const l of listeners) l(photo.id)
}

/** The photo of character `id`, or null. */
export async function getPhoto(id: string): Promise<StoredPhoto | null> {
  const db = await openDb()
  return (await db?.get('photos', id)) ?? null
}

/** Removes the photo of character `id` (the character stays). */
export async function deletePhoto(id: string): Promise<void> {
  const db = await openDb()
  if (!db) return
  await db.delete('photos', id)
  for (const l of listeners) l(id)
}

/** Drops photos whose character is gone (deleted elsewhere) or was never saved within a day. Returns how many. */
export async function prunePhotos(now = Date.now()): Promise<number> {
  const db = await openDb()
  if (!db) return 0
  let dropped = 0
  for (const key of await db.getAllKeys('photos')) {
    const character = await db.get('characters', key)
    if (character && !character.deleted) continue
    const photo = await db.get('photos', key)
    if (!character && photo && now - Date.parse(photo.createdAt) < UNSAVED_PHOTO_MS) continue
    await db.delete('photos', key)
    dropped++
  }
  return dropped
}
