import { readFileSync } from 'node:fs'
import { brotliCompressSync, constants } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  decodeDeltaZigzagPlanes,
  encodeDeltaZigzagPlanes,
  PACK_VERSION,
  readPack,
  writePack,
} from './pack.ts'

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

  it('codes i16 sections as delta-zigzag planes, any values round-trip', () => {
    // The extremes and sign flips that wrap a 16-bit difference, and a smooth run like a target's offsets.
    const values = [
      0, 32767, -32768, 32767, -1, 1, -32768, -32768, 0, 5, 6, 8, 7, -3, 12345, -12345,
    ]
    for (let i = 0; i < 1000; i++) values.push(Math.round(200 * Math.sin(i / 37)))
    const bytes = encodeDeltaZigzagPlanes(values)
    expect(bytes.length).toBe(2 * values.length)
    expect([...decodeDeltaZigzagPlanes(bytes)]).toEqual(values)
    // Small differences leave the high plane zero: what brotli packs away.
    expect([...encodeDeltaZigzagPlanes([3, 2, 4]).subarray(3)]).toEqual([0, 0, 0])
    expect([...encodeDeltaZigzagPlanes([3, 2, 4]).subarray(0, 3)]).toEqual([6, 1, 4])

    const pack = readPack(
      writePack(header, [
        ['t', 'i16', values, 'delta-zigzag-planes'],
        ['u', 'u8', [1, 2, 3]],
      ])
    )
    expect(pack.header.sections.t!.coding).toBe('delta-zigzag-planes')
    expect([...pack.section('t', 'i16')]).toEqual(values)
    expect(pack.section('t', 'i16')).toBe(pack.section('t', 'i16'))
    expect([...pack.section('u', 'u8')]).toEqual([1, 2, 3])
    expect(() => writePack(header, [['x', 'u16', [1], 'delta-zigzag-planes']])).toThrow(/i16 only/)
  })

  it('reads a version 1 pack (no codings) as before', () => {
    const v1 = readPack(writePack({ ...header, version: 1 }, [['i', 'i16', [-5, 7, 9]]]))
    expect([...v1.section('i', 'i16')]).toEqual([-5, 7, 9])
  })

  it('rejects foreign bytes, later versions and unknown codings with what to do', () => {
    expect(() => readPack(new Uint8Array(20))).toThrow(/build:assets/)
    const other = writePack({ ...header, version: PACK_VERSION + 1 }, [])
    expect(() => readPack(other)).toThrow(/version.*update the engine/)
    expect(() => readPack(writePack({ ...header, version: 0 }, []))).toThrow(/version/)
    const bytes = writePack(header, [['t', 'i16', [1, 2], 'delta-zigzag-planes']])
    // Rename the coding inside the JSON header (same length, so the layout holds).
    const text = new TextDecoder()
      .decode(bytes)
      .replace('delta-zigzag-planes', 'delta-zigzag-planez')
    const foreign = new TextEncoder().encode(text)
    expect(foreign.length).toBe(bytes.length)
    expect(() => readPack(foreign).section('t', 'i16')).toThrow(/coding this engine does not read/)
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
