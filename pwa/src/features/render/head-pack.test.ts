import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderCharacterV2 } from '@facecraft/shared/engine-v2'
import { randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import { ensureHeadPack, fetchHeadPack, HEAD_PACK_MESSAGE } from './head-pack.ts'

const PACK = readFileSync(new URL('../../../../shared/assets/head-v2/head-v2.bin', import.meta.url))

describe('head pack loading', () => {
  it('says what to do when the pack cannot be fetched, and retries on the next call', async () => {
    let calls = 0
    const offline = (() => {
      calls++
      return Promise.reject(new TypeError('Failed to fetch'))
    }) as typeof fetch
    await expect(ensureHeadPack('/assets/head.bin', offline)).rejects.toThrow(HEAD_PACK_MESSAGE)
    await expect(ensureHeadPack('/assets/head.bin', offline)).rejects.toThrow('Failed to fetch')
    expect(calls).toBe(2)
    const missing = (() => Promise.resolve(new Response('nope', { status: 404 }))) as typeof fetch
    await expect(fetchHeadPack('/x', missing)).rejects.toThrow('HTTP 404')
  })

  it('reports a damaged pack with the same advice', async () => {
    const cut = (() => Promise.resolve(new Response(PACK.subarray(0, 1000)))) as typeof fetch
    await expect(ensureHeadPack('/cut.bin', cut)).rejects.toThrow(HEAD_PACK_MESSAGE)
  })

  it('installs the real pack once, and the engine renders', async () => {
    let calls = 0
    const ok = (() => {
      calls++
      return Promise.resolve(new Response(PACK))
    }) as typeof fetch
    await Promise.all([ensureHeadPack('/ok.bin', ok), ensureHeadPack('/ok.bin', ok)])
    await ensureHeadPack('/ok.bin', ok)
    expect(calls).toBe(1)
    const image = renderCharacterV2(randomPlausibleCharacter(5), { size: 32 })
    expect(image.data.some((v, i) => i % 4 === 3 && v === 255)).toBe(true)
  })
})
