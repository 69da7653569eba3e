/**
 * @module lib/store/db — the IndexedDB schema: the gallery, unresolved sync conflicts, small settings, and the
 * photos characters were made from (device-only, never synced: lib/store/photos).
 * Opening degrades to `null` (private mode, storage disabled) so the app still runs, unsaved, with a banner.
 */
import {
  openDB,
  type DBSchema,
  type IDBPDatabase,
  type IDBPTransaction,
  type StoreNames,
} from 'idb'
import type { Affine } from '@facecraft/shared/face'
import type { Character } from '@facecraft/shared/rig'
import { MIGRATED_NOTICE_KEY, openRecord, openStoredCharacter } from './open-saved.ts'
import { toStorageError } from './storage-error.ts'

/** One character in the gallery. */
export interface StoredCharacter {
  /** Client-chosen UUID, the same on the server. */
  id: string
  name: string
  character: Character
  /** ISO 8601 time of the last local edit (or of the server revision when pulled). */
  updatedAt: string
  /** The server revision this copy is based on; 0 = never uploaded. */
  revision: number
  /** Changed locally since `revision`: must be pushed. */
  dirty: boolean
  /** Deleted locally, but the server copy still has to be deleted (kept as a tombstone until then). */
  deleted: boolean
  /**
   * The account this character belongs to (made in, or pulled from); null when made here while signed out
   * (device-only until the player adds it to an account). Absent on records stored before owners existed.
   */
  owner?: string | null
  /** Front-view render (WebP, or PNG where WebP encoding is missing), 256 x 256 px; null until rendered. */
  thumbnail: Blob | null
  /**
   * The rig v1 character this record held before the switch to rig v2 (kept verbatim, for safety: a future
   * better migration can start again from it). Absent on characters made with rig v2.
   */
  v1Original?: Character
}

/** The same character changed here and on another device; kept until the player chooses. */
export interface Conflict {
  id: string
  /** This device's copy; `deleted` when this device deleted it and the other device edited it meanwhile. */
  mine: { name: string; character: Character; updatedAt: string; deleted?: boolean }
  /** The server copy; `deleted` when the other device deleted it. */
  theirs: { name: string; character: Character | null; updatedAt: string; revision: number }
  detectedAt: string
}

/** The photo a character was made from: it stays on this device (never synced, never in backups). */
export interface StoredPhoto {
  /** The character's id (a photo is kept for a character, deleted with it). */
  id: string
  /** The photo as the player chose or took it (JPEG/PNG...). */
  photo: Blob
  /** The face the character was made from, in the analysed image's pixels (image/photo's size rule). */
  box: { x: number; y: number; width: number; height: number }
  /** Size of the analysed image, px. */
  width: number
  height: number
  /** The map from the editor preview's unit image to analysed-image pixels that frames the face as the preview
   * frames a character (PhotoFace.view). Photos stored before it have none: they are framed by `box`. */
  view?: Affine
  /** ISO 8601 time the photo was stored. */
  createdAt: string
}

interface FacecraftDb extends DBSchema {
  characters: { key: string; value: StoredCharacter; indexes: { updatedAt: string } }
  conflicts: { key: string; value: Conflict }
  settings: { key: string; value: unknown }
  photos: { key: string; value: StoredPhoto }
}

export type Db = IDBPDatabase<FacecraftDb>

const DB_NAME = 'facecraft'
/**
 * 1: gallery, conflicts, settings. 2: rig v2 (the CC0 head): v1 characters migrated in place (see migrateStores).
 * 3: + photos (create from a photo); nothing else changes, so every saved character opens as before.
 */
export const DB_VERSION = 3
let opening: Promise<Db | null> | null = null

/** The database, opened once; null when this browser gives no usable IndexedDB (see `lastOpenError`). */
export function openDb(): Promise<Db | null> {
  opening ??= open()
  return opening
}

/** Why the last open failed, for the banner; null when storage works. */
export let lastOpenError: Error | null = null

async function open(): Promise<Db | null> {
  if (typeof indexedDB === 'undefined') {
    lastOpenError = toStorageError(new DOMException('no indexedDB', 'InvalidStateError'))
    return null
  }
  try {
    return await openDB<FacecraftDb>(DB_NAME, DB_VERSION, {
      async upgrade(db, oldVersion, _newVersion, transaction) {
        if (oldVersion < 1) {
          const characters = db.createObjectStore('characters', { keyPath: 'id' })
          characters.createIndex('updatedAt', 'updatedAt')
          db.createObjectStore('conflicts', { keyPath: 'id' })
          db.createObjectStore('settings')
        }
        if (oldVersion >= 1 && oldVersion < 2) await migrateStores(transaction)
        if (oldVersion < 3) db.createObjectStore('photos', { keyPath: 'id' })
      },
      blocking() {
        // A newer version of the app wants to upgrade: step aside rather than block it.
        void opening?.then((db) => db?.close())
      },
    })
  } catch (error) {
    lastOpenError = toStorageError(error)
    return null
  }
}

type UpgradeTransaction = IDBPTransaction<
  FacecraftDb,
  ArrayLike<StoreNames<FacecraftDb>>,
  'versionchange'
>

/**
 * Rig v1 -> v2, inside the version-change transaction (all or nothing: a failure leaves the v1 database as it
 * was). Records keep their id, name, owner, times, revision and dirty flag (the server's v1 copy opens as the
 * same v2 character, so nothing needs uploading until the player edits); the v1 JSON stays in `v1Original`.
 * Conflicts and the editor draft are migrated too. The count of visible characters migrated is left in the
 * settings for the one-time notice.
 */
async function migrateStores(transaction: UpgradeTransaction): Promise<void> {
  let migrated = 0
  const characters = transaction.objectStore('characters')
  for (let cursor = await characters.openCursor(); cursor; cursor = await cursor.continue()) {
    const opened = openRecord(cursor.value)
    if (!opened.migrated) continue
    // The stored thumbnail shows the old head: the gallery renders a new one (use-gallery fills in missing ones).
    await cursor.update({ ...opened.record, thumbnail: null })
    if (!opened.record.deleted) migrated++
  }
  const conflicts = transaction.objectStore('conflicts')
  for (let cursor = await conflicts.openCursor(); cursor; cursor = await cursor.continue()) {
    const c = cursor.value
    const theirs = c.theirs.character
    await cursor.update({
      ...c,
      mine: { ...c.mine, character: openStoredCharacter(c.mine.character).character },
      theirs: {
        ...c.theirs,
        character: theirs ? openStoredCharacter(theirs).character : null,
      },
    })
  }
  const settings = transaction.objectStore('settings')
  const draft = (await settings.get('editor.draft')) as { character?: unknown } | undefined
  if (draft?.character) {
    try {
      const opened = openStoredCharacter(draft.character)
      await settings.put({ ...draft, character: opened.character }, 'editor.draft')
    } catch {
      // A draft that opens as nothing (damaged) is only crash protection: drop it rather than block the upgrade.
      await settings.delete('editor.draft')
    }
  }
  if (migrated > 0) await settings.put(migrated, MIGRATED_NOTICE_KEY)
}

/** Reads a setting; null when absent or when storage is unavailable. */
export async function getSetting<T>(key: string): Promise<T | null> {
  const db = await openDb()
  if (!db) return null
  return ((await db.get('settings', key)) as T | undefined) ?? null
}

/** Writes (or with `null`, removes) a setting; silently skipped when storage is unavailable. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  const db = await openDb()
  if (!db) return
  try {
    if (value === null) await db.delete('settings', key)
    else await db.put('settings', value, key)
  } catch (error) {
    throw toStorageError(error)
  }
}
