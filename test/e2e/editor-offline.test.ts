/** @file Make and edit a character, save it, then reload with no network and find everything. */
import { describe, expect, it } from 'vitest'
import { createCharacterV2, encodeShareCodeV2 } from '@facecraft/shared/rig-v2'
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
import { useApp } from './use-app.ts'

describe('editor, gallery and offline', () => {
  const app = useApp()

  it('makes, edits, undoes and saves a character', async () => {
    const id = await makeCharacter(app.page, 'Ada', [
      ['Nose', 'face.nose-scale-horiz.decr-incr', 0.9],
      ['Hair', 'hair.color', 0.05],
    ])
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    // An edit redraws the preview.
    const before = await framesDrawn(app.page)
    await setParam(app.page, 'Head', 'face.head-scale-horiz.decr-incr', 0.2)
    await waitForFrame(app.page, before)
    // Undo takes back exactly that edit; the saved value is still there.
    await app.page.getByRole('button', { name: 'Undo' }).click()
    expect(await getParam(app.page, 'Head', 'face.head-scale-horiz.decr-incr')).toBeCloseTo(0.5, 2)
    expect(await getParam(app.page, 'Nose', 'face.nose-scale-horiz.decr-incr')).toBeCloseTo(0.9, 2)
    await app.page.getByRole('button', { name: 'Redo' }).click()
    expect(await getParam(app.page, 'Head', 'face.head-scale-horiz.decr-incr')).toBeCloseTo(0.2, 2)
    // A discrete pick with an engine-rendered thumbnail.
    await app.page.getByRole('tab', { name: 'Hair', exact: true }).click()
    const bob = app.page.locator('[data-option="hair.style:bob"]')
    await bob.locator('img').waitFor()
    await bob.click()
    expect(await bob.getAttribute('aria-checked')).toBe('true')
    await save(app.page)
    expect(await galleryNames(app.page)).toEqual(['Ada'])
  })

  it('names every control, works by keyboard, and asks before dropping unsaved edits', async () => {
    for (const path of ['/', '/new', '/account']) {
      await app.page.goto(path)
      await app.page.waitForLoadState('networkidle')
      const unnamed = await app.page.evaluate(() =>
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
    await app.page.goto('/new')
    await app.page.getByRole('tab', { name: 'Who', exact: true }).focus()
    await app.page.keyboard.press('ArrowRight')
    expect(await app.page.getByRole('tab', { selected: true }).innerText()).toBe('Head')
    await setParam(app.page, 'Forehead', 'face.forehead-scale-vert.decr-incr', 0.9)
    await app.page.getByRole('tab', { name: 'Forehead', exact: true }).focus()
    await app.page.keyboard.press('Control+z')
    expect(await getParam(app.page, 'Forehead', 'face.forehead-scale-vert.decr-incr')).toBeCloseTo(
      0.5,
      2
    )
    await app.page.keyboard.press('Control+Shift+z')
    expect(await getParam(app.page, 'Forehead', 'face.forehead-scale-vert.decr-incr')).toBeCloseTo(
      0.9,
      2
    )
    // Leaving with unsaved edits asks; "Cancel" stays, "OK" leaves.
    const answers = [false, true]
    app.page.on('dialog', (dialog) => void (answers.shift() ? dialog.accept() : dialog.dismiss()))
    await app.page.getByRole('link', { name: 'facecraft' }).click()
    expect(new URL(app.page.url()).pathname).toBe('/new')
    await app.page.getByRole('link', { name: 'facecraft' }).click()
    await app.page.getByRole('heading', { name: 'Your characters' }).waitFor()
    app.page.removeAllListeners('dialog')
  })

  it('keeps unsaved edits across a reload (a phone killing the tab) until saved or discarded', async () => {
    await app.page.goto('/new')
    await waitForFrame(app.page, 0)
    await setParam(app.page, 'Ears', 'face.r-ear-scale.decr-incr', 0.85)
    await app.page.getByLabel('Character name').fill('Draft Dora')
    await app.page.waitForTimeout(800) // the draft is written 400 ms after the last edit
    await app.page.reload()
    await app.page.getByText('Restored your unsaved changes').waitFor()
    expect(await app.page.getByLabel('Character name').inputValue()).toBe('Draft Dora')
    expect(await getParam(app.page, 'Ears', 'face.r-ear-scale.decr-incr')).toBeCloseTo(0.85, 2)
    await save(app.page)
    // Saved: nothing is restored any more, and a new character starts clean.
    await app.page.goto('/new')
    await waitForFrame(app.page, 0)
    expect(await app.page.getByLabel('Character name').inputValue()).toBe('')
    expect(await galleryNames(app.page)).toContain('Draft Dora')
  })

  it('is installable: a linked manifest with standalone display, theme colour and 192/512 px icons', async () => {
    await openGallery(app.page)
    const href = await app.page.locator('link[rel=manifest]').getAttribute('href')
    expect(await app.page.locator('meta[name=theme-color]').getAttribute('content')).toMatch(/^#/)
    const manifest = await (await app.page.request.get(href!)).json()
    expect(manifest).toMatchObject({
      display: 'standalone',
      start_url: '/',
      theme_color: expect.any(String),
    })
    for (const size of ['192x192', '512x512']) {
      const icon = manifest.icons.find((i: { sizes: string }) => i.sizes === size)
      const response = await app.page.request.get(icon.src)
      expect(response.headers()['content-type'], icon.src).toBe('image/png')
    }
  })

  it('fits a 360 px screen: nothing sticks out sideways', async () => {
    // The body clips sideways overflow (so the page never scrolls sideways); check that nothing is clipped either,
    // except inside the deliberately scrollable group tab strip.
    const shared = `/s#c=${encodeShareCodeV2(createCharacterV2(), 'Fits')}`
    for (const path of ['/', '/new', '/account', shared, '/s#c=fc1.damaged']) {
      await app.page.goto(path)
      await app.page.waitForLoadState('networkidle')
      const offenders = await app.page.evaluate(() =>
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
    await openGallery(app.page)
    await waitForServiceWorker(app.page)
    await app.context.setOffline(true)
    try {
      await app.page.reload()
      expect(await galleryNames(app.page)).toEqual(['Draft Dora', 'Ada'])
      await app.page.getByRole('link', { name: /Ada/ }).click()
      await waitForFrame(app.page, 0)
      expect(await getParam(app.page, 'Nose', 'face.nose-scale-horiz.decr-incr')).toBeCloseTo(
        0.9,
        2
      )
      await app.page.getByRole('tab', { name: 'Hair', exact: true }).click()
      expect(
        await app.page.locator('[data-option="hair.style:bob"]').getAttribute('aria-checked')
      ).toBe('true')
      // Editing and saving work offline too.
      await setParam(app.page, 'Chin', 'face.chin-width.decr-incr', 0.7)
      await save(app.page)
      expect(await app.page.getByTestId('sync-state').getAttribute('data-state')).not.toBe('error')
    } finally {
      await app.context.setOffline(false)
    }
  })
})
