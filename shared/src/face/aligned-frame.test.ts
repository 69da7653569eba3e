import { describe, expect, it } from 'vitest'
import { applyAffine } from './affine.ts'
import { alignedFrameFor, alignTemplate } from './align.ts'

describe('alignedFrameFor', () => {
  it('maps a face (the template moved, turned and scaled in a 200 px image) back onto the template', () => {
    const t = alignTemplate()
    const [s, a, dx, dy] = [130, 0.2, 40, 25]
    const points = Array.from({ length: 68 }, (_, k) => {
      const x = t[2 * k]!, y = t[2 * k + 1]! // prettier-ignore
      return [
        s * (Math.cos(a) * x - Math.sin(a) * y) + dx,
        s * (Math.sin(a) * x + Math.cos(a) * y) + dy,
      ]
    }).flat()
    const frame = alignedFrameFor(points, 200)
    for (let k = 0; k < 68; k++) {
      const [u, v] = applyAffine(frame, points[2 * k]! / 200, points[2 * k + 1]! / 200)
      expect(u).toBeCloseTo(t[2 * k]!, 5)
      expect(v).toBeCloseTo(t[2 * k + 1]!, 5)
    }
  })

  it('refuses degenerate points with a clear message', () => {
    expect(() => alignedFrameFor(new Float32Array(136), 100)).toThrow(/degenerate/)
  })
})
