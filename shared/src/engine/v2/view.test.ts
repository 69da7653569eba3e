import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCharacterV2 } from '../../rig/v2/index.ts'
import { crc32 } from '../../utils/crc32.ts'
import type { CharacterEngineV2 } from './character.ts'
import { lookShader, useHeadPack } from './index.ts'
import { headView, PITCH_LIMIT_V2 } from './view.ts'

const PACK = new URL('../../../assets/head-v2/head-v2.bin', import.meta.url)
let engine: CharacterEngineV2

beforeAll(() => {
  engine = useHeadPack(new Uint8Array(readFileSync(PACK)))
})

/** Alpha-weighted mean row of the drawn pixels (where the head sits vertically). */
function meanRow(image: { data: Uint8ClampedArray | Uint8Array; width: number }): number {
  let sum = 0
  let weight = 0
  for (let i = 3; i < image.data.length; i += 4) {
    const a = image.data[i]!
    sum += a * Math.floor((i >> 2) / image.width)
    weight += a
  }
  return sum / weight
}

describe('engine v2 pitch', () => {
  it('pitch 0 (or absent) builds exactly the yaw-only view', () => {
    for (const yaw of [0, -35, 60]) {
      expect(headView(yaw, 256, undefined, 0)).toEqual(headView(yaw, 256))
    }
  })

  it('pitch 0 renders the same bytes as no pitch, with the look shader', () => {
    const c = createCharacterV2({ styles: { 'hair.style': 'short', 'glasses.style': 'round' } })
    const plain = engine.render(c, { size: 96, yaw: 20 }, lookShader)
    const zero = engine.render(c, { size: 96, yaw: 20, pitch: 0 }, lookShader)
    expect(crc32(new Uint8Array(zero.data.buffer))).toBe(crc32(new Uint8Array(plain.data.buffer)))
  })

  it('+ pitch looks down on the head: the camera rises in model space and the picture changes', () => {
    const flat = headView(0, 256)
    const down = headView(0, 256, undefined, 10)
    expect(down.eye[1]).toBeGreaterThan(flat.eye[1] + 10)
    // The camera stays 100 cm from the origin whatever the tilt.
    expect(Math.hypot(...down.eye)).toBeCloseTo(Math.hypot(...flat.eye), 4)
    const c = createCharacterV2()
    const a = engine.render(c, { size: 64 }, lookShader)
    const b = engine.render(c, { size: 64, pitch: 10 }, lookShader)
    expect(crc32(new Uint8Array(b.data.buffer))).not.toBe(crc32(new Uint8Array(a.data.buffer)))
    expect(Number.isFinite(meanRow(b))).toBe(true)
  })

  it('combines with a frame: the identity frame leaves a pitched view as it is, a shifting one moves it', () => {
    const pitched = headView(15, 128, undefined, 10)
    expect(headView(15, 128, [1, 0, 0, 0, 1, 0], 10)).toEqual(pitched)
    const shifted = headView(15, 128, [1, 0, 0.1, 0, 1, 0], 10)
    expect(shifted.viewProj).not.toEqual(pitched.viewProj)
    expect(shifted.eye).toEqual(pitched.eye)
  })

  it(`clamps pitch to +-${PITCH_LIMIT_V2} degrees`, () => {
    expect(headView(30, 128, undefined, 90)).toEqual(headView(30, 128, undefined, PITCH_LIMIT_V2))
    expect(headView(30, 128, undefined, -90)).toEqual(headView(30, 128, undefined, -PITCH_LIMIT_V2))
    expect(headView(0, 128, undefined, 5)).not.toEqual(headView(0, 128, undefined, 0))
  })
})

describe('engine v2 camera distance', () => {
  it('100 cm (the canonical camera) builds exactly the default view and renders the same bytes', () => {
    expect(headView(20, 128, undefined, 5, 100)).toEqual(headView(20, 128, undefined, 5))
    const c = createCharacterV2({ styles: { 'hair.style': 'short' } })
    const plain = engine.render(c, { size: 96 }, lookShader)
    const same = engine.render(c, { size: 96, distance: 100 }, lookShader)
    expect(crc32(new Uint8Array(same.data.buffer))).toBe(crc32(new Uint8Array(plain.data.buffer)))
  })

  it('a near camera swells the nose against the jaw, and its landmarks follow the render', () => {
    const c = createCharacterV2()
    // iBUG 31-35: the nose's wings; 2 and 14: the jaw's sides at the mouth's height
    const ratio = (distance: number) => {
      const p = engine.landmarks(c, { size: 256, distance }).ibug68
      const span = (a: number, b: number) =>
        Math.hypot(p[b * 2]! - p[a * 2]!, p[b * 2 + 1]! - p[a * 2 + 1]!)
      return span(31, 35) / span(2, 14)
    }
    expect(ratio(30)).toBeGreaterThan(ratio(100) * 1.15) // 1.26 for this head
    expect(ratio(200)).toBeLessThan(ratio(100))
    const near = engine.render(c, { size: 64, distance: 30 }, lookShader)
    const far = engine.render(c, { size: 64 }, lookShader)
    expect(crc32(new Uint8Array(near.data.buffer))).not.toBe(crc32(new Uint8Array(far.data.buffer)))
  })

  it('refuses a camera nearer than the head allows, saying what to use', () => {
    for (const d of [10, 0, -5, Number.NaN])
      expect(() => headView(0, 64, undefined, 0, d)).toThrow(/camera distance .* use 20 cm or more/)
  })
})
