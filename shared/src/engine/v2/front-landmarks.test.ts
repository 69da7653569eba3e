import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCharacterV2 } from '../../rig/v2/index.ts'
import type { CharacterEngineV2 } from './character.ts'
import { FRONT_LANDMARKS_V2 } from './front-landmarks.ts'
import { useHeadPack } from './index.ts'

const PACK = new URL('../../../assets/head-v2/head-v2.bin', import.meta.url)
let engine: CharacterEngineV2

beforeAll(() => {
  engine = useHeadPack(new Uint8Array(readFileSync(PACK)))
})

describe('FRONT_LANDMARKS_V2', () => {
  it("is where the engine draws the default character's 68 points in its front view, at any size", () => {
    for (const size of [256, 1024]) {
      const { ibug68 } = engine.landmarks(createCharacterV2(), { size })
      expect(FRONT_LANDMARKS_V2).toHaveLength(136)
      for (let i = 0; i < 136; i++) expect(FRONT_LANDMARKS_V2[i]).toBeCloseTo(ibug68[i]! / size, 4)
    }
  })

  it('is a face: symmetric about the middle, eyes above the nose above the mouth above the chin', () => {
    const y = (i: number) => FRONT_LANDMARKS_V2[2 * i + 1]!
    const x = (i: number) => FRONT_LANDMARKS_V2[2 * i]!
    expect(x(36) + x(45)).toBeCloseTo(1, 2)
    expect(x(8)).toBeCloseTo(0.5, 3)
    expect(y(36)).toBeLessThan(y(30))
    expect(y(30)).toBeLessThan(y(62))
    expect(y(62)).toBeLessThan(y(8))
  })
})
