import { describe, expect, it } from 'vitest'
import type { EngineParams } from './engines.ts'
import { searchLikeness } from './reach-search.ts'

/** A synthetic likeness: closeness to a hidden x*, plus a bonus for each hidden style guessed right. */
function problem(n: number) {
  const target = Float64Array.from({ length: n }, (_, i) => 0.15 + (0.7 * ((i * 37) % n)) / n)
  const styles = [2, 0, 4]
  const score = async (p: EngineParams) => {
    let d = 0
    for (let i = 0; i < n; i++) d += (p.x[i]! - target[i]!) ** 2
    const right = styles.filter((s, g) => p.styles[g] === s).length
    return 1 - Math.sqrt(d / n) + 0.2 * right
  }
  return { target, styles, score }
}

describe('searchLikeness', () => {
  it('finds the hidden styles and moves x toward the target within the budget', async () => {
    const n = 30
    const { target, styles, score } = problem(n)
    const start = { x: new Float64Array(n).fill(0.5), styles: new Int32Array([0, 1, 0]) }
    const startError = Math.sqrt(target.reduce((s, v) => s + (v - 0.5) ** 2, 0) / n)
    const r = await searchLikeness({ start, groups: [3, 2, 5], budget: 600, seed: 3, score })
    expect(r.evaluations).toBeLessThanOrEqual(600)
    expect(r.evaluations).toBeGreaterThan(560) // spends the budget
    expect(Array.from(r.best.styles)).toEqual(styles)
    const error = Math.sqrt(r.best.x.reduce((s, v, i) => s + (v - target[i]!) ** 2, 0) / n)
    expect(error).toBeLessThan(startError / 3)
    expect(r.trace.every((v, i) => i === 0 || v >= r.trace[i - 1]!)).toBe(true)
    for (const v of r.best.x) expect(v >= 0 && v <= 1).toBe(true)
  })

  it('is reproducible for a seed and refuses a budget smaller than the style passes', async () => {
    const { score } = problem(10)
    const start = { x: new Float64Array(10).fill(0.5), styles: new Int32Array([0, 0, 0]) }
    const run = () => searchLikeness({ start, groups: [3, 2, 5], budget: 100, seed: 9, score })
    expect((await run()).score).toBe((await run()).score)
    await expect(
      searchLikeness({ start, groups: [3, 2, 5], budget: 10, seed: 1, score })
    ).rejects.toThrow(/too small/)
  })

  it('searches in a given space, picks by score minus penalty, and tries only allowed styles', async () => {
    const n = 8
    const { target, score } = problem(n)
    const tried = new Set<string>()
    // A space of half the size: x = 0.5 + y, with a penalty that pulls y toward 0.
    const space = {
      start: new Float64Array(n),
      decode: (y: Float64Array) => ({
        x: Float64Array.from(y, (v) => Math.min(1, Math.max(0, 0.5 + v))),
        penalty: 0.01 * y.reduce((s, v) => s + v * v, 0),
      }),
    }
    const r = await searchLikeness({
      start: { x: new Float64Array(n).fill(0.5), styles: new Int32Array([0, 1, 0]) },
      groups: [3, 2, 5],
      budget: 300,
      seed: 4,
      space,
      allowed: (g, o) => g !== 2 || o < 2,
      score: async (p) => {
        tried.add(Array.from(p.styles).join())
        return score(p)
      },
    })
    expect([...tried].every((s) => Number(s.split(',')[2]) < 2)).toBe(true)
    expect(r.best.styles[2]).toBeLessThan(2)
    const { x, penalty } = space.decode(r.bestY)
    expect(Array.from(x)).toEqual(Array.from(r.best.x))
    expect(penalty).toBe(r.penalty)
    const d = (v: ArrayLike<number>) =>
      Math.sqrt(Array.from(v).reduce((s, a, i) => s + (a - target[i]!) ** 2, 0) / n)
    expect(d(r.best.x)).toBeLessThan(d(new Float64Array(n).fill(0.5)))
    expect(r.trace.at(-1)).toBeCloseTo(r.score - r.penalty, 12)
  })
})
