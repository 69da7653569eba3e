/**
 * @file Nothing saved is lost by the switch to rig v2 (the CC0 head): every place an older app (rig v1) left a
 * character opens it as the closest v2 character — the IndexedDB gallery (a real v1 database, upgraded by the app),
 * conflicts and the editor draft in it, a hand-off in sessionStorage, `fc1.` share links, exported gallery files,
 * and v1 records pulled from the account on the real Worker — and the app says so once.
 */
import { describe, expect, inject, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import {
  createCharacter,
  encodeShareCode,
  randomCharacter,
  type Character,
} from '@facecraft/shared/rig'
import { migrateV1 } from '@facecraft/shared/rig-v2'
import { phoneContext } from '../src/harness/index.ts'
import { galleryNames, openGallery, register, syncNow, uniqueEmail, waitForFrame } from './app.ts'
import { useChromium } from './use-app.ts'

/** A same-origin page that does NOT run the app, so a test can build the old (v1) database before the app opens it. */
const SEED_PATH = '/__seed-v1'

/** What the app of rig v1 stored (database version 1): three characters, one tombstone, a conflict and a draft. */
function v1Database() {
  const at = (d: number) => `2026-0${d}-01T10:00:00.000Z`
  const record = (id: string, name: string, seed: number, extra: object = {}) => ({
    id,
    name,
    character: randomCharacter(seed),
    updatedAt: at(seed),
    revision: seed,
    dirty: false,
    deleted: false,
    owner: null,
    thumbnail: null,
    ...extra,
  })
  return {
    characters: [
      record('old-ada', 'Old Ada', 1),
      record('old-bo', 'Old Bo', 2, { dirty: true }),
      record('old-cy', 'Old Cy', 3),
      record('old-gone', 'Old Gone', 4, { deleted: true, dirty: true }),
    ],
    conflict: {
      id: 'old-cy',
      mine: { name: 'Old Cy', character: randomCharacter(3), updatedAt: at(3) },
      theirs: {
        name: 'Old Cy (other)',
        character: randomCharacter(5),
        updatedAt: at(5),
        revision: 9,
      },
      detectedAt: at(6),
    },
    draft: { id: 'draft-new', isNew: true, name: 'Draft Dee', character: randomCharacter(7) },
  }
}

/** Builds facecraft's IndexedDB as the v1 app left it, with the browser's own IndexedDB (no app code). */
async function seedV1(page: Page, data: ReturnType<typeof v1Database>): Promise<void> {
  await page.goto(SEED_PATH)
  await page.evaluate(
    (d) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('facecraft', 1)
        open.onupgradeneeded = () => {
          const db = open.result
          const characters = db.createObjectStore('characters', { keyPath: 'id' })
          characters.createIndex('updatedAt', 'updatedAt')
          db.createObjectStore('conflicts', { keyPath: 'id' })
          db.createObjectStore('settings')
        }
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const tx = db.transaction(['characters', 'conflicts', 'settings'], 'readwrite')
          for (const c of d.characters) tx.objectStore('characters').put(c)
          tx.objectStore('conflicts').put(d.conflict)
          tx.objectStore('settings').put(d.draft, 'editor.draft')
          tx.oncomplete = () => {
            db.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    data
  )
}

interface DbRow {
  id: string
  name: string
  character: Character
  thumbnail: unknown
  dirty: boolean
  v1Original?: Character
}
interface DbDump {
  version: number
  characters: DbRow[]
  conflicts: Array<{ mine: { character: Character }; theirs: { character: Character | null } }>
  draft: { id: string; name: string; character: Character } | undefined
  notice: unknown
}

/** Reads the stored database as the app left it. */
function readDb(page: Page): Promise<DbDump> {
  return page.evaluate(
    () =>
      new Promise<DbDump>((resolve, reject) => {
        const open = indexedDB.open('facecraft')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const tx = db.transaction(['characters', 'conflicts', 'settings'])
          const out: Record<string, unknown> = { version: db.version }
          const get = (req: IDBRequest, key: string) =>
            (req.onsuccess = () => (out[key] = req.result))
          get(tx.objectStore('characters').getAll(), 'characters')
          get(tx.objectStore('conflicts').getAll(), 'conflicts')
          get(tx.objectStore('settings').get('editor.draft'), 'draft')
          get(tx.objectStore('settings').get('notice.migrated'), 'notice')
          tx.oncomplete = () => {
            db.close()
            resolve(out as unknown as DbDump)
          }
        }
      })
  )
}

describe('rig v1 saves open as rig v2 characters', () => {
  const app = useChromium()
  let context: BrowserContext
  let page: Page

  async function fresh(): Promise<Page> {
    await context?.close()
    context = await phoneContext(app.chromium.browser, inject('origin'))
    await context.route(`**${SEED_PATH}`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' })
    )
    page = await context.newPage()
    return page
  }

  it('upgrades a real v1 IndexedDB gallery in place, keeps everything, and says so once', async () => {
    const data = v1Database()
    await fresh()
    await seedV1(page, data)
    await openGallery(page)
    const notice = page.getByTestId('migration-notice')
    await expect
      .poll(() => notice.textContent(), { timeout: 20_000 })
      .toContain('Updated 3 characters to the new head — open them to check')
    expect(await galleryNames(page)).toEqual(['Old Cy', 'Old Bo', 'Old Ada'])

    const db = await readDb(page)
    expect(db.version).toBe(3) // v1 -> v2 (rig v2) -> v3 (photos) in one upgrade
    for (const before of data.characters) {
      const after = db.characters.find((c) => c.id === before.id)!
      // Same id, name, times, revision, dirty/deleted flags and owner; v2 character; original v1 kept verbatim.
      expect(after).toMatchObject({
        id: before.id,
        name: before.name,
        updatedAt: before.updatedAt,
        revision: before.revision,
        dirty: before.dirty,
        deleted: before.deleted,
        owner: null,
        v1Original: before.character,
      })
      expect(after.character).toEqual(migrateV1(structuredClone(before.character)))
    }
    expect(db.conflicts[0]!.mine.character.rig).toBe(2)
    expect(db.conflicts[0]!.theirs.character).toEqual(migrateV1(randomCharacter(5)))
    expect(db.draft).toMatchObject({ id: 'draft-new', name: 'Draft Dee' })
    expect(db.draft!.character).toEqual(migrateV1(randomCharacter(7)))
    expect(db.notice ?? null).toBeNull()

    // Thumbnails are re-rendered with the new head (the gallery stores them back).
    await expect
      .poll(async () => (await readDb(page)).characters.filter((c) => c.thumbnail).length, {
        timeout: 30_000,
      })
      .toBe(3)

    // A migrated character opens in the v2 editor.
    await page.getByText('Old Ada').click()
    await page.waitForURL(/\/edit\/old-ada$/)
    await waitForFrame(page, 0)
    await page.getByRole('tab', { name: 'Who', exact: true }).waitFor()
    await expect.poll(() => page.getByTestId('heritage').isVisible()).toBe(true)

    // The notice was shown once: not again after a reload.
    await page.reload()
    await page.getByTestId('preview').waitFor()
    await openGallery(page)
    expect(await page.getByTestId('migration-notice').count()).toBe(0)

    // The v1 draft of a new character is restored, migrated.
    await page.goto('/new')
    await expect.poll(() => page.getByLabel('Character name').inputValue()).toBe('Draft Dee')
  })

  it('opens a v1 hand-off left in sessionStorage by an older tab', async () => {
    await fresh()
    await openGallery(page)
    await page.evaluate(
      (character) =>
        sessionStorage.setItem(
          'facecraft.draft',
          JSON.stringify({ name: 'Handed Hal', character })
        ),
      createCharacter({ styles: { 'hair.style': 'bob' } })
    )
    await page.goto('/new')
    await expect.poll(() => page.getByLabel('Character name').inputValue()).toBe('Handed Hal')
    await page.getByRole('tab', { name: 'Hair', exact: true }).click()
    expect(await page.locator('[data-option="hair.style:bob"]').getAttribute('aria-checked')).toBe(
      'true'
    )
  })

  it('opens an fc1 share link as the closest v2 character, and shares it again as fc2', async () => {
    await fresh()
    const v1 = createCharacter({ styles: { 'hair.style': 'curly', 'hair.facial': 'full-beard' } })
    await page.goto(`/s#c=${encodeShareCode(v1, 'Linked Lou')}`)
    await expect.poll(() => page.getByTestId('shared-name').textContent()).toBe('Linked Lou')
    await page.getByTestId('share-migrated').waitFor()
    await page.getByRole('button', { name: 'Save to my gallery' }).click()
    await page.waitForURL(/\/edit\//)
    await page.getByRole('tab', { name: 'Hair', exact: true }).click()
    expect(await page.locator('[data-option="hair.style:afro"]').getAttribute('aria-checked')).toBe(
      'true'
    )
    await page.getByRole('button', { name: 'Share' }).click()
    expect(await page.getByTestId('share-link').inputValue()).toMatch(/\/s#c=fc2\./)
  })

  it('imports gallery files exported before rig v2 (and v2 files)', async () => {
    await fresh()
    await openGallery(page)
    const file = (characters: object[]) => ({
      name: 'facecraft-gallery.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({ format: 'facecraft-gallery', version: 1, exportedAt: 'x', characters })
      ),
    })
    const entry = (id: string, name: string, character: object) => ({
      id,
      name,
      updatedAt: '2026-01-01T00:00:00Z',
      character,
    })
    await page
      .getByLabel('Import a gallery file')
      .setInputFiles(
        file([
          entry('imp-1', 'Imported One', randomCharacter(11)),
          entry('imp-2', 'Imported Two', randomCharacter(12)),
          entry('imp-3', 'Imported Three', migrateV1(randomCharacter(13))),
        ])
      )
    await page
      .getByText(/Imported 3 new, 0 as copies, 0 already here; Updated 2 characters/)
      .waitFor()
    expect((await galleryNames(page)).sort()).toEqual([
      'Imported One',
      'Imported Three',
      'Imported Two',
    ])
    const db = await readDb(page)
    expect(db.characters.every((c) => c.character.rig === 2)).toBe(true)
    expect(db.characters.find((c) => c.id === 'imp-1')!.v1Original).toEqual(randomCharacter(11))
  })

  it('opens v1 characters pulled from the account and shared from it (real Worker), and says so', async () => {
    await fresh()
    await register(page, uniqueEmail('v1pull'), 'a long enough password 1')
    // An older app on another device saved a v1 character to this account.
    await page.evaluate(async (character) => {
      const open = indexedDB.open('facecraft')
      const db = await new Promise<IDBDatabase>((ok) => (open.onsuccess = () => ok(open.result)))
      const req = db.transaction('settings').objectStore('settings').get('session')
      const session = await new Promise<{ accessToken: string }>(
        (ok) => (req.onsuccess = () => ok(req.result))
      )
      db.close()
      const res = await fetch('/v1/characters/pulled-pat', {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${session.accessToken}`,
        },
        body: JSON.stringify({ name: 'Pulled Pat', character }),
      })
      if (!res.ok) throw new Error(`PUT v1 character: ${res.status} ${await res.text()}`)
    }, randomCharacter(21))
    await syncNow(page)
    // The API migrates a v1 PUT on arrival (an old app's upload), so the pull brings a v2 character with nothing
    // to announce; v1 records stored before the API's upgrade come marked `migratedFrom: 1` (pwa open-saved tests).
    expect(await galleryNames(page)).toContain('Pulled Pat')
    const db = await readDb(page)
    const pulled = db.characters.find((c) => c.id === 'pulled-pat')!
    expect(pulled.character).toEqual(migrateV1(randomCharacter(21)))
    expect(pulled.dirty).toBe(false)

    // An account share of that character opens by its short link (`GET /v1/shares/:id`, no code in the link).
    const sharePath = await page.evaluate(async () => {
      const open = indexedDB.open('facecraft')
      const db = await new Promise<IDBDatabase>((ok) => (open.onsuccess = () => ok(open.result)))
      const req = db.transaction('settings').objectStore('settings').get('session')
      const session = await new Promise<{ accessToken: string }>(
        (ok) => (req.onsuccess = () => ok(req.result))
      )
      db.close()
      const res = await fetch('/v1/shares', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${session.accessToken}`,
        },
        body: JSON.stringify({ characterId: 'pulled-pat' }),
      })
      if (!res.ok) throw new Error(`POST share: ${res.status} ${await res.text()}`)
      return new URL(((await res.json()) as { url: string }).url, location.origin).pathname
    })
    await page.goto(sharePath)
    await expect.poll(() => page.getByTestId('shared-name').textContent()).toBe('Pulled Pat')
    await page.getByRole('button', { name: 'Save to my gallery' }).click()
    await page.waitForURL(/\/edit\//)
    const hair = migrateV1(randomCharacter(21)).styles['hair.style']
    await page.getByRole('tab', { name: 'Hair', exact: true }).click()
    expect(
      await page.locator(`[data-option="hair.style:${hair}"]`).getAttribute('aria-checked')
    ).toBe('true')
  }, 120_000)

  it('says clearly when the head cannot be loaded', async () => {
    await fresh()
    await context.route('**/*.bin', (route) => route.abort('internetdisconnected'))
    await page.goto('/new')
    const error = page.getByTestId('render-error')
    await error.waitFor({ timeout: 20_000 })
    expect(await error.textContent()).toContain("Couldn't load the 3D head")
  })
})
