import { describe, expect, it } from 'vitest'
import { deltaE76, srgbToLab } from './lab.ts'

describe('CIELAB', () => {
  it('matches reference values (white, black, sRGB red)', () => {
    const close = (v: number[], w: number[]) => v.forEach((x, i) => expect(x).toBeCloseTo(w[i]!, 1))
    close(srgbToLab([255, 255, 255]), [100, 0, 0])
    close(srgbToLab([0, 0, 0]), [0, 0, 0])
    close(srgbToLab([255, 0, 0]), [53.24, 80.09, 67.2])
  })

  it('measures CIE76 differences', () => {
    expect(deltaE76([200, 150, 120], [200, 150, 120])).toBe(0)
    expect(deltaE76([0, 0, 0], [255, 255, 255])).toBeCloseTo(100, 3)
  })
})
