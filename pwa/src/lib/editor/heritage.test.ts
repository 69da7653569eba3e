import { describe, expect, it } from 'vitest'
import { createCharacterV2 } from '@facecraft/shared/rig-v2'
import { heritagePercents, heritageShares, setHeritage } from './heritage.ts'

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0)

describe('heritage control', () => {
  it('keeps the three shares summing to 1 whatever is set', () => {
    let c = createCharacterV2()
    for (const [id, v] of [
      ['who.african', 0.8],
      ['who.asian', 0.5],
      ['who.european', 1],
      ['who.african', 0],
      ['who.asian', 0.25],
    ] as const) {
      c = setHeritage(c, id, v)
      expect(c.sliders[id]).toBeCloseTo(v, 9)
      expect(sum(heritageShares(c))).toBeCloseTo(1, 9)
      expect(
        c.sliders['who.african']! + c.sliders['who.asian']! + c.sliders['who.european']!
      ).toBeCloseTo(1, 9)
    }
  })

  it('rescales the other two in proportion, or splits evenly when both are zero', () => {
    let c = setHeritage(createCharacterV2(), 'who.european', 0.4)
    c = setHeritage(c, 'who.asian', 0.4) // african:european was 0.3:0.4 of the rest
    expect(c.sliders['who.african']! / c.sliders['who.european']!).toBeCloseTo(0.3 / 0.4, 6)
    c = setHeritage(c, 'who.asian', 1)
    c = setHeritage(c, 'who.asian', 0.6)
    expect(c.sliders['who.african']).toBeCloseTo(0.2, 9)
    expect(c.sliders['who.european']).toBeCloseTo(0.2, 9)
  })

  it('reads stored values that do not sum to 1 as shares (percentages add to 100)', () => {
    const base = createCharacterV2()
    const c = {
      ...base,
      sliders: { ...base.sliders, 'who.african': 0.5, 'who.asian': 0.5, 'who.european': 0.5 },
    }
    expect(heritageShares(c)['who.asian']).toBeCloseTo(1 / 3, 9)
    expect(sum(heritagePercents(c))).toBe(100)
  })
})
