/**
 * @file A character as a picture: "Save image" (a 1024 px PNG from the engine, with or without its background),
 * a share card, and account share links that are short and show a preview image (rendered by the Worker) in chat
 * apps.
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, inject, it } from 'vitest'
import type { Download } from 'playwright-core'
import { decodePng } from '@facecraft/shared/image'
import { phoneContext } from '../src/harness/index.ts'
import { addDeviceCharacters, makeCharacter, register, syncNow, uniqueEmail } from './app.ts'
import { useApp } from './use-app.ts'

async function png(download: Download) {
  return decodePng(new Uint8Array(await readFile((await download.path())!)))
}

/** Alpha of the top-left pixel (the background, away from the head). */
const cornerAlpha = (image: { data: Uint8Array | Uint8ClampedArray }) => image.data[3]

describe('pictures and previews', () => {
  const app = useApp()

  it('saves a 1024 px PNG, with or without background, and a share card', async () => {
    await makeCharacter(app.page, 'Pixel Pia', [['Hair', 'hair.color', 0.9]])
    await app.page.getByRole('button', { name: 'Share', exact: true }).click()
    const background = app.page.getByRole('checkbox', { name: 'Background' })
    await background.setChecked(false)
    let wait = app.page.waitForEvent('download')
    await app.page.getByRole('button', { name: 'Save image' }).click()
    let download = await wait
    expect(download.suggestedFilename()).toBe('Pixel Pia.png')
    const clear = await png(download)
    expect([clear.width, clear.height]).toEqual([1024, 1024])
    expect(cornerAlpha(clear)).toBe(0)
    await background.setChecked(true)
    wait = app.page.waitForEvent('download')
    await app.page.getByRole('button', { name: 'Save image' }).click()
    const filled = await png(await wait)
    expect([filled.width, filled.height]).toEqual([1024, 1024])
    expect(cornerAlpha(filled)).toBe(255)
    wait = app.page.waitForEvent('download')
    await app.page.getByRole('button', { name: 'Share card' }).click()
    download = await wait
    expect(download.suggestedFilename()).toBe('Pixel Pia card.png')
    const card = await png(download)
    expect([card.width, card.height]).toEqual([1200, 630])
  })

  it('gives account shares a short link with a preview image rendered by the Worker', async () => {
    await register(app.page, uniqueEmail('og'), 'correct horse battery')
    await addDeviceCharacters(app.page)
    await syncNow(app.page)
    await app.page.goto('/')
    await app.page.getByRole('link', { name: /Pixel Pia/ }).click()
    await app.page.getByRole('button', { name: 'Share', exact: true }).click()
    const link = app.page.getByTestId('share-link')
    await expect
      .poll(() => link.inputValue(), { timeout: 20_000 })
      .toMatch(/\/s\/[A-Za-z0-9_-]{12}$/)
    const short = await link.inputValue()
    expect(short.length).toBeLessThan(60)
    // What a chat app's link preview fetches: the page's Open Graph tags, then the image.
    const html = await (await app.page.request.get(short)).text()
    expect(html).toContain('<meta property="og:title" content="Pixel Pia')
    const image = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1]
    expect(image).toBeTruthy()
    const response = await app.page.request.get(image!)
    expect(response.headers()['content-type']).toBe('image/png')
    const og = decodePng(new Uint8Array(await response.body()))
    expect([og.width, og.height]).toEqual([1200, 630])
    // The second fetch comes from the cache, byte for byte.
    const again = await app.page.request.get(image!)
    expect(Buffer.compare(await again.body(), await response.body())).toBe(0)
    // The short link opens the character in a fresh browser (through the API).
    const other = await phoneContext(app.chromium.browser, inject('origin'))
    try {
      const p = await other.newPage()
      await p.goto(short)
      await expect.poll(() => p.getByTestId('shared-name').innerText()).toBe('Pixel Pia')
    } finally {
      await other.close()
    }
  })
})
