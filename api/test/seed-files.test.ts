/** @file scripts/seed-files.mjs: which files go to which R2 keys (the upload itself runs in global-setup). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURE_MODELS, REPO_ROOT } from './wrangler-dev.ts'

const SEED = new URL('../../scripts/seed-files.mjs', import.meta.url).href
const { fileEntries, ortVersion } = (await import(SEED)) as {
  fileEntries: (dir?: string, release?: string) => Array<{ key: string; file: string }>
  ortVersion: () => string
}

describe('seed-files', () => {
  it('maps a release directory to models/... and the installed WebGPU runtime to ort/<version>/...', () => {
    const version = JSON.parse(
      readFileSync(join(REPO_ROOT, 'node_modules/onnxruntime-web/package.json'), 'utf8')
    ).version
    expect(ortVersion()).toBe(version)
    const keys = fileEntries(FIXTURE_MODELS).map((e) => e.key)
    expect(keys).toEqual(
      expect.arrayContaining([
        'models/manifest.json',
        'models/releases/r-candidate/manifest.json',
        `ort/${version}/ort-wasm-simd-threaded.asyncify.wasm`,
        `ort/${version}/ort-wasm-simd-threaded.asyncify.mjs`,
      ])
    )
    expect(keys.every((k) => !k.includes('\\'))).toBe(true)
  })
  it('puts a kept release under models/releases/<name>/ and refuses names that are not one segment', () => {
    const dir = join(FIXTURE_MODELS, 'releases/r-previous')
    expect(fileEntries(dir, 'r-previous')[0]!.key).toBe('models/releases/r-previous/manifest.json')
    for (const bad of ['..', 'a/b', '', '.hidden'])
      expect(() => fileEntries(dir, bad), bad).toThrow(/cannot name a release/)
  })
})
