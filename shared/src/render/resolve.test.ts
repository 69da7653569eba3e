/** @file The resolve: supersampled box filter, and the factor-1 edge filter that anti-aliases large renders. */
import { describe, expect, it } from 'vitest'
import { resolveImage } from './resolve.ts'

/** A w x w linear target: grey 0.5 where x > y (a hard diagonal edge), empty elsewhere. */
function diagonal(w: number): Float32Array {
  const c = new Float32Array(w * w * 4)
  for (let y = 0; y < w; y++)
    for (let x = 0; x < w; x++) {
      if (x <= y) continue
      const o = (x + y * w) * 4
      c.set([0.5, 0.5, 0.5, 1], o)
    }
  return c
}

describe('resolveImage at factor 1 (edge filter)', () => {
  it('softens a hard edge on a solid background and keeps flat regions exact', () => {
    const w = 16
    const img = resolveImage(diagonal(w), w, w, 1, [0, 0, 0])
    const at = (x: number, y: number) => img.data[(x + y * w) * 4]!
    const inside = at(12, 3)
    const outside = at(3, 12)
    expect(inside).toBeGreaterThan(150) // sRGB of linear 0.5 is 188
    expect(outside).toBe(0)
    // Pixels on the diagonal step get values between the two sides.
    const onEdge = at(8, 8)
    const justInside = at(9, 8)
    expect(onEdge).toBeGreaterThan(outside)
    expect(justInside).toBeLessThan(inside)
    expect(justInside).toBeGreaterThan(onEdge)
  })

  it('gives partial alpha along the silhouette on a transparent background', () => {
    const w = 16
    const img = resolveImage(diagonal(w), w, w, 1, null)
    const alpha = (x: number, y: number) => img.data[(x + y * w) * 4 + 3]!
    expect(alpha(12, 3)).toBe(255)
    expect(alpha(3, 12)).toBe(0)
    expect(alpha(8, 8)).toBeGreaterThan(0)
    expect(alpha(8, 8)).toBeLessThan(255)
    // Colour stays the object's colour (un-premultiplied), not darkened toward the empty side.
    expect(Math.abs(img.data[(8 + 8 * w) * 4]! - img.data[(12 + 3 * w) * 4]!)).toBeLessThanOrEqual(
      2
    )
  })
})
