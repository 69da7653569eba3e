/** @file A read kept on its own sex's side (detail/sex), on a small basis whose geometry is known. */
import { describe, expect, it } from 'vitest'
import type { SkinDetailBasis } from './basis.ts'
import { onOwnSide } from './sex.ts'

/**
 * Four unit components over 16 pixels (the first four pixels, one each), spreads 2, 1, 4, 1; men's mean is
 * women's + 3 on pixel 0 and 4 on pixel 1 (and 5 on pixel 9, which no component spans).
 */
function basis(sameMeans = false): SkinDetailBasis {
  const n = 16
  const components = new Float32Array(4 * n)
  for (let k = 0; k < 4; k++) components[k * n + k] = 1
  const female = new Float32Array(n)
  const male = Float32Array.from(female)
  if (!sameMeans) {
    male[0] = 3
    male[1] = 4
    male[9] = 5
  }
  return {
    version: 1,
    size: 4,
    count: 4,
    photos: 10,
    pixels: Uint16Array.from({ length: n }, (_, i) => i),
    means: [female, male],
    earlierMeans: [],
    components,
    spread: Float32Array.of(2, 1, 4, 1),
  }
}

/** The deviation's part along men-minus-women over what the components span (pixels 0, 1: direction (3, 4) / 5). */
const along = (w: ArrayLike<number>) => (w[0]! * 2 * 3 + w[1]! * 1 * 4) / 5

describe('onOwnSide', () => {
  const b = basis()

  it("drops the part of a woman's read that points toward men, and keeps the rest of it", () => {
    const w = [1, 1, 0.5, -2] // deviation (2, 1) on pixels 0-1: along = (6 + 4) / 5 = 2 toward men
    expect(along(w)).toBeCloseTo(2, 6)
    const out = onOwnSide(b, w, 0.1)
    expect(along(out)).toBeCloseTo(0, 5)
    // what is across the direction stays: components 2 and 3, and the part of (2, 1) across (3, 4)
    expect(out[2]).toBeCloseTo(0.5, 6)
    expect(out[3]).toBeCloseTo(-2, 6)
    const across = (v: ArrayLike<number>) => (v[0]! * 2 * 4 - v[1]! * 1 * 3) / 5
    expect(across(out)).toBeCloseTo(across(w), 5)
  })

  it("leaves a woman's read that points toward women, and a man's that points toward men, as it was", () => {
    expect(Array.from(onOwnSide(b, [-1, -0.5, 1, 0], 0.2))).toEqual([-1, -0.5, 1, 0])
    expect(Array.from(onOwnSide(b, [1, 1, 0, 3], 0.9))).toEqual([1, 1, 0, 3])
  })

  it("drops the part of a man's read that points toward women", () => {
    const out = onOwnSide(b, [-1, -2, 0.25, 0], 0.8)
    expect(along(out)).toBeCloseTo(0, 5)
    expect(out[2]).toBeCloseTo(0.25, 6)
  })

  it('changes nothing when the two means are the same, and keeps weights in range', () => {
    expect(Array.from(onOwnSide(basis(true), [3, 3, 0, 0], 0))).toEqual([3, 3, 0, 0])
    const out = onOwnSide(b, [4, -4, 0, 0], 0) // along = (24 - 16) / 5 > 0: moved, still within +-4
    expect(out.every((v) => Math.abs(v) <= 4)).toBe(true)
  })

  it('takes fewer weights than components (an earlier basis), changing only those', () => {
    const out = onOwnSide(b, [1, 1], 0)
    expect(out).toHaveLength(2)
    expect(along(out)).toBeCloseTo(0, 5)
  })
})
