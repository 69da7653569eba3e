/**
 * @file "From a photo" inputs in real Chromium: a selfie through the camera (Chromium's fake camera playing a
 * .y4m made at test time from a London photo) with live hints, shutter and retake; and every bad input (not an
 * image, empty, huge, no face, profile, tiny face, camera denied, no camera) gets a clear message and loses nothing.
 */
import { rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { encodePng } from '@facecraft/shared/image'
import { launchChromium, newContext, PHONE, type Launched } from '../src/harness/index.ts'
import { galleryNames, makeCharacter } from './app.ts'
import { useApp } from './use-app.ts'
import {
  decoded,
  fakeCameraVideo,
  haveLondon,
  londonPhoto,
  profilePhoto,
  tinyFace,
} from './photos.ts'

const SLOW_MS = 240_000

/** Waits for the photo screen's error and returns it; the screen still offers both ways in. */
async function errorAfter(
  page: Page,
  file: string | { name: string; mimeType: string; buffer: Buffer }
): Promise<string> {
  await page.getByTestId('photo-file').setInputFiles(file)
  const error = page.getByTestId('photo-error')
  await error.waitFor({ timeout: 120_000 })
  await page.getByRole('button', { name: 'Take a selfie' }).waitFor()
  return (await error.innerText()).trim()
}

describe.skipIf(!haveLondon)('photo inputs', () => {
  const app = useApp()

  describe('bad files', () => {
    it(
      'says what is wrong with each bad file and keeps the gallery',
      async () => {
        await makeCharacter(app.page, 'Kept Kim', [])
        await app.page.goto('/photo')
        const png = (w: number, h: number, v: number) =>
          Buffer.from(
            encodePng({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4).fill(v) })
          )
        // Over playwright's 50 MB in-memory limit: a file on disk.
        const huge = join(tmpdir(), `facecraft-huge-${process.pid}.jpg`)
        writeFileSync(huge, Buffer.alloc(61e6, 1))
        const cases: Array<
          [string, string | { name: string; mimeType: string; buffer: Buffer }, RegExp]
        > = [
          [
            'not an image',
            {
              name: 'notes.txt',
              mimeType: 'text/plain',
              buffer: Buffer.from('hello, not a photo'),
            },
            /not a photo this browser can open/,
          ],
          [
            'empty',
            { name: 'empty.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) },
            /The file is empty/,
          ],
          ['huge', huge, /too large for a photo/],
          [
            'no face',
            { name: 'wall.png', mimeType: 'image/png', buffer: png(400, 300, 128) },
            /No face found/,
          ],
          [
            'profile',
            { name: 'profile.png', mimeType: 'image/png', buffer: profilePhoto() },
            /turned \d+° to the (left|right).*frontal photo/,
          ],
          [
            'tiny face',
            {
              name: 'far.png',
              mimeType: 'image/png',
              buffer: tinyFace(decoded(londonPhoto(6)), 60, 900),
            },
            /too small|No face found/,
          ],
        ]
        try {
          for (const [what, file, message] of cases) {
            const said = await errorAfter(app.page, file)
            expect(said, what).toMatch(message)
          }
        } finally {
          rmSync(huge, { force: true })
        }
        expect(await galleryNames(app.page)).toEqual(['Kept Kim'])
      },
      SLOW_MS
    )
  })

  describe('camera', () => {
    let camera: Launched
    beforeAll(async () => {
      // A fake camera playing a London photo; whether the page may use it is each context's permission.
      const video = fakeCameraVideo(decoded(londonPhoto(7)))
      camera = await launchChromium([
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ])
    })
    afterAll(() => camera?.close())

    it(
      'takes a selfie from the camera with live hints, retake, then makes the character',
      async () => {
        {
          const context = await newContext(camera.browser, {
            ...PHONE,
            baseURL: inject('origin'),
            permissions: ['camera'],
          })
          const page = await context.newPage()
          await page.goto('/photo')
          await page.getByRole('button', { name: 'Take a selfie' }).click()
          const hint = page.getByTestId('camera-hint')
          await expect.poll(() => hint.getAttribute('data-code'), { timeout: 180_000 }).toBe('ok')
          expect(await hint.innerText()).toMatch(/take the picture/i)
          await page.getByRole('button', { name: 'Take the picture' }).click()
          await page.getByRole('button', { name: 'Retake' }).click()
          await page.getByRole('button', { name: 'Take the picture' }).click()
          await page.getByRole('button', { name: 'Use this photo' }).click()
          await page.getByTestId('photo-result').waitFor({ timeout: 120_000 })
          await context.close()
        }
      },
      SLOW_MS
    )

    it(
      'explains a denied camera and a missing one, and offers the photo instead',
      async () => {
        // A camera but no permission: denied. No camera at all (the plain browser): none is found.
        for (const [browser, message] of [
          [camera, /Camera access was denied/],
          [app.chromium, /No camera was found/],
        ] as const) {
          const context = await newContext(browser.browser, { ...PHONE, baseURL: inject('origin') })
          try {
            const page = await context.newPage()
            await page.goto('/photo')
            await page.getByRole('button', { name: 'Take a selfie' }).click()
            await expect
              .poll(() => page.getByTestId('photo-error').innerText(), { timeout: 180_000 })
              .toMatch(message)
            await page.getByTestId('photo-file').waitFor({ state: 'attached' })
          } finally {
            await context.close()
          }
        }
      },
      SLOW_MS
    )
  })
})
