import { readFileSync } from 'node:fs'
import { brotliCompressSync, constants } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { PACK_VERSION, readPack, writePack } from './pack.ts'

const PACK = new URL('../../../assets/head-v2/head-v2.bin', import.meta.url)
const header = {
  version: PACK_VERSION,
  source: 'test',
  quantum: 1,
  weightQuantum: 1,
  offsetQuantum: 1,
  morphVertices: 0,
  baseIndex: 'b',
  basePositions: 'p',
  skin: { vertices: 0, triangles: 0, pointOf: 'p', uvs: 'p', indices: 'p' },
  targets: [],
  proxies: [],
}

describe('head pack container', () => {
  it('round-trips typed sections, 4-aligned', () => {
    const bytes = writePack(header, [
      ['b', 'u32', [1, 2, 3]],
      ['i', 'i16', [-5, 7, 9]],
      ['p', 'f32', [0.5, -1.25]],
    ])
    const pack = readPack(bytes)
    expect([...pack.section('b', 'u32')]).toEqual([1, 2, 3])
    expect([...pack.section('i', 'i16')]).toEqual([-5, 7, 9])
    expect([...pack.section('p', 'f32')]).toEqual([0.5, -1.25])
    expect(() => pack.section('p', 'u16')).toThrow(/is f32, not u16/)
    expect(() => pack.section('nope', 'u8')).toThrow(/no section 'nope'/)
  })

  it('rejects foreign bytes and other versions with what to do', () => {
    expect(() => readPack(new Uint8Array(20))).toThrow(/build:assets/)
    const other = writePack({ ...header, version: PACK_VERSION + 1 }, [])
    expect(() => readPack(other)).toThrow(/version/)
  })

  it('the committed pack is what a phone downloads: <= 2 MB brotli', { timeout: 120_000 }, () => {
    const bytes = readFileSync(PACK)
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
    expect(br.length).toBeLessThanOrEqual(2e6)
    const pack = readPack(new Uint8Array(bytes))
    expect(
      pack.header.targets.filter((t) => t.name.startsWith('face/')).length
    ).toBeGreaterThanOrEqual(240)
    expect(pack.header.proxies.filter((p) => p.kind === 'hair').length).toBe(10)
  })
})
