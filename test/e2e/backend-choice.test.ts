/**
 * @file The inference backend in settings, in real headless Chromium against wrangler dev: without WebGPU (the
 * default Linux headless browser: navigator.gpu but no adapter) the app says WASM and why; with WebGPU on
 * (--enable-unsafe-webgpu, SwiftShader) it says WebGPU and names the adapter; the player's switch is kept across a
 * reload, and forcing WASM on a WebGPU browser is honoured. Then "From a photo" on a real photo runs on the chosen
 * backend: WebGPU with its runtime downloaded from the Worker's R2 route, WASM after the switch (the installed
 * models reused, not downloaded again), and WASM with the reason shown when the WebGPU runtime cannot be reached
 * or when WebGPU fails during a refinement (which then completes on WASM).
 */
import { describe, expect, inject, it } from 'vitest'
import type { Page, Response } from 'playwright-core'
import { newContext, phoneContext, WEBGPU_FLAGS } from '../src/harness/index.ts'
import { openGallery, waitForServiceWorker } from './app.ts'
import { useChromium } from './use-app.ts'
import { haveLondon, londonPhoto } from './photos.ts'

/** Model downloads, the WebGPU runtime (27 MB) and SwiftShader's shader compiles are slow on 2 loaded cores. */
const SLOW_MS = 300_000

/** "From a photo" on London 001 until the character shows. */
async function createFromPhoto(page: Page): Promise<void> {
  await openGallery(page)
  await page.getByRole('button', { name: /From a photo/ }).click()
  await page.getByTestId('photo-file').setInputFiles(londonPhoto(1))
  try {
    await page.getByTestId('photo-result').waitFor({ timeout: 240_000 })
  } catch (error) {
    // What the screen said instead, for the failure report.
    console.error('photo screen:', (await page.locator('main').innerText()).replace(/\s+/g, ' '))
    throw error
  }
}

/** Responses whose path contains `part`, collected from now on (the page and its Workers). */
function watch(page: Page, part: string): Response[] {
  const seen: Response[] = []
  page.context().on('response', (r) => {
    if (new URL(r.url()).pathname.includes(part)) seen.push(r)
  })
  return seen
}

async function openSettings(page: Page): Promise<void> {
  await page.goto('/account')
  await page.getByRole('heading', { name: 'Face models run on' }).waitFor()
  await expect.poll(() => page.getByTestId('backend-status').innerText()).not.toMatch(/Checking/)
}

const status = (page: Page) => page.getByTestId('backend-status').innerText()
const checked = (page: Page, name: string) =>
  page.getByRole('radio', { name, exact: true }).getAttribute('aria-checked')

describe('backend in settings', () => {
  const plain = useChromium()
  const webgpu = useChromium(WEBGPU_FLAGS)

  it('without a WebGPU adapter: WASM, saying why, even when WebGPU is chosen; the choice is kept', async () => {
    const context = await phoneContext(plain.chromium.browser, inject('origin'))
    try {
      const page = await context.newPage()
      await openSettings(page)
      expect(await status(page)).toBe('WASM (CPU): this browser offers no WebGPU adapter here.')
      expect(await checked(page, 'Automatic')).toBe('true')
      await page.getByRole('radio', { name: 'WebGPU', exact: true }).click()
      await expect.poll(() => checked(page, 'WebGPU')).toBe('true')
      expect(await status(page)).toMatch(/^WASM \(CPU\): this browser offers no WebGPU adapter/)
      await page.reload()
      await openSettings(page)
      expect(await checked(page, 'WebGPU')).toBe('true')
      expect(await checked(page, 'Automatic')).toBe('false')
    } finally {
      await context.close()
    }
  })

  it('with a WebGPU adapter: WebGPU naming it; forcing WASM is honoured and kept', async () => {
    const context = await phoneContext(webgpu.chromium.browser, inject('origin'))
    try {
      const page = await context.newPage()
      await openSettings(page)
      expect(await status(page)).toBe('WebGPU (google swiftshader): the GPU runs them.')
      await page.getByRole('radio', { name: 'WASM', exact: true }).click()
      await expect.poll(() => status(page)).toBe('WASM (CPU): you chose WASM.')
      await page.reload()
      await openSettings(page)
      expect(await checked(page, 'WASM')).toBe('true')
      expect(await status(page)).toBe('WASM (CPU): you chose WASM.')
      await page.getByRole('radio', { name: 'Automatic', exact: true }).click()
      await expect.poll(() => status(page)).toMatch(/^WebGPU \(google swiftshader\)/)
    } finally {
      await context.close()
    }
  })

  it.skipIf(!haveLondon)(
    'creates on WebGPU with the runtime from R2, then on WASM after the switch, reusing the installed models',
    async () => {
      const context = await phoneContext(webgpu.chromium.browser, inject('origin'))
      try {
        const page = await context.newPage()
        const runtime = watch(page, '/ort/')
        await createFromPhoto(page)
        await openSettings(page)
        expect(await page.getByTestId('backend-used').innerText()).toBe(
          'Last run on WebGPU (google swiftshader).'
        )
        const wasm = runtime.find((r) => r.url().endsWith('.asyncify.wasm'))
        expect(wasm?.status()).toBe(200)
        expect(wasm?.headers()['content-type']).toBe('application/wasm')
        // Switch to WASM: the next create runs there, from the models already on the device.
        await page.getByRole('radio', { name: 'WASM', exact: true }).click()
        await expect.poll(() => checked(page, 'WASM')).toBe('true')
        const models = watch(page, '/models/')
        await createFromPhoto(page)
        await openSettings(page)
        expect(await page.getByTestId('backend-used').innerText()).toBe('Last run on WASM (CPU).')
        expect(models.filter((r) => r.url().endsWith('.onnx')).map((r) => r.url())).toEqual([])
      } finally {
        await context.close()
      }
    },
    SLOW_MS
  )

  it.skipIf(!haveLondon)(
    'falls back to WASM, and says why, when the WebGPU runtime cannot be downloaded',
    async () => {
      // No service worker, so the route sees the Worker's requests too.
      const context = await newContext(webgpu.chromium.browser, {
        viewport: { width: 360, height: 640 },
        baseURL: inject('origin'),
        serviceWorkers: 'block',
      })
      try {
        await context.route('**/ort/**', (route) => route.abort('internetdisconnected'))
        const page = await context.newPage()
        await createFromPhoto(page)
        await openSettings(page)
        expect(await status(page)).toMatch(/^WebGPU \(google swiftshader\)/)
        expect(await page.getByTestId('backend-used').innerText()).toMatch(
          /^Last time WASM ran instead: WebGPU could not start \(.+\)\.$/
        )
      } finally {
        await context.close()
      }
    },
    SLOW_MS
  )

  it.skipIf(!haveLondon)(
    'refines on WASM, and says so in settings, when WebGPU fails during refinement',
    async () => {
      const context = await phoneContext(webgpu.chromium.browser, inject('origin'))
      try {
        const page = await context.newPage()
        await createFromPhoto(page)
        await page.getByRole('button', { name: 'Edit' }).click()
        await page.getByTestId('photo-bar').waitFor()
        // The GPU stops working in the inference Worker, as when a phone loses its GPU process or runs out of GPU
        // memory: every new buffer or pipeline fails from now on (onnxruntime then reports its own follow-on error,
        // so the reason is not matched word for word). Everything the player sees stays real.
        const inference = page.workers().find((w) => w.url().includes('inference'))
        expect(inference, 'the inference Worker').toBeTruthy()
        await inference!.evaluate(() => {
          const gpu = (globalThis as { GPUDevice?: { prototype: Record<string, unknown> } })
            .GPUDevice!.prototype
          for (const name of [
            'createBuffer',
            'createComputePipeline',
            'createComputePipelineAsync',
          ])
            gpu[name] = () => {
              throw new Error('GPU device lost (test)')
            }
        })
        await page.getByRole('button', { name: 'Make it more like me' }).click()
        await page.getByRole('button', { name: /^Download refine models/ }).click()
        await page.getByText('More like you now: Undo goes back').waitFor({ timeout: 240_000 })
        expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(false)
        await openSettings(page)
        expect(await page.getByTestId('backend-used').innerText()).toMatch(
          /^Last time WASM ran instead: WebGPU could not run the refine model \(.+\)\.$/
        )
      } finally {
        await context.close()
      }
    },
    SLOW_MS
  )

  it.skipIf(!haveLondon)(
    'keeps the WebGPU runtime once fetched: offline after a reload, it still creates on WebGPU',
    async () => {
      const context = await phoneContext(webgpu.chromium.browser, inject('origin'))
      try {
        const page = await context.newPage()
        await openGallery(page)
        await waitForServiceWorker(page)
        // Controlled from here on, so the service worker sees the Worker's /ort/ requests.
        await page.reload()
        expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true)
        await createFromPhoto(page)
        await context.setOffline(true)
        await page.reload()
        await createFromPhoto(page)
        await openSettings(page)
        expect(await page.getByTestId('backend-used').innerText()).toBe(
          'Last run on WebGPU (google swiftshader).'
        )
      } finally {
        await context.close()
      }
    },
    SLOW_MS
  )
})
