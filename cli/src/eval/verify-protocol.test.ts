import { describe, expect, it } from 'vitest'
import { createRng, gaussian } from '@facecraft/shared/utils'
import {
  bestThreshold,
  fitWhitening,
  foldAccuracy,
  formatPairs,
  jacobiEigen,
  parsePairs,
  type Pair,
} from './verify-protocol.ts'

describe('pairs files (LFW pairs.txt format)', () => {
  it('reads LFW layout: per fold a same block then a different block', () => {
    const text =
      '2 2\nAnn 1 2\nBob 1 3\nAnn 1 Cy 1\nBob 2 Di 4\nCy 1 2\nDi 2 3\nAnn 2 Bob 1\nCy 2 Di 1\n'
    const { folds, pairs } = parsePairs(text)
    expect(folds).toBe(2)
    expect(pairs).toHaveLength(8)
    expect(pairs[0]).toEqual({ a: ['Ann', 1], b: ['Ann', 2], same: true, fold: 0 })
    expect(pairs[3]).toEqual({ a: ['Bob', 2], b: ['Di', 4], same: false, fold: 0 })
    expect(pairs[4]!.fold).toBe(1)
  })

  it('round-trips formatPairs, with folds of n or n + 1 when the count does not divide', () => {
    const same = Array.from(
      { length: 102 },
      (_, i) => ({ a: [`p${i}`, 1], b: [`p${i}`, 2], same: true }) as Omit<Pair, 'fold'>
    )
    const diff = Array.from(
      { length: 102 },
      (_, i) =>
        ({ a: [`p${i}`, 1], b: [`p${(i + 1) % 102}`, 2], same: false }) as Omit<Pair, 'fold'>
    )
    const text = formatPairs(10, same, diff)
    expect(text.split('\n')[0]).toBe('10 10')
    const { folds, pairs } = parsePairs(text)
    expect(folds).toBe(10)
    expect(pairs.filter((p) => p.same)).toHaveLength(102)
    expect(pairs.filter((p) => p.fold === 0)).toHaveLength(22)
    expect(pairs.filter((p) => p.fold === 9)).toHaveLength(20)
  })

  it('names the line and the problem in malformed files', () => {
    expect(() => parsePairs('ten 300\n')).toThrow(/line 1: the header must be 'folds n'/)
    expect(() => parsePairs('1 1\nAnn 1\n')).toThrow(/line 2: expected 'name i j'/)
    expect(() => parsePairs('1 1\nAnn 0 2\nAnn 1 Bob 1\n')).toThrow(/line 2: photo numbers/)
    expect(() => parsePairs('2 1\nAnn 1 2\nAnn 1 Bob 1\n')).toThrow(/2 folds.*found 2 blocks/)
    expect(() => parsePairs('1 1\nAnn 1 2\nBo 1 2\nCy 1 2\nAnn 1 Bob 1\n')).toThrow(
      /fold 1 has 3 same-person/
    )
  })
})

describe('verification accuracy', () => {
  it('chooses the threshold that separates the training scores best', () => {
    expect(bestThreshold([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBeCloseTo(0.5)
    const t = bestThreshold([0.1, 0.6, 0.4, 0.9], [false, false, true, true])
    expect([0.1, 0.6, 0.4, 0.9].filter((s) => s >= t)).toHaveLength(3) // 3 of 4 right at best
  })

  it('gives 1 for separable scores, about 0.5 for noise, and a std across folds', () => {
    const rng = createRng(4)
    const pairs: Pair[] = []
    for (let f = 0; f < 10; f++)
      for (let k = 0; k < 40; k++) pairs.push({ a: ['x', 1], b: ['y', 1], same: k < 20, fold: f })
    const perfect = foldAccuracy(pairs, 10, (_, p) => (p.same ? 1 : 0) + 0.1 * rng())
    expect(perfect.accuracy).toBe(1)
    expect(perfect.std).toBe(0)
    const noise = foldAccuracy(pairs, 10, () => rng())
    expect(noise.accuracy).toBeGreaterThan(0.35)
    expect(noise.accuracy).toBeLessThan(0.65)
    expect(noise.std).toBeGreaterThan(0)
  })
})

describe('PCA whitening', () => {
  it('finds eigenpairs of a symmetric matrix', () => {
    const m = Float64Array.from([4, 1, 2, 1, 3, 0, 2, 0, 5])
    const { values, vectors } = jacobiEigen(m, 3)
    for (let k = 0; k < 3; k++)
      for (let i = 0; i < 3; i++) {
        let mv = 0
        for (let j = 0; j < 3; j++) mv += m[i * 3 + j]! * vectors[j * 3 + k]!
        expect(mv).toBeCloseTo(values[k]! * vectors[i * 3 + k]!, 9)
      }
    expect([...values].reduce((s, v) => s + v, 0)).toBeCloseTo(12, 9) // the trace
  })

  it('maps correlated data to unit variance and drops constant directions', () => {
    const rng = createRng(2)
    const rows = Array.from({ length: 2000 }, () => {
      const u = gaussian(rng)
      const w = gaussian(rng)
      return Float64Array.from([3 * u, 3 * u + 0.5 * w, 7]) // the third is constant
    })
    const white = fitWhitening(rows)
    const out = rows.map(white)
    expect(out[0]).toHaveLength(2)
    for (let k = 0; k < 2; k++) {
      const variance = out.reduce((s, v) => s + v[k]! ** 2, 0) / (out.length - 1)
      expect(variance).toBeCloseTo(1, 6)
    }
    const cross = out.reduce((s, v) => s + v[0]! * v[1]!, 0) / (out.length - 1)
    expect(Math.abs(cross)).toBeLessThan(1e-6)
  })
})
