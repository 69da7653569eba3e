import { describe, expect, it } from 'vitest'
import { STYLES_V2 } from '../rig/v2/index.ts'
import { argmaxGroups, chooseStyles, mostProbableOption, rigCodec } from './rigs.ts'

describe('rig codecs', () => {
  it('round-trips a character through the vector view of each rig', () => {
    for (const version of [1, 2]) {
      const rig = rigCodec(version)
      const x = new Float32Array(rig.length).fill(0.25)
      const styles = Int32Array.from(rig.styleSizes, (n) => n - 1)
      const c = rig.fromVector(x, styles)
      expect(c.rig).toBe(version)
      expect([...rig.toVector(c)]).toEqual([...x])
      expect([...rig.toStyles(c)]).toEqual([...styles])
    }
  })

  it('refuses an unknown rig version with the known ones', () => {
    expect(() => rigCodec(9)).toThrow(/rig version 9.*1, 2/)
  })

  it('marks the accessory groups of rig v2 (first option none)', () => {
    const rig = rigCodec(2)
    const optional = STYLES_V2.filter((_, g) => rig.optional[g]).map((s) => s.id)
    expect(optional).toEqual(
      expect.arrayContaining(['glasses.style', 'hair.facial', 'makeup.lipstick'])
    )
    expect(optional).not.toContain('hair.style')
  })
})

describe('style choice', () => {
  it('takes the most probable option per group', () => {
    expect([...argmaxGroups([0.1, 0.7, 0.2, 0.6, 0.4], [3, 2])]).toEqual([1, 0])
  })

  it('puts an accessory on only when the translator is sure enough', () => {
    const rig = rigCodec(2)
    const probs = new Float32Array(rig.styleSizes.reduce((a, b) => a + b, 0))
    let start = 0
    const glasses = STYLES_V2.findIndex((s) => s.id === 'glasses.style')
    rig.styleSizes.forEach((n, g) => {
      probs[start + (g === glasses ? 1 : 0)] = g === glasses ? 0.55 : 1
      probs[start + (g === glasses ? 0 : 1)] = g === glasses ? 0.45 : 0
      start += n
    })
    expect(chooseStyles(probs, rig, 0.6)[glasses]).toBe(0) // 0.55 < 0.6: none
    expect(chooseStyles(probs, rig, 0.5)[glasses]).toBe(1)
  })

  it('judges glasses on all frames together, against their own bar', () => {
    const rig = rigCodec(2)
    const glasses = STYLES_V2.findIndex((s) => s.id === 'glasses.style')
    const start = rig.styleSizes.slice(0, glasses).reduce((a, b) => a + b, 0)
    const probs = new Float32Array(rig.styleSizes.reduce((a, b) => a + b, 0))
    // a pair the translator sees, split among three frames: no frame reaches 0.6, together 0.99
    probs.set([0.01, 0.4, 0.35, 0.24, 0], start)
    expect(chooseStyles(probs, rig, 0.6)[glasses]).toBe(0) // the accessory rule alone: none
    expect(chooseStyles(probs, rig, 0.6, 0.98)[glasses]).toBe(1) // the most probable frame
    // one confident frame on a face without glasses: 0.9 together is below the bar
    probs.set([0.1, 0, 0, 0.9, 0], start)
    expect(chooseStyles(probs, rig, 0.6)[glasses]).toBe(3)
    expect(chooseStyles(probs, rig, 0.6, 0.98)[glasses]).toBe(0)
  })
})

describe('mostProbableOption', () => {
  it('takes the most probable allowed option of the group, the first on a tie, null when none is allowed', () => {
    // another group's score first (0.9, never chosen): the group a-d starts at 1 and scores 0.1, 0.3, 0.3, 0.2
    const scores = [0.9, 0.1, 0.3, 0.3, 0.2]
    const options = ['a', 'b', 'c', 'd']
    expect(mostProbableOption(options, scores, 1, () => true)).toBe('b') // b and c tie: the first
    expect(mostProbableOption(options, scores, 1, (id) => id !== 'b')).toBe('c')
    expect(mostProbableOption(options, scores, 1, (id) => id === 'a' || id === 'd')).toBe('d')
    expect(mostProbableOption(options, scores, 1, () => false)).toBeNull()
  })
})
