import { describe, expect, it } from 'vitest'
import { macroAgeYears, macroWeights, MIN_MACRO_AGE, normaliseEthnic, tent } from './macro.ts'

describe('macro tents', () => {
  it('share 1 between the two neighbouring nodes and clamp at the ends', () => {
    expect(tent(0.25, [0, 0.5, 1])).toEqual([0.5, 0.5, 0])
    expect(tent(0.75, [0, 0.5, 1])).toEqual([0, 0.5, 0.5])
    expect(tent(-1, [0, 0.5, 1])).toEqual([1, 0, 0])
    expect(tent(2, [0, 0.5, 1])).toEqual([0, 0, 1])
  })

  it('weights sum to 1 per family (ethnic x gender x age; universal x gender x age x muscle x weight)', () => {
    const w = macroWeights({
      gender: 0.3,
      age: 0.7,
      african: 1,
      asian: 0.5,
      caucasian: 0.5,
      muscle: 0.6,
      weight: 0.2,
    })
    const sum = (prefix: RegExp) => w.filter(([n]) => prefix.test(n)).reduce((s, [, x]) => s + x, 0)
    expect(sum(/^macro\/universal-/)).toBeCloseTo(1, 10)
    expect(sum(/^macro\/(african|asian|caucasian)-/)).toBeCloseTo(1, 10)
    expect(sum(/^macro\/african-/)).toBeCloseTo(0.5, 10)
    expect(w.every(([, x]) => x > 0)).toBe(true)
    expect(w.some(([n]) => n.includes('baby'))).toBe(false)
  })

  it('maps the age scale to years and normalises heritage', () => {
    expect(macroAgeYears(MIN_MACRO_AGE)).toBeCloseTo(11, 6)
    expect(macroAgeYears(0.5)).toBeCloseTo(25, 6)
    expect(macroAgeYears(1)).toBeCloseTo(90, 6)
    expect(normaliseEthnic({ african: 0, asian: 0, caucasian: 0 })).toEqual([1 / 3, 1 / 3, 1 / 3])
  })
})
