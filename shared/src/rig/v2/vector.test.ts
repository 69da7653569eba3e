import { describe, expect, it } from 'vitest'
import { createRng } from '../../utils/random.ts'
import { checkCharacterV2, randomPlausibleCharacter } from './character.ts'
import {
  VECTOR_LENGTH_V2,
  characterFromVectorV2,
  characterToStyleIndicesV2,
  characterToVectorV2,
  uniformCharacterV2,
} from './vector.ts'

describe('rig v2 vectors', () => {
  it('round-trips a plausible and a uniform character through (x, styles)', () => {
    for (const c of [randomPlausibleCharacter(3), uniformCharacterV2(createRng(4))]) {
      const x = characterToVectorV2(c)
      const s = characterToStyleIndicesV2(c)
      expect(x.length).toBe(VECTOR_LENGTH_V2)
      expect([...s].every((i) => i >= 0)).toBe(true)
      const back = characterFromVectorV2(x, s)
      expect(checkCharacterV2(back)).toEqual([])
      expect(characterToVectorV2(back)).toEqual(x)
      expect(back.styles).toEqual(c.styles)
    }
  })

  it('clamps x and rejects wrong lengths and out-of-range options with what to do', () => {
    const s = characterToStyleIndicesV2(randomPlausibleCharacter(1))
    const x = new Float32Array(VECTOR_LENGTH_V2).fill(2)
    expect(Object.values(characterFromVectorV2(x, s).sliders).every((v) => v === 1)).toBe(true)
    expect(() => characterFromVectorV2(x.subarray(1), s)).toThrow(/regenerate the vector/)
    const bad = Int32Array.from(s)
    bad[0] = 999
    expect(() => characterFromVectorV2(x, bad)).toThrow(/out of range/)
  })

  it('draws every style option over many uniform characters', () => {
    const rng = createRng(9)
    const seen = new Set<string>()
    for (let i = 0; i < 400; i++)
      for (const [k, v] of Object.entries(uniformCharacterV2(rng).styles)) seen.add(`${k}=${v}`)
    const total = characterToStyleIndicesV2(randomPlausibleCharacter(1)).length
    expect(seen.size).toBeGreaterThan(total * 4)
  })
})
