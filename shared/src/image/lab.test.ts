import { describe, expect, it } from 'vitest'
import { deltaE76, labToSrgb, srgbToLab } from './lab.ts'

describe('CIELAB', () => {
  it('matches reference values (white, black, sRGB red)', () => {
    const close = (v: number[], w: number[]) => v.forEach((x, i) => expect(x).toBeCloseTo(w[i]!, 1))
    close(srgbToLab([255, 255, 255]), [100, 0, 0])
    close(srgbToLab([0, 0, 0]), [0, 0, 0])
    close(srgbToLab([255, 0, 0]), [53.24, 80.09, 67.2])
  })

  it('comes back from CIELAB to the sRGB colour it was made from, clamped outside the gamut', () => {
    for (const rgb of [[200, 150, 120], [60, 40, 32], [255, 255, 255], [0, 0, 0], [12, 200, 90]] as const)
      labToSrgb(srgbToLab(rgb)).forEach((v, c) => expect(v).toBeCloseTo(rgb[c]!, 2))
    expect(labToSrgb([50, 120, -120]).every((v) => v >= 0 && v <= 255)).toBe(true)
  }) // prettier-ignore

  it('measures CIE76 differences', () => {
    expect(deltaE76([200, 150, 120], [200, 150, 120])).toBe(0)
    expect(deltaE76([0, 0, 0], [255, 255, 255])).toBeCloseTo(100, 3)
  })
})
