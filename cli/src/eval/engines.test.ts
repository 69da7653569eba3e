import { describe, expect, it } from 'vitest'
import { UsageError } from '../command.ts'
import { engineId, engineV1, engineV2, pickEngine } from './engines.ts'

describe('engine adapters', () => {
  it('v1: 122 continuous parameters, four style groups, renders with their exact landmarks', () => {
    const e = engineV1()
    expect(e.dimension).toBe(122)
    expect(e.groups.map((g) => g.options.length)).toEqual([8, 7, 6, 6])
    const mean = e.mean()
    expect(mean.x).toHaveLength(122)
    const r = e.render(mean, 128)
    expect(r.image.width).toBe(128)
    // The mean face's outer eye corners sit where the canonical frame puts them (0.383 and 0.617 of the width).
    expect(r.ibug68[72]! / 128).toBeCloseTo(0.383, 2)
    expect(r.ibug68[90]! / 128).toBeCloseTo(0.617, 2)
    expect(Array.from(e.random(3).x)).not.toEqual(Array.from(e.random(4).x))
    expect(e.render(e.random(3), 64).image.data).toEqual(e.render(e.random(3), 64).image.data)
  })

  it('v2: rig v2 vectors, six style groups, the plausible prior as its random baseline', () => {
    const e = engineV2()
    expect(e.groups.map((g) => g.id)).toContain('glasses.style')
    const mean = e.mean()
    expect(mean.x).toHaveLength(e.dimension)
    const p = e.random(5)
    const r = e.render(p, 96)
    expect(r.image.width).toBe(96)
    expect(r.ibug68).toHaveLength(136)
    // The eyes are level and inside the frame; the same parameters give the same bytes.
    expect(Math.abs(r.ibug68[73]! - r.ibug68[91]!)).toBeLessThan(4)
    expect(r.ibug68[72]!).toBeGreaterThan(0)
    expect(e.render(p, 96).image.data).toEqual(r.image.data)
    expect(e.character(p)).toMatchObject({ rig: 2 })
  })

  it('picks by --engine and names the valid values', () => {
    expect(pickEngine(undefined).id).toBe('1')
    expect(() => pickEngine('7')).toThrow(UsageError)
    expect(() => pickEngine('7')).toThrow(/--engine must be one of 1, 2/)
    // Suites that measure the product engine default to v2; an explicit value always wins.
    expect(engineId(undefined, '2')).toBe('2')
    expect(engineId('1', '2')).toBe('1')
    expect(() => engineId('3', '2')).toThrow(/--engine must be one of 1, 2, got '3'/)
  })
})
