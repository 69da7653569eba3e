/**
 * @file Node and a real browser render the same engine v2 bytes: engine v2, rig v2 and the look layer are
 * bundled with esbuild and run in headless Chromium (the system /usr/bin/chromium, installed by
 * scripts/setup-system.mjs) on the same head pack and skin-detail bytes, and the hashes of renders (one with skin
 * detail) and landmarks are compared.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { randomPlausibleCharacter } from '../../rig/v2/character.ts'
import { crc32 } from '../../utils/crc32.ts'
import { decodeSkinDetail } from '../../detail/basis.ts'
import { SKIN_DETAIL_VERSION } from '../../detail/spec.ts'
import { createLambertShader, useHeadPack, type ShaderFactory } from './index.ts'
import { createHeadShader } from './look/index.ts'

const CHROMIUM = '/usr/bin/chromium'
const PACK = new URL('../../../assets/head-v2/head-v2.bin', import.meta.url)

const BASIS = new URL(
  `../../../assets/skin-detail/skin-detail-v${SKIN_DETAIL_VERSION}.bin`,
  import.meta.url
)

/** [seed, size, yaw, shader: 'look' | 'plain', skin detail: 1 with, 0 without, level of detail: 1 with, 0 without] */
const CASES: [number, number, number, string, number, number][] = [
  [1, 96, 0, 'look', 0, 0],
  [7, 128, -20, 'look', 0, 0],
  [3, 96, 15, 'plain', 0, 0],
  [9, 128, 10, 'look', 1, 0],
  // a PWA style-picker thumbnail: the level of detail (decimated parts, per-pixel shading) as the phone draws it
  [5, 160, 0, 'look', 1, 1],
]

// Skin detail: weights that swing over the first components (the same arithmetic in both realms).
const HASHES = `(engine, look, plain, random, crc32, cases) => cases.map(([seed, size, yaw, shader, detail, lod]) => {
  const c = random(seed)
  if (detail) c.detail = { basis: 1, weights: Array.from({ length: 256 }, (_, i) => (i < 24 ? 2 * Math.cos(i * 2.3) : 0)) }
  const img = engine.render(c, { size, yaw, background: [255, 255, 255], lod: lod === 1 }, shader === 'look' ? look : plain)
  const lm = engine.landmarks(c, { size, yaw })
  return crc32(new Uint8Array(img.data.buffer)).toString(16) + '/' + crc32(new Uint8Array(lm.ibug68.buffer)).toString(16)
})`

describe('engine v2 in Node and Chromium', () => {
  it('renders the same bytes and landmarks', { timeout: 180_000 }, async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing; run 'node scripts/setup-system.mjs' (installs Debian chromium).`
      )
    }
    const bytes = new Uint8Array(readFileSync(PACK))
    const basis = new Uint8Array(readFileSync(BASIS))
    const engine = useHeadPack(bytes)
    engine.useSkinDetail(decodeSkinDetail(basis))
    const hashes = (0, eval)(HASHES)(
      engine,
      createHeadShader as unknown as ShaderFactory,
      createLambertShader,
      randomPlausibleCharacter,
      crc32,
      CASES
    ) as string[]
    const dir = fileURLToPath(new URL('.', import.meta.url))
    const bundle = await build({
      stdin: {
        contents: `
          import { useHeadPack, createLambertShader } from './index.ts'
          import { createHeadShader } from './look/index.ts'
          import { randomPlausibleCharacter } from '../../rig/v2/character.ts'
          import { crc32 } from '../../utils/crc32.ts'
          import { decodeSkinDetail } from '../../detail/basis.ts'
          const decode = (b64) => {
            const bin = atob(b64)
            const bytes = new Uint8Array(bin.length)
            for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
            return bytes
          }
          globalThis.facecraftHashes = (b64, basis64) => {
            const engine = useHeadPack(decode(b64))
            engine.useSkinDetail(decodeSkinDetail(decode(basis64)))
            return (${HASHES})(engine, createHeadShader, createLambertShader, randomPlausibleCharacter, crc32, ${JSON.stringify(CASES)})
          }`,
        resolveDir: dir,
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    })
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    })
    try {
      const page = await browser.newPage()
      await page.setContent('<!doctype html><title>engine v2</title>')
      await page.addScriptTag({ content: bundle.outputFiles[0]!.text })
      const inBrowser = await page.evaluate(
        ([b64, basis64]) =>
          (
            globalThis as unknown as { facecraftHashes: (b: string, d: string) => string[] }
          ).facecraftHashes(b64!, basis64!),
        [Buffer.from(bytes).toString('base64'), Buffer.from(basis).toString('base64')]
      )
      expect(inBrowser).toEqual(hashes)
    } finally {
      await browser.close()
    }
  })
})
