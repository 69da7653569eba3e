/**
 * @file Accounts and sync across two "devices" (two browser contexts with separate storage): made offline,
 * synced when online, seen after sign-in elsewhere, and a conflict resolved by the player without loss.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import {
  launchChromium,
  phoneContext,
  seriousViolations,
  type Launched,
} from '../src/harness/index.ts'
import {
  galleryNames,
  getParam,
  makeCharacter,
  openGallery,
  register,
  setParam,
  signIn,
  syncNow,
  uniqueEmail,
  waitForServiceWorker,
  save,
} from './app.ts'

const PASSWORD = 'correct horse battery'

describe('accounts and sync', () => {
  let chromium: Launched
  let phone: BrowserContext
  let tablet: BrowserContext
  let a: Page
  let b: Page
  const email = uniqueEmail('sync')

  beforeAll(async () => {
    chromium = await launchChromium()
    phone = await phoneContext(chromium.browser, inject('origin'))
    tablet = await phoneContext(chromium.browser, inject('origin'))
    a = await phone.newPage()
    b = await tablet.newPage()
  })
  afterAll(async () => {
    await phone?.close()
    await tablet?.close()
    await chromium?.close()
  })

  it('syncs a character made offline once the network returns', async () => {
    await register(a, email, PASSWORD)
    await openGallery(a)
    await waitForServiceWorker(a)
    await phone.setOffline(true)
    await makeCharacter(a, 'Offline Olga', [['Eyes', 'eyes.iris_color', 1]])
    await openGallery(a)
    await a.getByText('Not synced yet').waitFor()
    await phone.setOffline(false)
    // The 'online' event triggers the sync; the pending mark goes away.
    await a.getByText('Not synced yet').waitFor({ state: 'detached', timeout: 20_000 })
  })

  it('shows it on a second device after sign-in', async () => {
    await signIn(b, email, PASSWORD)
    expect(await galleryNames(b)).toEqual(['Offline Olga'])
    await b.getByRole('link', { name: /Offline Olga/ }).click()
    expect(await getParam(b, 'Eyes', 'eyes.iris_color')).toBeCloseTo(1, 2)
  })

  it('updates an open editor when a newer copy arrives from the other device', async () => {
    // The tablet still shows Offline Olga in the editor (previous test), with no unsaved edits.
    await openGallery(a)
    await a.getByRole('link', { name: /Offline Olga/ }).click()
    await setParam(a, 'Nose', 'face.nose-scale-horiz.decr-incr', 0.2)
    await save(a)
    await syncNow(a)
    // Any sync trigger will do; the network coming back is one.
    await b.evaluate(() => window.dispatchEvent(new Event('online')))
    await expect
      .poll(() => getParam(b, 'Nose', 'face.nose-scale-horiz.decr-incr'), { timeout: 20_000 })
      .toBeCloseTo(0.2, 2)
  })

  it('resolves a conflict from two devices without losing either edit', async () => {
    // The tablet is offline (on a train) while both devices edit the same character.
    await tablet.setOffline(true)
    const editJaw = async (page: Page, value: number) => {
      await openGallery(page)
      await page.getByRole('link', { name: /Offline Olga/ }).click()
      await setParam(page, 'Chin', 'face.chin-jaw-drop.decr-incr', value)
      await save(page)
    }
    await editJaw(a, 0.1)
    await syncNow(a)
    await editJaw(b, 0.95)
    await tablet.setOffline(false)
    // Back online, the tablet's edit meets the phone's: shown as a conflict, neither dropped nor overwritten.
    await b.getByRole('button', { name: 'Review' }).click({ timeout: 20_000 })
    const conflict = b.getByTestId('conflict')
    await conflict.waitFor()
    // What differs is listed, this device first, as the sliders show it.
    expect(await conflict.getByRole('list', { name: 'What differs' }).innerText()).toMatch(
      /Chin jaw drop \(decr \/ incr\)\s*95 vs 10/
    )
    const sides = await conflict
      .locator('img')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width))
    for (const width of sides) expect(width).toBeGreaterThanOrEqual(140)
    // The conflict review is a screen too: no serious or critical axe violations.
    expect(await seriousViolations(b)).toEqual([])
    await conflict.getByRole('button', { name: 'Keep both' }).click()
    await conflict.waitFor({ state: 'detached' })
    await syncNow(b)
    expect((await galleryNames(b)).sort()).toEqual(['Offline Olga', 'Offline Olga (copy)'])
    await syncNow(a)
    expect((await galleryNames(a)).sort()).toEqual(['Offline Olga', 'Offline Olga (copy)'])
    // Each copy holds its own device's edit.
    await a.getByRole('link', { name: 'Offline Olga (copy)' }).click()
    expect(await getParam(a, 'Chin', 'face.chin-jaw-drop.decr-incr')).toBeCloseTo(0.95, 2)
    await openGallery(a)
    await a.getByRole('link', { name: /^Offline Olga$/ }).click()
    expect(await getParam(a, 'Chin', 'face.chin-jaw-drop.decr-incr')).toBeCloseTo(0.1, 2)
  })

  /** Deletes a character from its editor, accepting the "delete from this device and your account" question. */
  const remove = async (page: Page, name: RegExp) => {
    await openGallery(page)
    await page.getByRole('link', { name }).click()
    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByRole('button', { name: 'Delete character' }).click()
    await page.getByText(/^Deleted/).waitFor()
  }
  const editJaw = async (page: Page, name: RegExp, value: number) => {
    await openGallery(page)
    await page.getByRole('link', { name }).click()
    await setParam(page, 'Chin', 'face.chin-jaw-drop.decr-incr', value)
    await save(page)
  }

  it('asks when a character deleted here was edited on the other device, and restores the edit', async () => {
    await tablet.setOffline(true)
    await remove(b, /\(copy\)/)
    await editJaw(a, /\(copy\)/, 0.33)
    await syncNow(a)
    await tablet.setOffline(false)
    // Neither silently resurrected nor silently dropped: the player is asked.
    await b.getByRole('button', { name: 'Review' }).click({ timeout: 20_000 })
    const conflict = b.getByTestId('conflict')
    await conflict.getByText('deleted Offline Olga (copy)').waitFor()
    await conflict.getByRole('button', { name: 'Restore their edit' }).click()
    await conflict.waitFor({ state: 'detached' })
    await syncNow(b)
    expect((await galleryNames(b)).sort()).toEqual(['Offline Olga', 'Offline Olga (copy)'])
    await b.getByRole('link', { name: 'Offline Olga (copy)' }).click()
    expect(await getParam(b, 'Chin', 'face.chin-jaw-drop.decr-incr')).toBeCloseTo(0.33, 2)
  })

  it('asks when a character edited here was deleted on the other device, and keeps the edit', async () => {
    await tablet.setOffline(true)
    await remove(a, /^Offline Olga$/)
    await syncNow(a)
    await editJaw(b, /^Offline Olga$/, 0.77)
    await tablet.setOffline(false)
    await b.getByRole('button', { name: 'Review' }).click({ timeout: 20_000 })
    const conflict = b.getByTestId('conflict')
    await conflict.getByText(/deleted it/).waitFor()
    await conflict.getByRole('button', { name: 'Keep mine' }).click()
    await conflict.waitFor({ state: 'detached' })
    await syncNow(b)
    await syncNow(a)
    // The edit lives on (as a new character: ids are not reused after a delete), on both devices.
    for (const page of [a, b]) {
      expect((await galleryNames(page)).sort()).toEqual(['Offline Olga', 'Offline Olga (copy)'])
      await page.getByRole('link', { name: /^Offline Olga$/ }).click()
      expect(await getParam(page, 'Chin', 'face.chin-jaw-drop.decr-incr')).toBeCloseTo(0.77, 2)
    }
  })
})
