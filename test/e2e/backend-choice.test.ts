/**
 * @file The inference backend in settings, in real headless Chromium against wrangler dev: without WebGPU (the
 * default Linux headless browser: navigator.gpu but no adapter) the app says WASM and why; with WebGPU on
 * (--enable-unsafe-webgpu, SwiftShader) it says WebGPU and names the adapter; the player's switch is kept across a
 * reload, and forcing WASM on a WebGPU browser is honoured.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchChromium, phoneContext, WEBGPU_FLAGS, type Launched } from '../src/harness/index.ts'

async function openSettings(page: Page): Promise<void> {
  await page.goto('/account')
  await page.getByRole('heading', { name: 'Face models run on' }).waitFor()
  await expect.poll(() => page.getByTestId('backend-status').innerText()).not.toMatch(/Checking/)
}

const status = (page: Page) => page.getByTestId('backend-status').innerText()
const checked = (page: Page, name: string) =>
  page.getByRole('radio', { name, exact: true }).getAttribute('aria-checked')

describe('backend in settings', () => {
  let plain: Launched
  let webgpu: Launched

  beforeAll(async () => {
    ;[plain, webgpu] = await Promise.all([launchChromium(), launchChromium(WEBGPU_FLAGS)])
  })
  afterAll(async () => {
    await plain?.close()
    await webgpu?.close()
  })

  it('without a WebGPU adapter: WASM, saying why, even when WebGPU is chosen; the choice is kept', async () => {
    const context = await phoneContext(plain.browser, inject('origin'))
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
    const context = await phoneContext(webgpu.browser, inject('origin'))
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
})
