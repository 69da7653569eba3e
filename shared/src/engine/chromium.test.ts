/**
 * @file Node and a real browser render the same bytes: the engine is bundled with esbuild and run in headless
 * Chromium (the system /usr/bin/chromium, installed by scripts/setup-system.mjs), and its hashes are compared with
 * Node's. Different JS engines (V8 versions) must agree, since datasets and share previews are rendered in both.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createCharacter, randomCharacter } from '../rig/character.ts'
import { crc32 } from '../utils/crc32.ts'
import { characterLandmarks, renderCharacter } from './index.ts'

const CHROMIUM = '/usr/bin/chromium'

/** The cases both sides render: [seed or -1 for the default character, size, yaw]. */
const CASES: [number, number, number][] = [
  [-1, 128, 0],
  [3, 96, 0],
  [11, 200, -15],
]

/** Hashes of the renders and landmarks of each case (the browser runs the same code, bundled below). */
function hashes(): string[] {
  return CASES.map(([seed, size, yaw]) => {
    const c = seed < 0 ? createCharacter() : randomCharacter(seed)
    const img = renderCharacter(c, { size, yaw })
    const lm = characterLandmarks(c, { size, yaw })
    const h1 = crc32(new Uint8Array(img.data.buffer))
    const h2 = crc32(new Uint8Array(lm.ibug68.buffer))
    return `${h1.toString(16)}/${h2.toString(16)}`
  })
}

describe('Node and Chromium', () => {
  it('render the same bytes and landmarks', { timeout: 120_000 }, async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing; run 'node scripts/setup-system.mjs' (installs Debian chromium).`
      )
    }
    const dir = fileURLToPath(new URL('.', import.meta.url))
    const bundle = await build({
      stdin: {
        contents: `
          import { renderCharacter, characterLandmarks } from './index.ts'
          import { createCharacter, randomCharacter } from '../rig/character.ts'
          import { crc32 } from '../utils/crc32.ts'
          globalThis.facecraftHashes = () => ${JSON.stringify(CASES)}.map(([seed, size, yaw]) => {
            const c = seed < 0 ? createCharacter() : randomCharacter(seed)
            const img = renderCharacter(c, { size, yaw })
            const lm = characterLandmarks(c, { size, yaw })
            const h1 = crc32(new Uint8Array(img.data.buffer))
            const h2 = crc32(new Uint8Array(lm.ibug68.buffer))
            return h1.toString(16) + '/' + h2.toString(16)
          })`,
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
      await page.setContent('<!doctype html><title>engine</title>')
      await page.addScriptTag({ content: bundle.outputFiles[0]!.text })
      const inBrowser = await page.evaluate(() =>
        (globalThis as unknown as { facecraftHashes: () => string[] }).facecraftHashes()
      )
      expect(inBrowser).toEqual(hashes())
    } finally {
      await browser.close()
    }
  })
})
