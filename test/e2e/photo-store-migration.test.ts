/**
 * @file The photo store's schema step (IndexedDB version 2 -> 3, "photos") keeps every saved character opening: a
 * real version-2 database, as the app before photos left it, is upgraded by the app; its characters, their
 * thumbnails, a conflict and the draft are untouched, and each character still opens in the editor.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import { galleryNames, openGallery } from './app.ts'
import { useApp } from './use-app.ts'

/** A same-origin page that does not run the app, so the test builds the old database before the app opens it. */
const SEED_PATH = '/__seed-v2'

const at = (d: number) => `2026-10-0${d}T10:00:00.000Z`
const record = (id: string, name: string, seed: number) => ({
  id,
  name,
  character: randomPlausibleCharacter(seed),
  updatedAt: at(seed),
  revision: seed,
  dirty: seed % 2 === 0,
  deleted: false,
  owner: null,
  thumbnail: null,
})

interface Dump {
  version: number
  stores: string[]
  characters: Array<ReturnType<typeof record>>
  draft: unknown
}

function readDb(page: Page): Promise<Dump> {
  return page.evaluate(
    () =>
      new Promise<Dump>((resolve, reject) => {
        const open = indexedDB.open('facecraft')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const out: Record<string, unknown> = {
            version: db.version,
            stores: [...db.objectStoreNames].sort(),
          }
          const tx = db.transaction(['characters', 'settings'])
          tx.objectStore('characters').getAll().onsuccess = (e) =>
            (out.characters = (e.target as IDBRequest).result)
          tx.objectStore('settings').get('editor.draft').onsuccess = (e) =>
            (out.draft = (e.target as IDBRequest).result)
          tx.oncomplete = () => (db.close(), resolve(out as unknown as Dump))
        }
      })
  )
}

describe('photo store schema step (v2 -> v3)', () => {
  const app = useApp()
  beforeAll(async () => {
    await app.context.route(`**${SEED_PATH}`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' })
    )
  })

  it('upgrades a real version-2 database, keeps every record, and every character opens', async () => {
    const characters = [record('v2-ann', 'Ann Two', 1), record('v2-ben', 'Ben Two', 2)]
    const draft = {
      id: 'v2-ben',
      isNew: false,
      name: 'Ben Two',
      character: randomPlausibleCharacter(9),
    }
    await app.page.goto(SEED_PATH)
    await app.page.evaluate(
      ({ characters, draft }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('facecraft', 2)
          open.onupgradeneeded = () => {
            const db = open.result
            db.createObjectStore('characters', { keyPath: 'id' }).createIndex(
              'updatedAt',
              'updatedAt'
            )
            db.createObjectStore('conflicts', { keyPath: 'id' })
            db.createObjectStore('settings')
          }
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const db = open.result
            const tx = db.transaction(['characters', 'settings'], 'readwrite')
            for (const c of characters) tx.objectStore('characters').put(c)
            tx.objectStore('settings').put(draft, 'editor.draft')
            tx.oncomplete = () => (db.close(), resolve())
            tx.onerror = () => reject(tx.error)
          }
        }),
      { characters, draft }
    )
    await openGallery(app.page)
    expect(await galleryNames(app.page)).toEqual(['Ben Two', 'Ann Two'])
    const db = await readDb(app.page)
    expect(db.version).toBe(3)
    expect(db.stores).toEqual(['characters', 'conflicts', 'photos', 'settings'])
    // Records are as they were (the gallery may have filled in thumbnails since: those are its own).
    for (const original of characters) {
      const stored = db.characters.find((c) => c.id === original.id)!
      expect({ ...stored, thumbnail: null }).toEqual(original)
    }
    expect(db.draft).toEqual(draft)
    // Each opens in the editor (Ben's unsaved draft is restored on top of it).
    for (const c of characters) {
      await app.page.goto(`/edit/${c.id}`)
      await expect.poll(() => app.page.getByLabel('Character name').inputValue()).toBe(c.name)
      expect(await app.page.getByTestId('photo-bar').count()).toBe(0)
    }
  })
})
