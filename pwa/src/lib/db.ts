/**
 * @module lib/db — the IndexedDB schema: the gallery, unresolved sync conflicts, and small settings.
 * Opening degrades to `null` (private mode, storage disabled) so the app still runs, unsaved, with a banner.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { Character } from '@facecraft/shared/rig'
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

interface FacecraftDb extends DBSchema {
  characters: { key: string; value: StoredCharacter; indexes: { updatedAt: string } }
  conflicts: { key: string; value: Conflict }
  settings: { key: string; value: unknown }
}

export type Db = IDBPDatabase<FacecraftDb>

const DB_NAME = 'facecraft'
const DB_VERSION = 1
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
      upgrade(db) {
        const characters = db.createObjectStore('characters', { keyPath: 'id' })
        characters.createIndex('updatedAt', 'updatedAt')
        db.createObjectStore('conflicts', { keyPath: 'id' })
        db.createObjectStore('settings')
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
