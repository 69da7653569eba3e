/** @file The solid fields curly hair is drawn from (curls.ts): range, period, continuity, contrast. */
import { describe, expect, it } from 'vitest'
import { clump, coil } from './curls.ts'
import { hash2 } from './noise.ts'

/** Points over a head-sized box (cm), on a 1/64 cm grid so that shifts by whole periods stay exact. */
const points = Array.from({ length: 3000 }, (_, i) => {
  const q = (k: number) => Math.round((hash2(i, k, 5) - 0.5) * 30 * 64) / 64
  return [q(0), q(1) + 5, q(2)] as const
})

describe('curl fields', () => {
  for (const [name, f, period] of [
    ['coil', coil, 8],
    ['clump', clump, 16],
  ] as const) {
    it(`${name}: within [0, 1], periodic (${period} cm), continuous, and with contrast`, () => {
      let min = 1,
        max = 0,
        sum = 0
      for (const [x, y, z] of points) {
        const v = f(x, y, z)
        expect(v).toBeGreaterThanOrEqual(0)
        expect(v).toBeLessThanOrEqual(1)
        min = Math.min(min, v)
        max = Math.max(max, v)
        sum += v
        expect(f(x + period, y, z)).toBe(v)
        expect(f(x, y - period, z)).toBe(v)
        expect(f(x, y, z + 2 * period)).toBe(v)
        // A tenth of a millimetre moves the field by little: no seams between texels or periods.
        expect(Math.abs(f(x + 0.01, y + 0.01, z - 0.01) - v)).toBeLessThan(0.05)
      }
      // Crests and creases (coils), dense and sparse clumps: both fields use most of their range.
      expect(min).toBeLessThan(0.15)
      expect(max).toBeGreaterThan(0.85)
      const mean = sum / points.length
      expect(mean).toBeGreaterThan(0.25)
      expect(mean).toBeLessThan(0.7)
    })
  }
})
