/**
 * @file Two accounts on one device (a shared family tablet): one player's characters never move into another
 * player's account; characters made while signed out join an account only when the player says so; signing out
 * keeps or removes the account's characters here, as the player chooses.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { phoneContext } from '../src/harness/index.ts'
import {
  addDeviceCharacters,
  galleryNames,
  makeCharacter,
  openGallery,
  register,
  signIn,
  signOut,
  syncNow,
  uniqueEmail,
} from './app.ts'
import { useChromium } from './use-app.ts'

const PASSWORD = 'correct horse battery'

describe('two accounts on one device', () => {
  const app = useChromium()
  let shared: BrowserContext
  let own: BrowserContext

  beforeAll(async () => {
    shared = await phoneContext(app.chromium.browser, inject('origin'))
    own = await phoneContext(app.chromium.browser, inject('origin'))
  })
  afterAll(async () => {
    await shared?.close()
    await own?.close()
  })

  it("never uploads one account's characters into another's, and asks about device-only ones", async () => {
    const [ann, ben] = [uniqueEmail('ann'), uniqueEmail('ben')]
    const tablet = await shared.newPage()
    await register(tablet, ann, PASSWORD)
    await makeCharacter(tablet, 'Ann Private', [['Chin', 'face.chin-jaw-drop.decr-incr', 0.2]])
    await syncNow(tablet)
    await signOut(tablet, 'keep')
    expect(await galleryNames(tablet)).toEqual(['Ann Private'])

    // A guest makes one while signed out, then Ben signs up on the same tablet.
    await makeCharacter(tablet, 'Walk-in Wes', [])
    await register(tablet, ben, PASSWORD)
    const prompt = tablet.getByTestId('device-only')
    await expect.poll(() => prompt.innerText()).toContain('1 character on this device')
    expect(await prompt.innerText()).toContain('Walk-in Wes')
    expect(await prompt.innerText()).not.toContain('Ann Private')
    await addDeviceCharacters(tablet)
    await syncNow(tablet)
    await openGallery(tablet)
    await tablet
      .getByRole('link', { name: /Ann Private/ })
      .getByText('Not in this account')
      .waitFor()

    // Ben's account, seen from his own phone, holds only what he added.
    const phone = await own.newPage()
    await signIn(phone, ben, PASSWORD)
    expect(await galleryNames(phone)).toEqual(['Walk-in Wes'])

    // Ben leaves the tablet and takes his characters with him; Ann's stay.
    await signOut(tablet, 'remove')
    expect(await galleryNames(tablet)).toEqual(['Ann Private'])

    // Another guest character; Ann signs back in and keeps it off her account.
    await makeCharacter(tablet, 'Kid Kai', [])
    await signIn(tablet, ann, PASSWORD)
    await prompt.getByRole('button', { name: 'Keep on this device only' }).click()
    await prompt.waitFor({ state: 'detached' })
    await syncNow(tablet)
    expect((await galleryNames(tablet)).sort()).toEqual(['Ann Private', 'Kid Kai'])
    // Not asked again for the same character.
    await tablet.reload()
    await openGallery(tablet)
    expect(await prompt.count()).toBe(0)

    await signOut(phone, 'remove')
    expect(await galleryNames(phone)).toEqual([])
    await signIn(phone, ann, PASSWORD)
    expect(await galleryNames(phone)).toEqual(['Ann Private'])
  })
})
