/**
 * @module lib/store/backup — export the gallery to a JSON file and import it back, so nothing is ever lost (a new phone,
 * cleared site data, private mode). Thumbnails are not exported: they are re-rendered from the parameters.
 */
import { RigValidationError, type Character } from '@facecraft/shared/rig'
import { openCharacter } from '@facecraft/shared/rig-v2'
import {
  getCharacter,
  listCharacters,
  newCharacterId,
  notifyGalleryChange,
  putRecord,
} from './gallery.ts'
import { loadSession } from '../account/session.ts'
import { sameContent } from '../sync/sync-merge.ts'

const FORMAT = 'facecraft-gallery'
const VERSION = 1

/**
 * The file's shape. `characters[].character` follows the rig version named inside each character: files exported
 * before rig v2 hold v1 characters, which import migrated to v2.
 */
export interface BackupFile {
  format: typeof FORMAT
  version: typeof VERSION
  exportedAt: string
  characters: Array<{ id: string; name: string; updatedAt: string; character: Character }>
}

/** The whole gallery as a downloadable JSON Blob. */
export async function exportGallery(): Promise<{ blob: Blob; filename: string; count: number }> {
  const characters = (await listCharacters()).map(({ id, name, updatedAt, character }) => ({
    id,
    name,
    updatedAt,
    character,
  }))
  const file: BackupFile = {
    format: FORMAT,
    version: VERSION,
    exportedAt: new Date().toISOString(),
    characters,
  }
  const blob = new Blob([JSON.stringify(file, null, 1)], { type: 'application/json' })
  const date = file.exportedAt.slice(0, 10)
  return { blob, filename: `facecraft-gallery-${date}.json`, count: characters.length }
}

/** What an import did: added new ones, skipped identical ones, kept both when an id held something else. */
export interface ImportReport {
  added: number
  skipped: number
  copies: number
  /** Of the imported ones, how many were rig v1 characters opened as the closest v2 character. */
  migrated: number
}

/** Imports a backup file; throws an Error whose message says what is wrong with the file. */
export async function importGallery(text: string): Promise<ImportReport> {
  const file = parseBackup(text)
  const report: ImportReport = { added: 0, skipped: 0, copies: 0, migrated: 0 }
  // Importing is the player's own act: while signed in, the characters join that account; else device-only.
  const owner = (await loadSession())?.user.id ?? null
  for (const original of file.characters) {
    const opened = openCharacter(original.character)
    const entry = { ...original, character: opened.character }
    const existing = await getCharacter(entry.id)
    if (existing && !existing.deleted && sameContent(existing, entry)) {
      report.skipped++
      continue
    }
    // Never overwrite: a different character under the same id is added as a copy.
    const id = existing ? newCharacterId() : entry.id
    if (existing) report.copies++
    else report.added++
    if (opened.migratedFrom === 1) report.migrated++
    await putRecord(
      {
        ...entry,
        id,
        owner,
        revision: 0,
        dirty: true,
        deleted: false,
        thumbnail: null,
        // The v1 JSON as exported, kept with the record (as the database upgrade keeps it).
        ...(opened.migratedFrom === 1 ? { v1Original: original.character } : {}),
      },
      false
    )
  }
  // One change event for the whole import (not one per record): the gallery re-reads once, sync runs once.
  if (report.added + report.copies > 0) notifyGalleryChange()
  return report
}

/** Validates a backup's text; the error names the first problem and what to do. */
export function parseBackup(text: string): BackupFile {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new Error(
      'This file is not a facecraft backup (it is not JSON). Choose the .json file you exported.'
    )
  }
  const file = json as Partial<BackupFile> | null
  if (file?.format !== FORMAT || !Array.isArray(file.characters)) {
    throw new Error(
      'This file is not a facecraft backup. Choose the .json file you exported from the gallery.'
    )
  }
  if (file.version !== VERSION) {
    throw new Error(
      `This backup is format v${String(file.version)}; this app reads v${VERSION}. Update the app.`
    )
  }
  file.characters.forEach((entry, i) => {
    const label = `Character ${i + 1}${typeof entry?.name === 'string' ? ` ("${entry.name}")` : ''}`
    if (typeof entry?.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(entry.id)) {
      throw new Error(`${label} has no valid id; the file is damaged. Export it again.`)
    }
    if (typeof entry.name !== 'string' || typeof entry.updatedAt !== 'string') {
      throw new Error(`${label} has no name or date; the file is damaged. Export it again.`)
    }
    try {
      openCharacter(entry.character)
    } catch (error) {
      if (!(error instanceof RigValidationError)) throw error
      const issue = error.issues[0]!
      throw new Error(`${label} is not valid for this app (${issue.path}: ${issue.message}).`)
    }
  })
  return file as BackupFile
}
