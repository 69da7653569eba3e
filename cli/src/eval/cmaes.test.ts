import { describe, expect, it } from 'vitest'
import { boxPenalty, SepCmaEs } from './cmaes.ts'

/** Runs sep-CMA-ES on `f` for `generations`; returns the best cost seen. */
function minimise(f: (x: Float64Array) => number, n: number, generations: number, seed = 1) {
  const es = new SepCmaEs({ mean: new Float64Array(n).fill(3), sigma: 1, seed })
  let best = Infinity
  for (let g = 0; g < generations; g++) {
    const pop = es.ask()
    const costs = pop.map((c) => f(c.x))
    best = Math.min(best, ...costs)
    es.tell(pop, costs)
  }
  return { best, es }
}

describe('sep-CMA-ES', () => {
  it('solves a 20-d sphere and a separable ill-conditioned ellipsoid', () => {
    const sphere = (x: Float64Array) => x.reduce((s, v) => s + v * v, 0)
    expect(minimise(sphere, 20, 300).best).toBeLessThan(1e-8)
    // Condition 1e4: the diagonal covariance must learn the axis scales.
    const ellipsoid = (x: Float64Array) =>
      x.reduce((s, v, i) => s + 10 ** ((4 * i) / (x.length - 1)) * v * v, 0)
    const { best, es } = minimise(ellipsoid, 20, 600)
    expect(best).toBeLessThan(1e-6)
    expect(es.diag[0]! / es.diag[19]!).toBeGreaterThan(100) // learned: wide along the flat axis
  })

  it('is deterministic for a seed and differs across seeds', () => {
    const f = (x: Float64Array) => x.reduce((s, v) => s + Math.abs(v - 0.3), 0)
    expect(minimise(f, 8, 20, 5).best).toBe(minimise(f, 8, 20, 5).best)
    expect(minimise(f, 8, 20, 5).best).not.toBe(minimise(f, 8, 20, 6).best)
  })

  it('uses the default population 4 + floor(3 ln n) and checks its input', () => {
    expect(new SepCmaEs({ mean: new Float64Array(122), sigma: 0.2, seed: 1 }).lambda).toBe(18)
    expect(() => new SepCmaEs({ mean: [], sigma: 1, seed: 1 })).toThrow(/dimension/)
    expect(() => new SepCmaEs({ mean: [0], sigma: 0, seed: 1 })).toThrow(/sigma/)
  })

  it('clamps into the box with a squared-distance penalty', () => {
    const { clamped, penalty } = boxPenalty([-0.5, 0.5, 1.25])
    expect(Array.from(clamped)).toEqual([0, 0.5, 1])
    expect(penalty).toBeCloseTo(0.3125)
  })
})
