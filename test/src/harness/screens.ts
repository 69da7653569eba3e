/**
 * @module test/harness/screens — walks every screen of the app as a player reaches it (first-run gallery, photo
 * screen, editor groups, turntable, share sheet, saved gallery, account, shared link, broken link) and runs axe on
 * each. Shared by the e2e suite (which wants none) and `facecraft bench pwa` (a11y_violations). Playwright only:
 * no test-runner imports, so the bench can use it.
 */
import type { Page } from 'playwright-core'
import { seriousViolations, type A11yViolation } from './a11y.ts'

/** What axe found on one screen. */
export interface ScreenAudit {
  screen: string
  violations: A11yViolation[]
}

/** True in the page once the editor preview drew a frame (a string: this package has no DOM types). */
// Waits are selectors, not waitForFunction predicates: Playwright evaluates string predicates with eval, which
// the app's CSP (no 'unsafe-eval') refuses, and this file is also compiled without DOM types (the bench uses it).
const FRAME_DRAWN = '[data-testid=preview][data-frames]:not([data-frames="0"])'

/**
 * Audits every screen, starting from a fresh context's page (an empty gallery). `sharedLink` is a `/s#c=…` path
 * of a valid share code. Leaves one saved character ('Axe') behind.
 */
export async function auditScreens(page: Page, sharedLink: string): Promise<ScreenAudit[]> {
  const out: ScreenAudit[] = []
  const check = async (screen: string) => {
    await page.waitForTimeout(300) // thumbnails and frames land
    out.push({ screen, violations: await seriousViolations(page) })
  }
  const close = (name: string) =>
    page.getByRole('dialog', { name }).getByRole('button', { name: 'Close' }).click()

  await page.goto('/')
  await page.getByRole('heading', { name: 'Your characters' }).waitFor()
  await check('first-run gallery')
  await page.getByRole('button', { name: /From a photo/ }).click()
  await page.getByRole('heading', { name: 'From a photo' }).waitFor()
  await check('photo screen')
  await page.goto('/new')
  await page.locator(FRAME_DRAWN).waitFor()
  for (const group of ['Who', 'Head', 'Expression', 'Skin', 'Hair', 'Glasses']) {
    await page.getByRole('tab', { name: group, exact: true }).click()
    await check(`editor: ${group}`)
  }
  await page.getByRole('button', { name: 'Full screen' }).click()
  await check('turntable')
  await close('Turntable')
  await page.getByLabel('Character name').fill('Axe')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await page.getByRole('button', { name: 'Saved', exact: true }).waitFor()
  await page.getByRole('button', { name: 'Share', exact: true }).click()
  await page.getByRole('dialog').waitFor()
  await check('share sheet')
  await page.keyboard.press('Escape')
  await page.goto('/')
  await page.getByRole('link', { name: /Axe/ }).waitFor()
  await check('gallery')
  await page.goto('/account')
  await page.getByRole('form').waitFor()
  await check('account')
  await page.goto(sharedLink)
  await page.getByRole('button', { name: 'Save to my gallery' }).waitFor()
  await page.locator('main img').first().waitFor()
  await check('shared link')
  await page.goto('/s#c=fc1.damaged')
  await page.getByRole('alert').waitFor()
  await check('broken link')
  return out
}
