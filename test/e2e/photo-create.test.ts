/**
 * @file "From a photo" end to end in real Chromium against wrangler dev, with the released models on real photos
 * (the London set, read at test time): download the create models with progress, detect -> create -> first render,
 * the same landmarks as the CLI's Node pipeline, pick one of two faces, edit with the photo to compare, refine
 * (lazy refine download, live progress, one undoable edit), save, share (the link opens the same character in a
 * fresh browser context with no storage), then offline after a reload: create and refine still run.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { decodeImage, exifSegment, withExifSegment } from '@facecraft/shared/decode'
import type { RgbaImage } from '@facecraft/shared/image'
import type { Character } from '@facecraft/shared/rig'
import { OCTAVE_CHARS, RESIDUAL_CHARS, SKIN_DETAIL_COUNT } from '@facecraft/shared/detail'
import { FaceAnalyzer } from '@facecraft/shared/face'
import type { ModelSource } from '@facecraft/shared/ml'
import { phoneContext, REPO_ROOT, seriousViolations } from '../src/harness/index.ts'
import {
  addDeviceCharacters,
  galleryNames,
  openGallery,
  register,
  save,
  signIn,
  syncNow,
  uniqueEmail,
  waitForFrame,
  waitForServiceWorker,
} from './app.ts'
import { useApp } from './use-app.ts'
import { decoded, greyscale, haveLondon, londonPhoto, sideBySide } from './photos.ts'

/** Model downloads and the first ONNX Runtime start are slow on a loaded 2-core box. */
const SLOW_MS = 240_000

/** The released models read from disk, for the Node side of the landmark comparison. */
async function releaseSource(): Promise<ModelSource> {
  const dir = join(REPO_ROOT, 'models/release')
  return {
    manifest: JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')),
    read: async (file) => new Uint8Array(await readFile(join(dir, file))),
  }
}

/** Chooses a photo on the /photo screen and waits for the result (character beside the photo). */
async function createFrom(
  page: Page,
  file: string | { name: string; mimeType: string; buffer: Buffer }
) {
  await page.getByTestId('photo-file').setInputFiles(file)
  await page.getByTestId('photo-result').waitFor({ timeout: 180_000 })
}

/** The character saved under `name` in this context's IndexedDB gallery (what the app stored, not the screen). */
async function storedCharacter(page: Page, name: string): Promise<Character> {
  const found = await page.evaluate(
    (wanted) =>
      new Promise<Character | null>((resolve, reject) => {
        const open = indexedDB.open('facecraft')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const all = open.result.transaction('characters').objectStore('characters').getAll()
          all.onsuccess = () => {
            open.result.close()
            const records = all.result as Array<{
              name: string
              deleted?: boolean
              character: Character
            }>
            resolve(records.find((r) => r.name === wanted && !r.deleted)?.character ?? null)
          }
          all.onerror = () => reject(all.error)
        }
      }),
    name
  )
  if (!found) throw new Error(`no character named ${name} in this context's gallery`)
  return found
}

/** Standard deviation of the luma of an image: about 0 for a blank (one-colour) picture. */
function spread(image: RgbaImage): number {
  let sum = 0
  let sq = 0
  const n = image.width * image.height
  for (let i = 0; i < n; i++) {
    const d = image.data
    const y = 0.299 * d[i * 4]! + 0.587 * d[i * 4 + 1]! + 0.114 * d[i * 4 + 2]!
    sum += y
    sq += y * y
  }
  return Math.sqrt(Math.max(0, sq / n - (sum / n) ** 2))
}

/** The luma spread of a shown <img>, from a screenshot of it. */
async function imageSpread(img: Locator): Promise<number> {
  await expect
    .poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth))
    .toBeGreaterThan(100)
  return spread(decodeImage(new Uint8Array(await img.screenshot())).image)
}

describe.skipIf(!haveLondon)('from a photo', () => {
  const app = useApp()

  it(
    'downloads only the create models with progress, then detect -> create -> first render beside the photo',
    async () => {
      await openGallery(app.page)
      await waitForServiceWorker(app.page)
      await app.page.getByRole('button', { name: /From a photo/ }).click()
      await app.page.getByTestId('models-needed').waitFor()
      const sizes: number[] = []
      const files: string[] = []
      app.page.on('response', (r) => {
        if (r.url().includes('/models/') && r.url().endsWith('.onnx')) {
          sizes.push(Number(r.headers()['content-length'] ?? 0))
          files.push(r.url().split('/').pop()!)
        }
      })
      await app.page.getByTestId('photo-file').setInputFiles(londonPhoto(1))
      // The stages show while it works: the download (with a progress bar) first.
      await app.page.getByTestId('stages').waitFor()
      await app.page.getByTestId('photo-result').waitFor({ timeout: 180_000 })
      // the release's create group (detector, mesh, embedder, translator, person segmenter, gender read): never
      // the eval recognisers or refine
      const release = (await releaseSource()).manifest.models
      const createGroup = release.filter((m) => (m as { group?: string }).group === 'create')
      expect(files.sort()).toEqual(createGroup.map((m) => m.file).sort())
      expect(files).not.toContain('refine.onnx')
      expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(8e6)
      // The character was rendered (a loaded image), beside the photo's face crop.
      for (const id of ['result-photo', 'result-character'])
        expect(
          await app.page.getByTestId(id).evaluate((img) => (img as HTMLImageElement).naturalWidth)
        ).toBeGreaterThan(100)
      expect(
        Number(await app.page.getByTestId('photo-result').getAttribute('data-create-ms'))
      ).toBeGreaterThan(0)
      expect(await seriousViolations(app.page)).toEqual([])
    },
    SLOW_MS
  )

  it(
    'finds the same landmarks in Chromium as the CLI pipeline in Node (within 0.5 px)',
    async () => {
      const phone = JSON.parse(
        (await app.page.getByTestId('result-photo').getAttribute('data-ibug68'))!
      ) as number[]
      const analyzer = await FaceAnalyzer.createFromOptions({
        models: await releaseSource(),
        maxFaces: 6,
      })
      try {
        const node = (await analyzer.detect(decoded(londonPhoto(1)))).faces[0]!
        expect(phone).toHaveLength(136)
        let worst = 0
        for (let i = 0; i < 136; i++) worst = Math.max(worst, Math.abs(phone[i]! - node.ibug68[i]!))
        console.log(
          `landmarks, Chromium (canvas + WASM) vs Node (jpeg-js + CPU): max |difference| ${worst.toFixed(3)} px`
        )
        expect(worst).toBeLessThan(0.5)
      } finally {
        await analyzer.close()
      }
    },
    SLOW_MS
  )

  it(
    'lets the player tap their face in a photo with two people',
    async () => {
      await app.page.getByRole('button', { name: 'Another photo' }).click()
      const two = sideBySide([decoded(londonPhoto(2)), decoded(londonPhoto(3))])
      await app.page
        .getByTestId('photo-file')
        .setInputFiles({ name: 'two.png', mimeType: 'image/png', buffer: two })
      const boxes = app.page.getByTestId('face-box')
      await expect.poll(() => boxes.count(), { timeout: 60_000 }).toBe(2)
      // The right-hand person: the box whose left edge is further right.
      const lefts = await boxes.evaluateAll((els) =>
        els.map((e) => parseFloat((e as HTMLElement).style.left))
      )
      await boxes.nth(lefts[0]! > lefts[1]! ? 0 : 1).click()
      await app.page.getByTestId('photo-result').waitFor({ timeout: 60_000 })
      const ibug = JSON.parse(
        (await app.page.getByTestId('result-photo').getAttribute('data-ibug68'))!
      ) as number[]
      expect(ibug[0]).toBeGreaterThan(512) // that face's points are in the right half
    },
    SLOW_MS
  )

  it(
    'edits with the photo to compare, refines (lazy download, live progress, one undo), saves',
    async () => {
      await app.page.getByRole('button', { name: 'Edit' }).click()
      await app.page.waitForURL(/\/new$/)
      await app.page.getByTestId('photo-bar').waitFor()
      await app.page.getByRole('radio', { name: 'Blended' }).click()
      await expect
        .poll(() => app.page.getByTestId('compare-photo').getAttribute('data-mode'))
        .toBe('blend')
      await app.page.getByRole('radio', { name: 'Beside' }).click()
      await expect
        .poll(() => app.page.getByTestId('compare-photo').getAttribute('data-mode'))
        .toBe('beside')
      expect(await seriousViolations(app.page)).toEqual([])
      expect(await app.page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true)

      await app.page.getByRole('button', { name: 'Make it more like me' }).click()
      const download = app.page.getByRole('button', {
        name: /^Download refine models \(\d+\.\d MB\)$/,
      })
      await download.waitFor({ timeout: 30_000 })
      const mb = Number(/\((\d+\.\d) MB\)/.exec((await download.textContent())!)![1])
      // refine.onnx only (10.3 MB with dlib inside): imitator.onnx is in the eval group, never downloaded by the
      // phone (the two together would be 14.3 MB, over the 12 MB budget).
      expect(mb).toBeLessThanOrEqual(12)
      await download.click()
      // Live progress: the step count rises and the difference falls.
      const run = app.page.getByTestId('refine-run')
      await expect
        .poll(async () => Number(await run.getAttribute('data-step')), { timeout: 180_000 })
        .toBeGreaterThanOrEqual(3)
      const first = Number(await run.getAttribute('data-loss'))
      await app.page.getByText('More like you now: Undo goes back').waitFor({ timeout: 180_000 })
      expect(first).toBeGreaterThan(0)
      // One undoable edit.
      const undo = app.page.getByRole('button', { name: 'Undo' })
      expect(await undo.isDisabled()).toBe(false)
      await undo.click()
      expect(await undo.isDisabled()).toBe(true)
      await app.page.getByRole('button', { name: 'Redo' }).click()
      // The skin's fine texture from the photo (its detail's residual and octave) can be smoothed away, undoably.
      await app.page.getByRole('tab', { name: 'Skin', exact: true }).click()
      const smooth = app.page.getByRole('button', { name: 'Smooth', exact: true })
      await smooth.click()
      await expect.poll(() => smooth.count()).toBe(0)
      expect(await app.page.getByRole('button', { name: 'Remove', exact: true }).count()).toBe(1)
      await undo.click()
      await expect.poll(() => smooth.count()).toBe(1)

      await app.page.getByLabel('Character name').fill('Photo Pat')
      await save(app.page)
      await app.page.waitForURL(/\/edit\//)
      await app.page.getByTestId('photo-bar').waitFor()
      expect(await galleryNames(app.page)).toContain('Photo Pat')
    },
    SLOW_MS
  )

  it(
    'shares the photo character: the link opens in a fresh context (no storage) and shows the same character',
    async () => {
      const mine = await storedCharacter(app.page, 'Photo Pat')
      // A photo character, not the default one: the comparison below can tell them apart.
      const sliders = Object.values(mine.sliders)
      expect(sliders.filter((v) => Math.abs(v - 0.5) > 0.02).length).toBeGreaterThan(10)
      await openGallery(app.page)
      await app.page.getByText('Photo Pat').click()
      await app.page.waitForURL(/\/edit\//)
      await app.page.getByRole('button', { name: 'Share', exact: true }).click()
      const link = await app.page.getByTestId('share-link').inputValue()
      expect(link).toMatch(/\/s#c=fc2\./)
      // With the skin detail's octave the link is too long for a QR code: the QR code carries the character
      // without it, and the sheet says so.
      await app.page.getByRole('img', { name: 'QR code of the share link' }).waitFor()
      await app.page.getByTestId('share-qr-lean').waitFor()
      await app.page.keyboard.press('Escape')

      const fresh = await phoneContext(app.chromium.browser, inject('origin'))
      try {
        const there = await fresh.newPage()
        await there.goto(link)
        await expect.poll(() => there.getByTestId('shared-name').innerText()).toBe('Photo Pat')
        const portrait = there.getByRole('img', { name: 'Photo Pat, front view' })
        await portrait.waitFor()
        const shown = await imageSpread(portrait)
        expect(shown).toBeGreaterThan(10)
        await there.getByRole('button', { name: 'Save to my gallery' }).click()
        await there.waitForURL(/\/edit\//)
        await waitForFrame(there, 0)
        const rendered = decodeImage(
          new Uint8Array(await there.getByTestId('preview').screenshot())
        )
        const drawn = spread(rendered.image)
        console.log(
          `shared photo character, fresh context: portrait luma spread ${shown.toFixed(1)}, editor preview ${drawn.toFixed(1)} (a blank picture: ~0)`
        )
        expect(drawn).toBeGreaterThan(10)
        // The same character as saved here, to the precision of the link (1/65535).
        const theirs = await storedCharacter(there, 'Photo Pat')
        expect(theirs.styles).toEqual(mine.styles)
        for (const kind of ['sliders', 'colors'] as const) {
          expect(Object.keys(theirs[kind]).sort()).toEqual(Object.keys(mine[kind]).sort())
          for (const [id, v] of Object.entries(mine[kind]))
            expect(Math.abs(theirs[kind][id]! - v), `${kind} ${id}`).toBeLessThanOrEqual(1 / 65535)
        }
        // The skin detail read from the photo travels in the link too (a byte per weight, 1/31 steps).
        expect(mine.detail?.weights).toHaveLength(SKIN_DETAIL_COUNT)
        expect(theirs.detail?.basis).toBe(mine.detail!.basis)
        mine.detail!.weights.forEach((w, i) =>
          expect(Math.abs(theirs.detail!.weights[i]! - w), `detail ${i}`).toBeLessThanOrEqual(
            0.5 / 31 + 1e-9
          )
        )
        // And what the weights miss of the photo's own detail (the residual: 4 bits a pixel, kept exactly).
        expect(mine.detail?.residual).toHaveLength(RESIDUAL_CHARS)
        expect(theirs.detail?.residual).toBe(mine.detail!.residual)
        // And its finest octave (3 bits a pixel at twice the residual's resolution, kept exactly).
        expect(mine.detail?.octave).toHaveLength(OCTAVE_CHARS)
        expect(theirs.detail?.octave).toBe(mine.detail!.octave)
        // The photo stays on this device: the fresh context has none.
        expect(await there.getByTestId('photo-bar').count()).toBe(0)
      } finally {
        await fresh.close()
      }
    },
    SLOW_MS
  )

  it(
    'creates and refines (and cancels a refinement) with no network after an offline reload',
    async () => {
      await app.context.setOffline(true)
      try {
        await app.page.goto('/photo')
        await createFrom(app.page, londonPhoto(4))
        await openGallery(app.page)
        await app.page.getByText('Photo Pat').click()
        await app.page.waitForURL(/\/edit\//)
        // Cancel stops it and changes nothing.
        const undo = app.page.getByRole('button', { name: 'Undo' })
        expect(await undo.isDisabled()).toBe(true)
        await app.page.getByRole('button', { name: 'Make it more like me' }).click()
        await expect
          .poll(
            async () => Number(await app.page.getByTestId('refine-run').getAttribute('data-step')),
            {
              timeout: 120_000,
            }
          )
          .toBeGreaterThanOrEqual(1)
        await app.page.getByTestId('refine-run').getByRole('button', { name: 'Cancel' }).click()
        await app.page.getByTestId('refine-run').waitFor({ state: 'detached' })
        await app.page.waitForTimeout(1500)
        expect(await undo.isDisabled()).toBe(true)
        await app.page.getByRole('button', { name: 'Make it more like me' }).click()
        await app.page.getByText('More like you now: Undo goes back').waitFor({ timeout: 180_000 })
        expect(await undo.isDisabled()).toBe(false)
      } finally {
        await app.context.setOffline(false)
      }
    },
    SLOW_MS
  )

  it(
    'back online, syncs the character to the account but never the photo',
    async () => {
      const email = uniqueEmail('photo')
      await register(app.page, email, 'a long enough passphrase 42')
      await addDeviceCharacters(app.page)
      await syncNow(app.page)
      const other = await phoneContext(app.chromium.browser, inject('origin'))
      try {
        const there = await other.newPage()
        await signIn(there, email, 'a long enough passphrase 42')
        expect(await galleryNames(there)).toContain('Photo Pat')
        await there.getByText('Photo Pat').click()
        await there.waitForURL(/\/edit\//)
        await there.getByLabel('Character name').waitFor()
        await there.waitForTimeout(500)
        expect(await there.getByTestId('photo-bar').count()).toBe(0)
      } finally {
        await other.close()
      }
      await openGallery(app.page)
      await app.page.getByText('Photo Pat').click()
      await app.page.getByTestId('photo-bar').waitFor()
    },
    SLOW_MS
  )

  it(
    'removes the photo and keeps the character; deleting a character deletes its photo',
    async () => {
      const photos = () =>
        app.page.evaluate(
          () =>
            new Promise<number>((resolve, reject) => {
              const open = indexedDB.open('facecraft')
              open.onsuccess = () => {
                const count = open.result.transaction('photos').objectStore('photos').count()
                count.onsuccess = () => (resolve(count.result), open.result.close())
                count.onerror = () => reject(count.error)
              }
            })
        )
      expect(await photos()).toBe(1)
      // The stored photo keeps the map that frames its face as the preview frames a character: the point between
      // the character's eyes in the preview lands between the eyes of the face it was made from, inside its box.
      const stored = await app.page.evaluate(
        () =>
          new Promise<{ box: { x: number; y: number; width: number; height: number }; view?: number[] }>((resolve, reject) => {
            const open = indexedDB.open('facecraft')
            open.onsuccess = () => {
              const all = open.result.transaction('photos').objectStore('photos').getAll()
              all.onsuccess = () => (resolve(all.result[0]), open.result.close())
              all.onerror = () => reject(all.error)
            }
          })
      ) // prettier-ignore
      expect(stored.view).toHaveLength(6)
      const [a, b, c, d, e, f] = stored.view!
      const [x, y] = [a! * 0.5 + b! * 0.486 + c!, d! * 0.5 + e! * 0.486 + f!]
      expect(x).toBeGreaterThan(stored.box.x + 0.35 * stored.box.width)
      expect(x).toBeLessThan(stored.box.x + 0.65 * stored.box.width)
      expect(y).toBeGreaterThan(stored.box.y)
      expect(y).toBeLessThan(stored.box.y + 0.6 * stored.box.height)
      app.page.once('dialog', (d) => void d.accept())
      await app.page.getByRole('button', { name: 'Remove photo' }).click()
      await app.page.getByText('Photo removed; the character stays').waitFor()
      await app.page.getByTestId('photo-bar').waitFor({ state: 'detached' })
      expect(await photos()).toBe(0)
      expect(await galleryNames(app.page)).toContain('Photo Pat')

      await app.page.goto('/photo')
      await createFrom(app.page, londonPhoto(5))
      await app.page.getByRole('button', { name: 'Edit' }).click()
      await app.page.getByLabel('Character name').fill('Gone Gil')
      await save(app.page)
      await app.page.waitForURL(/\/edit\//)
      expect(await photos()).toBe(1)
      app.page.once('dialog', (d) => void d.accept())
      await app.page.getByRole('button', { name: 'Delete character' }).click()
      await app.page.getByRole('heading', { name: 'Your characters' }).waitFor()
      expect(await photos()).toBe(0)
      expect(await galleryNames(app.page)).toEqual(expect.arrayContaining(['Photo Pat']))
    },
    SLOW_MS
  )

  it(
    'says when a photo has no colour (its colours are guesses), and still makes the character',
    async () => {
      await app.page.goto('/photo')
      await createFrom(app.page, londonPhoto(4))
      expect(await app.page.getByTestId('create-note').count()).toBe(0) // a colour photo: nothing to say
      await app.page.getByRole('button', { name: 'Another photo' }).click()
      const grey = greyscale(decoded(londonPhoto(4)))
      await createFrom(app.page, { name: 'grey.png', mimeType: 'image/png', buffer: grey })
      await expect
        .poll(() => app.page.getByTestId('create-note').textContent())
        .toMatch(/no colour.*editor/)
      expect(await imageSpread(app.page.getByTestId('result-character'))).toBeGreaterThan(8)
    },
    SLOW_MS
  )

  it(
    "reads a selfie's lens from its EXIF: the same photo as a phone's front camera took it makes another character",
    async () => {
      // London 006 with a 26 mm front camera's FocalLengthIn35mmFilm: about 40 cm away at its face's size, so the
      // face is read as from a portrait's distance (create/perspective); without the tag it is read as taken.
      const jpeg = new Uint8Array(await readFile(londonPhoto(6)))
      const selfie = withExifSegment(jpeg, exifSegment({ focalLength35mm: 26 }))
      const made: Character[] = []
      for (const [name, bytes] of [
        ['Lens Lee', selfie],
        ['Plain Lee', jpeg],
      ] as const) {
        await app.page.goto('/photo')
        await createFrom(app.page, {
          name: `${name}.jpg`,
          mimeType: 'image/jpeg',
          buffer: Buffer.from(bytes),
        })
        await app.page.getByRole('button', { name: 'Edit' }).click()
        await app.page.getByLabel('Character name').fill(name)
        await save(app.page)
        await app.page.waitForURL(/\/edit\//)
        made.push(await storedCharacter(app.page, name))
      }
      const [lens, plain] = made as [Character, Character]
      const moved = Object.keys(plain.sliders).filter(
        (id) => Math.abs(lens.sliders[id]! - plain.sliders[id]!) > 0.01
      )
      console.log(`front-camera EXIF vs none: ${moved.length} sliders moved more than 0.01`)
      expect(moved.length).toBeGreaterThan(5)
    },
    SLOW_MS
  )
})
