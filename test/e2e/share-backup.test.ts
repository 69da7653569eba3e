/** @file Share links open in a fresh browser (no account, no server needed for the code); export then import. */
import { readFile } from 'node:fs/promises'
import { describe, expect, inject, it } from 'vitest'
import { phoneContext } from '../src/harness/index.ts'
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
import { useApp } from './use-app.ts'

describe('share and backup', () => {
  const app = useApp()

  async function shareLink(): Promise<string> {
    await app.page.getByRole('button', { name: 'Share', exact: true }).click()
    const link = app.page.getByTestId('share-link')
    await link.waitFor()
    return link.inputValue()
  }

  async function openInFreshContext(link: string, offline: boolean): Promise<void> {
    const fresh = await phoneContext(app.chromium.browser, inject('origin'))
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
    await makeCharacter(app.page, 'Sharey', [['Mouth', 'face.mouth-scale-horiz.decr-incr', 0.8]])
    const link = await shareLink()
    expect(link).toMatch(/\/s#c=fc2\./)
    await expect
      .poll(() =>
        app.page.getByRole('img', { name: 'QR code of the share link' }).locator('svg').count()
      )
      .toBe(1)
    await openInFreshContext(link, true)
  })

  it('opens an account share link, with and without the code, in a fresh context', async () => {
    await register(app.page, uniqueEmail('share'), 'correct horse battery')
    await addDeviceCharacters(app.page)
    await syncNow(app.page)
    await openGallery(app.page)
    await app.page.getByRole('link', { name: /Sharey/ }).click()
    await app.page.getByRole('button', { name: 'Share', exact: true }).click()
    const input = app.page.getByTestId('share-link-full')
    await expect
      .poll(() => input.inputValue(), { timeout: 15_000 })
      .toMatch(/\/s\/[A-Za-z0-9_-]+#c=fc2\./)
    const link = await input.inputValue()
    // The short link is the same share without the code.
    expect(await app.page.getByTestId('share-link').inputValue()).toBe(link.split('#')[0])
    // Reopening the sheet reuses the share of this revision instead of spending the account's share quota.
    await app.page.keyboard.press('Escape')
    await app.page.getByRole('button', { name: 'Share', exact: true }).click()
    await expect.poll(() => app.page.getByTestId('share-link-full').inputValue()).toBe(link)
    await openInFreshContext(link, false)
    // The share id alone (the short link, or a link whose #fragment was lost) is answered by the API.
    await openInFreshContext(link.split('#')[0]!, false)
  })

  it('exports the gallery and imports it into an empty one', async () => {
    await openGallery(app.page)
    const download = app.page.waitForEvent('download')
    await app.page.getByRole('button', { name: 'Export gallery' }).click()
    const file = await (await download).path()
    const text = await readFile(file, 'utf8')
    expect(JSON.parse(text).characters).toHaveLength(1)

    const fresh = await phoneContext(app.chromium.browser, inject('origin'))
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
