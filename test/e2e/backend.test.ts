/**
 * @file WebGPU and WASM give the same character: the real detector, mesh, embedder and translator
 * (shared's CharacterCreator through the one onnxruntime module) on real photos of the London set, in headless
 * Chromium with WebGPU on (--enable-unsafe-webgpu: Dawn's SwiftShader software adapter), the WebGPU runtime
 * downloaded from the Worker's R2 route as the app does. The page is a small Vite build of
 * test/e2e/backend-parity with the PWA's own onnxruntime aliases, served on the Worker's origin.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { build } from 'vite'
import pwaConfig from '../../pwa/vite.config.ts'
import {
  launchChromium,
  newContext,
  REPO_ROOT,
  WEBGPU_FLAGS,
  type Launched,
} from '../src/harness/index.ts'
import type { ParityRun } from './backend-parity/entry.ts'
import { haveLondon, LONDON } from './photos.ts'

const PHOTOS = ['001.jpg', '017.jpg']
const SLOW_MS = 240_000
/**
 * The first run on each backend loads every model, and on WebGPU compiles every kernel in SwiftShader: minutes on a
 * loaded two-core machine (a fresh-clone CI's first photo ran past SLOW_MS while its own run took 7 s). It is done
 * once before the tests, with this budget, so that each test times one photo's work.
 */
const WARM_MS = 600_000

/**
 * Tolerances, from float32 GPU vs CPU kernels (different summation order, fused ops): measured on these photos
 * with SwiftShader (2026-11-30): landmarks 1.5e-4 px, box 2e-5 px, x 2e-5, probabilities 2.5e-5, printed by the
 * test; 0.5 px is the Node/Chromium landmark bar. Landmarks in photo pixels (the
 * photos are 512 px high); x and style probabilities are the translator's outputs in [0, 1].
 */
// hair: the mask's 0.5/0.9 thresholds can flip a few edge pixels between backends (a 256-px crop's band holds
// ~800 pixels): 4 sRGB levels and 0.02 of a band
const TOL = {
  boxPx: 0.5,
  landmarkPx: 0.5,
  score: 1e-3,
  x: 1e-3,
  probability: 1e-3,
  hairLevels: 4,
  hairShare: 0.02,
}

const maxAbsDiff = (a: readonly number[], b: readonly number[]) =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0)

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.jpg': 'image/jpeg',
}

describe.skipIf(!haveLondon)('WebGPU matches WASM on real photos', () => {
  let out = ''
  let chromium: Launched
  let page: Page

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'facecraft-parity-'))
    await build({
      configFile: false,
      logLevel: 'warn',
      root: join(REPO_ROOT, 'test/e2e/backend-parity'),
      base: '/__parity/',
      resolve: pwaConfig.resolve,
      build: { outDir: out, emptyOutDir: true, target: 'es2022' },
    })
    chromium = await launchChromium(WEBGPU_FLAGS)
    const context = await newContext(chromium.browser, { baseURL: inject('origin') })
    // The page and the photos on the Worker's origin; /models/ and /ort/ go to the real Worker (R2).
    await context.route('**/__parity/**', async (route) => {
      const path = new URL(route.request().url()).pathname.replace('/__parity/', '')
      const file = path.startsWith('photo/') ? join(LONDON, path.slice(6)) : join(out, path)
      if (!existsSync(file)) return route.fulfill({ status: 404, body: 'missing' })
      await route.fulfill({
        body: readFileSync(file),
        headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' },
      })
    })
    page = await context.newPage()
    page.on('console', (m) => m.type() === 'error' && console.error('page:', m.text()))
    await page.goto('/__parity/index.html')
    await page.waitForFunction(() => 'runParity' in globalThis)
    await runOn('wasm', PHOTOS[0]!)
    await runOn('webgpu', PHOTOS[0]!)
  }, WARM_MS)

  afterAll(async () => {
    await chromium?.close()
    if (out) rmSync(out, { recursive: true, force: true })
  })

  const runOn = (device: 'wasm' | 'webgpu', photo: string) =>
    page.evaluate(
      ([d, url]) =>
        (
          globalThis as unknown as {
            runParity(device: string, url: string): Promise<ParityRun>
          }
        ).runParity(d, url),
      [device, `/__parity/photo/${photo}`] as const
    )

  it.each(PHOTOS)(
    '%s: same face, landmarks and translator outputs within tolerance',
    async (photo) => {
      const wasm = await runOn('wasm', photo)
      const gpu = await runOn('webgpu', photo)
      expect(wasm.device).toBe('wasm')
      // It really ran on WebGPU: the session's device, and the adapter the WebGPU build started on.
      expect(gpu.device).toBe('webgpu')
      expect(gpu.adapter).toMatch(/swiftshader/i)
      const diff = {
        box: Math.max(
          ...(['x', 'y', 'width', 'height'] as const).map((k) => Math.abs(wasm.box[k] - gpu.box[k]))
        ),
        score: Math.abs(wasm.score - gpu.score),
        landmarks: maxAbsDiff(wasm.ibug68, gpu.ibug68),
        x: maxAbsDiff(wasm.x, gpu.x),
        probability: maxAbsDiff(wasm.styleProbabilities, gpu.styleProbabilities),
        // the hair read through the person segmenter: colour levels and band shares
        hairColor: maxAbsDiff(wasm.hair?.color ?? [], gpu.hair?.color ?? []),
        hairShare: maxAbsDiff(
          [wasm.hair?.cheek ?? 0, wasm.hair?.low ?? 0],
          [gpu.hair?.cheek ?? 0, gpu.hair?.low ?? 0]
        ),
      }
      console.log(
        `${photo}: wasm ${wasm.createMs.toFixed(0)} ms, webgpu (${gpu.adapter}) ${gpu.createMs.toFixed(0)} ms; max diffs`,
        JSON.stringify(diff)
      )
      expect(wasm.ibug68.length).toBe(136)
      expect(wasm.x.length).toBeGreaterThan(100)
      expect(diff.box).toBeLessThanOrEqual(TOL.boxPx)
      expect(diff.score).toBeLessThanOrEqual(TOL.score)
      expect(diff.landmarks).toBeLessThanOrEqual(TOL.landmarkPx)
      expect(diff.x).toBeLessThanOrEqual(TOL.x)
      expect(diff.probability).toBeLessThanOrEqual(TOL.probability)
      expect(wasm.hair?.color).toHaveLength(3) // London's studio photos all show hair on top
      expect(gpu.hair?.color).toHaveLength(3)
      expect(diff.hairColor).toBeLessThanOrEqual(TOL.hairLevels)
      expect(diff.hairShare).toBeLessThanOrEqual(TOL.hairShare)
    },
    SLOW_MS
  )
})
