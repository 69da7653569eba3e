/** @file Make and edit a character, save it, then reload with no network and find everything. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { createCharacterV2, encodeShareCodeV2 } from '@facecraft/shared/rig-v2'
import { launchChromium, phoneContext, type Launched } from '../src/harness/index.ts'
import {
  framesDrawn,
  galleryNames,
  getParam,
  makeCharacter,
  openGallery,
  setParam,
  waitForFrame,
  waitForServiceWorker,
  save,
} from './app.ts'

describe('editor, gallery and offline', () => {
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

  it('makes, edits, undoes and saves a character', async () => {
    const id = await makeCharacter(page, 'Ada', [
      ['Nose', 'face.nose-scale-horiz.decr-incr', 0.9],
      ['Hair', 'hair.color', 0.05],
    ])
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    // An edit redraws the preview.
    const before = await framesDrawn(page)
    await setParam(page, 'Head', 'face.head-scale-horiz.decr-incr', 0.2)
    await waitForFrame(page, before)
    // Undo takes back exactly that edit; the saved value is still there.
    await page.getByRole('button', { name: 'Undo' }).click()
    expect(await getParam(page, 'Head', 'face.head-scale-horiz.decr-incr')).toBeCloseTo(0.5, 2)
    expect(await getParam(page, 'Nose', 'face.nose-scale-horiz.decr-incr')).toBeCloseTo(0.9, 2)
    await page.getByRole('button', { name: 'Redo' }).click()
    expect(await getParam(page, 'Head', 'face.head-scale-horiz.decr-incr')).toBeCloseTo(0.2, 2)
    // A discrete pick with an engine-rendered thumbnail.
    await page.getByRole('tab', { name: 'Hair', exact: true }).click()
    const bob = page.locator('[data-option="hair.style:bob"]')
    await bob.locator('img').waitFor()
    await bob.click()
    expect(await bob.getAttribute('aria-checked')).toBe('true')
    await save(page)
    expect(await galleryNames(page)).toEqual(['Ada'])
  })

  it('names every control, works by keyboard, and asks before dropping unsaved edits', async () => {
    for (const path of ['/', '/new', '/account']) {
      await page.goto(path)
      await page.waitForLoadState('networkidle')
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('button, input, [role=tab], a[href]')]
          .filter((el) => {
            const labelled = el instanceof HTMLInputElement && (el.labels?.length ?? 0) > 0
            const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim()
            return !labelled && !text && !el.getAttribute('aria-labelledby')
          })
          .map((el) => el.outerHTML.slice(0, 80))
      )
      expect(unnamed, path).toEqual([])
    }
    // Tabs move with the arrow keys; Ctrl+Z undoes.
    await page.goto('/new')
    await page.getByRole('tab', { name: 'Who', exact: true }).focus()
    await page.keyboard.press('ArrowRight')
    expect(await page.getByRole('tab', { selected: true }).innerText()).toBe('Head')
    await setParam(page, 'Forehead', 'face.forehead-scale-vert.decr-incr', 0.9)
    await page.getByRole('tab', { name: 'Forehead', exact: true }).focus()
    await page.keyboard.press('Control+z')
    expect(await getParam(page, 'Forehead', 'face.forehead-scale-vert.decr-incr')).toBeCloseTo(
      0.5,
      2
    )
    await page.keyboard.press('Control+Shift+z')
    expect(await getParam(page, 'Forehead', 'face.forehead-scale-vert.decr-incr')).toBeCloseTo(
      0.9,
      2
    )
    // Leaving with unsaved edits asks; "Cancel" stays, "OK" leaves.
    const answers = [false, true]
    page.on('dialog', (dialog) => void (answers.shift() ? dialog.accept() : dialog.dismiss()))
    await page.getByRole('link', { name: 'facecraft' }).click()
    expect(new URL(page.url()).pathname).toBe('/new')
    await page.getByRole('link', { name: 'facecraft' }).click()
    await page.getByRole('heading', { name: 'Your characters' }).waitFor()
    page.removeAllListeners('dialog')
  })

  it('keeps unsaved edits across a reload (a phone killing the tab) until saved or discarded', async () => {
    await page.goto('/new')
    await waitForFrame(page, 0)
    await setParam(page, 'Ears', 'face.r-ear-scale.decr-incr', 0.85)
    await page.getByLabel('Character name').fill('Draft Dora')
    await page.waitForTimeout(800) // the draft is written 400 ms after the last edit
    await page.reload()
    await page.getByText('Restored your unsaved changes').waitFor()
    expect(await page.getByLabel('Character name').inputValue()).toBe('Draft Dora')
    expect(await getParam(page, 'Ears', 'face.r-ear-scale.decr-incr')).toBeCloseTo(0.85, 2)
    await save(page)
    // Saved: nothing is restored any more, and a new character starts clean.
    await page.goto('/new')
    await waitForFrame(page, 0)
    expect(await page.getByLabel('Character name').inputValue()).toBe('')
    expect(await galleryNames(page)).toContain('Draft Dora')
  })

  it('is installable: a linked manifest with standalone display, theme colour and 192/512 px icons', async () => {
    await openGallery(page)
    const href = await page.locator('link[rel=manifest]').getAttribute('href')
    expect(await page.locator('meta[name=theme-color]').getAttribute('content')).toMatch(/^#/)
    const manifest = await (await page.request.get(href!)).json()
    expect(manifest).toMatchObject({
      display: 'standalone',
      start_url: '/',
      theme_color: expect.any(String),
    })
    for (const size of ['192x192', '512x512']) {
      const icon = manifest.icons.find((i: { sizes: string }) => i.sizes === size)
      const response = await page.request.get(icon.src)
      expect(response.headers()['content-type'], icon.src).toBe('image/png')
    }
  })

  it('fits a 360 px screen: nothing sticks out sideways', async () => {
    // The body clips sideways overflow (so the page never scrolls sideways); check that nothing is clipped either,
    // except inside the deliberately scrollable group tab strip.
    const shared = `/s#c=${encodeShareCodeV2(createCharacterV2(), 'Fits')}`
    for (const path of ['/', '/new', '/account', shared, '/s#c=fc1.damaged']) {
      await page.goto(path)
      await page.waitForLoadState('networkidle')
      const offenders = await page.evaluate(() =>
        [...document.body.querySelectorAll<HTMLElement>('*')]
          .filter((el) => {
            const r = el.getBoundingClientRect()
            if (r.width === 0 || r.right <= innerWidth + 1) return false
            for (let p = el.parentElement; p; p = p.parentElement) {
              if (/(auto|scroll)/.test(getComputedStyle(p).overflowX)) return false
            }
            return true
          })
          .map(
            (el) =>
              `${el.tagName}.${el.className} right=${Math.round(el.getBoundingClientRect().right)}`
          )
      )
      expect(offenders, path).toEqual([])
    }
  })

  it('reloads offline and finds everything', async () => {
    await openGallery(page)
    await waitForServiceWorker(page)
    await context.setOffline(true)
    try {
      await page.reload()
      expect(await galleryNames(page)).toEqual(['Draft Dora', 'Ada'])
      await page.getByRole('link', { name: /Ada/ }).click()
      await waitForFrame(page, 0)
      expect(await getParam(page, 'Nose', 'face.nose-scale-horiz.decr-incr')).toBeCloseTo(0.9, 2)
      await page.getByRole('tab', { name: 'Hair', exact: true }).click()
      expect(
        await page.locator('[data-option="hair.style:bob"]').getAttribute('aria-checked')
      ).toBe('true')
      // Editing and saving work offline too.
      await setParam(page, 'Chin', 'face.chin-width.decr-incr', 0.7)
      await save(page)
      expect(await page.getByTestId('sync-state').getAttribute('data-state')).not.toBe('error')
    } finally {
      await context.setOffline(false)
    }
  })
})
