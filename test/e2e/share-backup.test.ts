/** @file Share links open in a fresh browser (no account, no server needed for the code); export then import. */
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { launchChromium, phoneContext, type Launched } from '../src/harness/index.ts'
import {
  addDeviceCharacters,
  galleryNames,
  getParam,
  makeCharacter,
  openGallery,
  register,
  syncNow,
  uniqueEmail,
} from './app.ts'

describe('share and backup', () => {
  let chromium: Launched
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    chromium = await launchChromium()
    context = await phoneContext(chromium.browser, inject('origin'))
    page = await context.newPage()
  })
  afterAll(async () => {
    await context?.close()
    await chromium?.close()
  })

  async function shareLink(): Promise<string> {
    await page.getByRole('button', { name: 'Share', exact: true }).click()
    const link = page.getByTestId('share-link')
    await link.waitFor()
    return link.inputValue()
  }

  async function openInFreshContext(link: string, offline: boolean): Promise<void> {
    const fresh = await phoneContext(chromium.browser, inject('origin'))
    try {
      const other = await fresh.newPage()
      if (offline) {
        // Load the app once, then cut the network: the code in the #fragment needs no server.
        await other.goto('/')
        await other.evaluate(() => navigator.serviceWorker.ready)
        await fresh.setOffline(true)
      }
      await other.goto(link)
      await expect.poll(() => other.getByTestId('shared-name').innerText()).toBe('Sharey')
      await other.getByRole('button', { name: 'Save to my gallery' }).click()
      await other.waitForURL(/\/edit\//)
      expect(await getParam(other, 'Mouth', 'face.mouth-scale-horiz.decr-incr')).toBeCloseTo(0.8, 3)
      expect(await galleryNames(other)).toEqual(['Sharey'])
    } finally {
      await fresh.close()
    }
  }

  it('opens an offline share link in a fresh context with no network', async () => {
    await makeCharacter(page, 'Sharey', [['Mouth', 'face.mouth-scale-horiz.decr-incr', 0.8]])
    const link = await shareLink()
    expect(link).toMatch(/\/s#c=fc2\./)
    await expect
      .poll(() =>
        page.getByRole('img', { name: 'QR code of the share link' }).locator('svg').count()
      )
      .toBe(1)
    await openInFreshContext(link, true)
  })

  it('opens an account share link, with and without the code, in a fresh context', async () => {
    await register(page, uniqueEmail('share'), 'correct horse battery')
    await addDeviceCharacters(page)
    await syncNow(page)
    await openGallery(page)
    await page.getByRole('link', { name: /Sharey/ }).click()
    await page.getByRole('button', { name: 'Share', exact: true }).click()
    const input = page.getByTestId('share-link-full')
    await expect
      .poll(() => input.inputValue(), { timeout: 15_000 })
      .toMatch(/\/s\/[A-Za-z0-9_-]+#c=fc2\./)
    const link = await input.inputValue()
    // The short link is the same share without the code.
    expect(await page.getByTestId('share-link').inputValue()).toBe(link.split('#')[0])
    // Reopening the sheet reuses the share of this revision instead of spending the account's share quota.
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Share', exact: true }).click()
    await expect.poll(() => page.getByTestId('share-link-full').inputValue()).toBe(link)
    await openInFreshContext(link, false)
    // The share id alone (the short link, or a link whose #fragment was lost) is answered by the API.
    await openInFreshContext(link.split('#')[0]!, false)
  })

  it('exports the gallery and imports it into an empty one', async () => {
    await openGallery(page)
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export gallery' }).click()
    const file = await (await download).path()
    const text = await readFile(file, 'utf8')
    expect(JSON.parse(text).characters).toHaveLength(1)

    const fresh = await phoneContext(chromium.browser, inject('origin'))
    try {
      const other = await fresh.newPage()
      await openGallery(other)
      expect(await galleryNames(other)).toEqual([])
      await other.getByTestId('import-file').setInputFiles({
        name: 'backup.json',
        mimeType: 'application/json',
        buffer: Buffer.from(text),
      })
      await other.getByText(/Imported 1 new/).waitFor()
      expect(await galleryNames(other)).toEqual(['Sharey'])
      // A damaged file is refused with a message that says what to do.
      await other.getByTestId('import-file').setInputFiles({
        name: 'x.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"nope":1}'),
      })
      await other.getByText(/not a facecraft backup/).waitFor()
      expect(await galleryNames(other)).toEqual(['Sharey'])
    } finally {
      await fresh.close()
    }
  })
})
