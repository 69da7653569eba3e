import { describe, expect, it } from 'vitest'
import { retrieval, retrievalByLabel } from './retrieval.ts'

const v = (...x: number[]) => Float32Array.from(x)

describe('retrieval', () => {
  it('ranks each query’s own gallery item and averages own and other cosines', () => {
    const gallery = [v(1, 0, 0), v(0, 1, 0), v(0, 0, 1)]
    const queries = [v(1, 0.1, 0), v(0.9, 1, 0), v(1, 0, 0.5)] // the third prefers item 0 over its own 2
    const r = retrieval(queries, gallery)
    expect(r.ranks).toEqual([1, 1, 2])
    expect(r.top1).toBeCloseTo(2 / 3)
    expect(r.top5).toBe(1)
    expect(r.own_cos).toBeGreaterThan(r.others_cos)
    expect(r.gap).toBeLessThan(r.own_cos - r.others_cos)
  })

  it('takes explicit truth indices (a subset of people against the whole gallery)', () => {
    const gallery = [v(1, 0), v(0, 1), v(-1, 0)]
    expect(retrieval([v(0, 1)], gallery, [1]).ranks).toEqual([1])
    expect(retrieval([v(0, 1)], gallery, [2]).ranks).toEqual([3])
  })
})

describe('retrievalByLabel', () => {
  it('uses the best own photo for the rank and all own photos for the cosine', () => {
    const gallery = [v(1, 0), v(0.6, 0.8), v(0, 1)]
    const r = retrievalByLabel([v(1, 0)], ['a'], gallery, ['b', 'a', 'a'])
    expect(r.ranks).toEqual([2]) // b's photo (cos 1) beats a's best (0.6)
    expect(r.own[0]).toBeCloseTo(0.3)
    expect(r.others[0]).toBeCloseTo(1)
    expect(() => retrievalByLabel([v(1, 0)], ['z'], gallery, ['b', 'a', 'a'])).toThrow(/'z'/)
  })
})
