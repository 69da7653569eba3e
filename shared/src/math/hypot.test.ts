import { describe, expect, it } from 'vitest'
import { hypot2, hypot3 } from './hypot.ts'

/** A seeded spread of values: zeros of both signs, tiny, huge, and everyday magnitudes. */
function values(n: number): Float64Array {
  let seed = 12345
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const k = rnd()
    out[i] =
      k < 0.03
        ? 0
        : k < 0.05
          ? -0
          : (rnd() - 0.5) * 10 ** (Math.floor(rnd() * 24) - 12) * (1 + rnd())
  }
  return out
}

describe('hypot2 / hypot3', () => {
  it('give the bits of the running engine Math.hypot', () => {
    const v = values(600_000)
    let bad = 0
    for (let i = 0; i + 2 < v.length; i++) {
      if (!Object.is(hypot3(v[i]!, v[i + 1]!, v[i + 2]!), Math.hypot(v[i]!, v[i + 1]!, v[i + 2]!)))
        bad++
      if (!Object.is(hypot2(v[i]!, v[i + 1]!), Math.hypot(v[i]!, v[i + 1]!))) bad++
    }
    expect(bad).toBe(0)
  })

  it('agree on special values', () => {
    const sp = [0, -0, NaN, Infinity, -Infinity, 5e-324, 1e-310, 1.7e308, 1, -3, 0.1]
    for (const x of sp) {
      for (const y of sp) {
        expect(Object.is(hypot2(x, y), Math.hypot(x, y)), `${x} ${y}`).toBe(true)
        for (const z of sp) expect(Object.is(hypot3(x, y, z), Math.hypot(x, y, z))).toBe(true)
      }
    }
  })

  it('differ from the naive sqrt of squares (so the test above can fail)', () => {
    const v = values(30_000)
    let differ = 0
    for (let i = 0; i + 2 < v.length; i++) {
      const [x, y, z] = [v[i]!, v[i + 1]!, v[i + 2]!]
      if (hypot3(x, y, z) !== Math.sqrt(x * x + y * y + z * z)) differ++
    }
    expect(differ).toBeGreaterThan(100)
  })
})
