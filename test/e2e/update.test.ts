/** @file A new version of the app waiting in the service worker shows an update prompt; Reload switches to it. */
import { describe, expect, inject, it } from 'vitest'
import { phoneContext } from '../src/harness/index.ts'
import { openGallery, waitForServiceWorker } from './app.ts'
import { useChromium } from './use-app.ts'

describe('update prompt', () => {
  const app = useChromium()

  it('offers a reload when a new version is waiting, and applies it', async () => {
    const context = await phoneContext(app.chromium.browser, inject('origin'))
    try {
      // The version the player first installs differs from the one on the server by one comment. (Routes see the
      // first fetch of sw.js but not the worker's own update checks, hence this order.)
      await context.route('**/sw.js', async (route) => {
        const response = await route.fetch()
        await route.fulfill({ response, body: `${await response.text()}\n// previous version\n` })
      })
      const page = await context.newPage()
      await openGallery(page)
      await waitForServiceWorker(page)
      // A returning visit: the page is now controlled by the installed worker, so a new one has to wait.
      await page.reload()
      await page.waitForFunction(() => !!navigator.serviceWorker.controller)
      // The next check of sw.js finds the server's (different) bytes: a new version.
      await context.unrouteAll()
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration()
        await registration?.update()
      })
      const prompt = page.getByRole('alertdialog')
      await prompt.getByText('A new version of facecraft is ready.').waitFor({ timeout: 20_000 })
      // Listen before clicking: the reload can finish before a listener added after the click exists.
      const reloaded = page.waitForEvent('load', { timeout: 60_000 })
      await prompt.getByRole('button', { name: 'Reload' }).click()
      await reloaded
      await page.getByRole('heading', { name: 'Your characters' }).waitFor()
      expect(await page.getByRole('alertdialog').count()).toBe(0)
      const waiting = await page.evaluate(
        async () => !!(await navigator.serviceWorker.getRegistration())?.waiting
      )
      expect(waiting).toBe(false)
    } finally {
      await context.close()
    }
  })
})
