/**
 * @file A device account (no email) that syncs and is later upgraded keeps its characters; a browser that gives no
 * storage (private mode) still lets the player make characters and says clearly that they will not be kept.
 */
import { describe, expect, inject, it } from 'vitest'
import { phoneContext } from '../src/harness/index.ts'
import {
  addDeviceCharacters,
  galleryNames,
  makeCharacter,
  signIn,
  signOut,
  syncNow,
  uniqueEmail,
} from './app.ts'
import { useChromium } from './use-app.ts'

const PASSWORD = 'correct horse battery'

describe('device accounts and storage', () => {
  const app = useChromium()

  it('syncs with a device account and keeps everything when an email is added', async () => {
    const email = uniqueEmail('upgrade')
    const phone = await phoneContext(app.chromium.browser, inject('origin'))
    const laptop = await phoneContext(app.chromium.browser, inject('origin'))
    try {
      const a = await phone.newPage()
      await makeCharacter(a, 'Anon Ana', [['Brows', 'brows.color', 0.9]])
      await a.goto('/account')
      await a.getByRole('button', { name: 'Sync without an email' }).click()
      await expect.poll(() => a.getByTestId('account-user').innerText()).toContain('Device account')
      // Made while signed out: it joins the account only when the player says so.
      await addDeviceCharacters(a)
      await syncNow(a)
      await a.getByLabel('Email', { exact: true }).fill(email)
      await a.getByLabel(/^Password/).fill(PASSWORD)
      await a.getByRole('button', { name: 'Save account' }).click()
      await expect
        .poll(() => a.getByTestId('account-user').innerText())
        .toBe(`Signed in as ${email}.`)

      const b = await laptop.newPage()
      await signIn(b, email, PASSWORD)
      expect(await galleryNames(b)).toEqual(['Anon Ana'])

      // A lost phone: sign out everywhere from the other device; characters stay on this one.
      await signOut(b, 'keep', true)
      expect(await galleryNames(b)).toEqual(['Anon Ana'])
    } finally {
      await phone.close()
      await laptop.close()
    }
  })

  it('works without storage and says the characters will not be kept', async () => {
    const context = await phoneContext(app.chromium.browser, inject('origin'))
    try {
      // What private modes and disabled storage look like to a page: no usable IndexedDB.
      await context.addInitScript(() => {
        Object.defineProperty(window, 'indexedDB', { value: undefined })
      })
      const page = await context.newPage()
      await makeCharacter(page, 'Ephemeral Eve', [])
      await page.getByRole('alert').filter({ hasText: 'will not let facecraft save' }).waitFor()
      // In-app navigation (a reload would, as the banner says, lose it).
      await page.getByRole('link', { name: 'facecraft' }).click()
      await expect
        .poll(() => page.getByTestId('gallery').locator('li').allInnerTexts())
        .toEqual([expect.stringContaining('Ephemeral Eve')])
    } finally {
      await context.close()
    }
  })
})
