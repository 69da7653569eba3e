/**
 * @file A new player's first minutes: sample characters and presets, the install prompt, an import that shows up
 * at once, opening a character with its face on screen straight away, honest share-link and sign-in messages.
 */
import { describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createCharacter, encodeShareCode, randomCharacter } from '@facecraft/shared/rig'
import { crc32, fromBase64Url, toBase64Url } from '@facecraft/shared/utils'
import { phoneContext } from '../src/harness/index.ts'
import {
  galleryNames,
  makeCharacter,
  openGallery,
  register,
  signOut,
  uniqueEmail,
  waitForFrame,
} from './app.ts'
import { useChromium } from './use-app.ts'

/** A valid code with its format byte set to `format` and the checksum redone: a code from a newer app. */
function newerFormatCode(format: number): string {
  const bytes = fromBase64Url(encodeShareCode(createCharacter(), 'Future').slice(4))!
  bytes[0] = format
  new DataView(bytes.buffer).setUint32(bytes.length - 4, crc32(bytes.subarray(0, bytes.length - 4)))
  return `fc1.${toBase64Url(bytes)}`
}

describe('first run', () => {
  const app = useChromium()

  async function fresh<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const context = await phoneContext(app.chromium.browser, inject('origin'))
    try {
      return await fn(await context.newPage())
    } finally {
      await context.close()
    }
  }

  it('offers sample characters and presets on an empty gallery, and starts from the one picked', () =>
    fresh(async (page) => {
      await openGallery(page)
      const samples = page.getByRole('list', { name: 'Start from a sample' })
      const buttons = samples.getByRole('button')
      expect(await buttons.count()).toBeGreaterThanOrEqual(4)
      // Each sample shows its face (rendered by the engine).
      await expect
        .poll(() => samples.locator('img[src^="blob:"]').count(), { timeout: 20_000 })
        .toBe(await buttons.count())
      // Idle after drawing them, the thumbnail Worker builds the engine's level of detail for the thumbnails to come
      // (features/render/idle-warmup): built in the browser without an error.
      const lodBuilt = async () => {
        for (const w of page.workers())
          if (await w.evaluate(() => self.name === 'render-thumbs').catch(() => false))
            return w.evaluate(
              () => (self as { facecraftThumbnailLod?: boolean }).facecraftThumbnailLod === true
            )
        return false
      }
      await expect.poll(lodBuilt, { timeout: 10_000 }).toBe(true)
      const first = await buttons.first().getAttribute('aria-label')
      await buttons.first().click()
      await page.waitForURL(/\/new$/)
      await waitForFrame(page, 0)
      expect(first).toMatch(/^Start from /)
      expect(await page.getByLabel('Character name').inputValue()).toBe(first!.slice(11))
      // Not the default character: a sample from the rig's prior.
      await page.getByRole('tab', { name: 'Head', exact: true }).click()
      expect(
        await page.locator('input[data-param="face.head-scale-horiz.decr-incr"]').inputValue()
      ).not.toBe('50')
    }))

  it('shows an install button when the browser offers installation', () =>
    fresh(async (page) => {
      await openGallery(page)
      expect(await page.getByRole('button', { name: 'Install app' }).count()).toBe(0)
      // Chromium fires beforeinstallprompt only for a site it judges installable after engagement; send the
      // event as it would, with the prompt() the app must call.
      await page.evaluate(() => {
        const event = new Event('beforeinstallprompt', { cancelable: true }) as Event & {
          prompt: () => Promise<void>
          userChoice: Promise<{ outcome: string }>
        }
        event.prompt = async () =>
          void ((window as unknown as { prompted: boolean }).prompted = true)
        event.userChoice = Promise.resolve({ outcome: 'accepted' })
        window.dispatchEvent(event)
      })
      await page.getByRole('button', { name: 'Install app' }).click()
      expect(
        await page.evaluate(() => (window as unknown as { prompted?: boolean }).prompted)
      ).toBe(true)
      await page.getByRole('button', { name: 'Install app' }).waitFor({ state: 'detached' })
    }))

  it('shows imported characters at once, without a reload', () =>
    fresh(async (page) => {
      await openGallery(page)
      const file = {
        format: 'facecraft-gallery',
        version: 1,
        exportedAt: new Date().toISOString(),
        characters: ['Imp One', 'Imp Two'].map((name, i) => ({
          id: `import-${i}-${Date.now()}`,
          name,
          updatedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
          character: randomCharacter(i + 1),
        })),
      }
      await page.getByTestId('import-file').setInputFiles({
        name: 'backup.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(file)),
      })
      await page.getByText('Imported 2 new').waitFor()
      await expect.poll(() => page.getByTestId('gallery').locator('li').count()).toBe(2)
      expect(await page.getByText('No characters yet').count()).toBe(0)
    }))

  it('shows the saved thumbnail at once when a character opens, before the first frame renders', () =>
    fresh(async (page) => {
      await makeCharacter(page, 'Quick', [['Nose', 'face.nose-scale-horiz.decr-incr', 0.8]])
      await openGallery(page)
      await page.reload()
      await page.getByRole('link', { name: /Quick/ }).click()
      const shown = await page.waitForFunction(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=preview]')
        return canvas?.dataset.placeholder === 'drawn' ? (canvas.dataset.frames ?? '0') : null
      })
      // The thumbnail was on screen while the engine still had no frame ready.
      expect(await shown.jsonValue()).toBe('0')
    }))

  it('says whether a share link is damaged or from a newer app, and clears the error on a good link', () =>
    fresh(async (page) => {
      const good = encodeShareCode(createCharacter(), 'Goodie')
      // One character changed in the middle of the code (a bad copy-paste); the first one too.
      for (const broken of [
        good.slice(0, 40) + (good[40] === 'A' ? 'B' : 'A') + good.slice(41),
        'fc1.g' + good.slice(5),
      ]) {
        await page.goto(`/s#c=${broken}`)
        const alert = page.getByRole('alert')
        await alert.waitFor()
        expect(await alert.innerText()).toMatch(/damaged/i)
        expect(await alert.innerText()).not.toMatch(/newer|update/i)
      }
      await page.goto(`/s#c=${newerFormatCode(2)}`)
      await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/newer.*update/i)
      // The next good link in the same tab shows its character; the old error is gone.
      await page.goto(`/s#c=${good}`)
      await expect.poll(() => page.getByTestId('shared-name').innerText()).toBe('Goodie')
      expect(await page.getByRole('alert').count()).toBe(0)
    }))

  it('signs in when the network returns after an offline attempt', async () => {
    const email = uniqueEmail('offline-signin')
    const password = 'correct horse battery'
    await fresh(async (page) => {
      await register(page, email, password)
      await signOut(page, 'keep')
    })
    const context = await phoneContext(app.chromium.browser, inject('origin'))
    try {
      const page = await context.newPage()
      await page.goto('/account')
      await page.getByRole('form').waitFor()
      await context.setOffline(true)
      await page.getByLabel('Email', { exact: true }).fill(email)
      await page.getByLabel(/^Password/).fill(password)
      await page.getByRole('form').getByRole('button', { name: 'Sign in' }).click()
      await page.getByText(/offline.*sign you in .*back online/i).waitFor()
      await context.setOffline(false)
      await expect
        .poll(() => page.getByTestId('account-user').innerText(), { timeout: 20_000 })
        .toContain(email)
      expect(await galleryNames(page)).toEqual([])
    } finally {
      await context.close()
    }
  })
})
