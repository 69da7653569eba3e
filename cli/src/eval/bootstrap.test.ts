import { describe, expect, it } from 'vitest'
import { meanInterval, pairedDifference } from './bootstrap.ts'

describe('meanInterval', () => {
  it('is a point where every value is the same', () => {
    expect(meanInterval([0.3, 0.3, 0.3])).toEqual([0.3, 0.3])
  })

  it('brackets the mean, narrows with more people, and repeats for a seed', () => {
    // 102 people, 27 found: top1 0.265 (the release's London figure)
    const few = Array.from({ length: 102 }, (_, i) => Number(i < 27))
    const [lo, hi] = meanInterval(few)
    expect(lo).toBeLessThan(27 / 102)
    expect(hi).toBeGreaterThan(27 / 102)
    // the binomial standard error is 0.044: a 95% interval about +-0.086 wide
    expect(hi - lo).toBeGreaterThan(0.13)
    expect(hi - lo).toBeLessThan(0.22)
    const many = Array.from({ length: 1020 }, (_, i) => Number(i < 270))
    const [lo2, hi2] = meanInterval(many)
    expect(hi2 - lo2).toBeLessThan((hi - lo) / 2)
    expect(meanInterval(few, { seed: 7 })).toEqual(meanInterval(few, { seed: 7 }))
  })

  it('refuses no values and a level outside (0, 1)', () => {
    expect(() => meanInterval([])).toThrow(/no values/)
    expect(() => meanInterval([1, 2], { level: 1 })).toThrow(/level/)
  })
})

describe('pairedDifference', () => {
  it('cannot tell apart two methods that trade a few people', () => {
    const a = Array.from({ length: 102 }, (_, i) => Number(i < 27))
    const b = a.map((v, i) => (i === 0 || i === 1 ? 0 : i === 50 || i === 51 || i === 52 ? 1 : v)) // -2 +3
    const { diff, ci } = pairedDifference(a, b)
    expect(diff).toBeCloseTo(1 / 102)
    expect(ci[0]).toBeLessThan(0)
    expect(ci[1]).toBeGreaterThan(0)
  })

  it('tells apart a shift every person shares, and pairs people (not two independent samples)', () => {
    const a = Array.from({ length: 50 }, (_, i) => 0.3 + 0.4 * Math.sin(i)) // spread 0.8 between people
    const b = a.map((v) => v + 0.01) // each person a little better
    const { diff, ci } = pairedDifference(a, b)
    expect(diff).toBeCloseTo(0.01)
    expect(ci[0]).toBeGreaterThan(0)
    expect(() => pairedDifference([1], [1, 2])).toThrow(/length/)
  })
})
