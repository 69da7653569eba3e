import { describe, expect, it } from 'vitest'
import {
  characterFromVector,
  characterToStyleIndices,
  characterToVector,
  COLORS,
  evalColors,
  randomCharacter,
  SLIDERS,
  VECTOR_LENGTH,
} from './index.ts'

describe('characters as vectors', () => {
  it('round-trip through the continuous vector and style indices', () => {
    for (let seed = 0; seed < 20; seed++) {
      const c = randomCharacter(seed)
      const x = characterToVector(c)
      expect(x).toHaveLength(VECTOR_LENGTH)
      const back = characterFromVector(x, characterToStyleIndices(c))
      expect(back.styles).toEqual(c.styles)
      for (const s of SLIDERS) expect(back.sliders[s.id]).toBeCloseTo(c.sliders[s.id]!, 6)
      for (const col of COLORS) expect(back.colors[col.id]).toBeCloseTo(c.colors[col.id]!, 6)
    }
  })

  it('clamps vectors into [0, 1] and rejects wrong lengths or style indices', () => {
    const x = new Float32Array(VECTOR_LENGTH).fill(1.7)
    const styles = characterToStyleIndices(randomCharacter(1))
    expect(Object.values(characterFromVector(x, styles).sliders).every((v) => v === 1)).toBe(true)
    expect(() => characterFromVector(x.subarray(1), styles)).toThrow(
      /Expected 122 continuous values/
    )
    expect(() => characterFromVector(x, [99, 0, 0, 0])).toThrow(/out of range for 'hair.style'/)
  })

  it('is reproducible from a seed and varies between seeds', () => {
    expect(randomCharacter(42)).toEqual(randomCharacter(42))
    expect(randomCharacter(42)).not.toEqual(randomCharacter(43))
  })
})

describe('evalColors', () => {
  it('keeps every colour in [0, 1] and darkens skin along the tone slider', () => {
    let last = Infinity
    for (const tone of [0, 0.25, 0.5, 0.75, 1]) {
      const c = randomCharacter(1)
      c.colors['skin.tone'] = tone
      c.colors['skin.undertone'] = 0.5
      const colors = evalColors(c)
      for (const rgb of [colors.skin, colors.hair, colors.brows, colors.iris, colors.lips]) {
        for (const v of rgb) expect(v >= 0 && v <= 1).toBe(true)
      }
      const luma = colors.skin[0] * 0.3 + colors.skin[1] * 0.59 + colors.skin[2] * 0.11
      expect(luma).toBeLessThan(last)
      last = luma
    }
  })

  it('greys hair with hair.grey', () => {
    const c = randomCharacter(2)
    c.colors['hair.color'] = 0
    c.colors['hair.red'] = 0
    c.colors['hair.grey'] = 1
    const [r, g, b] = evalColors(c).hair
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThan(0.03)
    expect(r).toBeGreaterThan(0.7)
  })
})
