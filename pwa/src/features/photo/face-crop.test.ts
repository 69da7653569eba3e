import { describe, expect, it } from 'vitest'
import { FRONT_LANDMARKS_V2 } from '@facecraft/shared/engine-v2/front-landmarks'
import { cropTransform } from './face-crop.ts'
import { viewToPhoto } from './worker/view-frame.ts'

const apply = (m: number[], x: number, y: number) => [
  m[0]! * x + m[1]! * y + m[2]!,
  m[3]! * x + m[4]! * y + m[5]!,
]

/** The preview's front-view points as a photo would show them: turned by `angle`, scaled by `k`, moved by (tx, ty). */
function photoOf(angle: number, k: number, tx: number, ty: number): Float32Array {
  const [c, s] = [Math.cos(angle), Math.sin(angle)]
  const out = new Float32Array(136)
  for (let i = 0; i < 68; i++) {
    const [x, y] = [FRONT_LANDMARKS_V2[2 * i]!, FRONT_LANDMARKS_V2[2 * i + 1]!]
    out[2 * i] = k * (c * x - s * y) + tx
    out[2 * i + 1] = k * (s * x + c * y) + ty
  }
  return out
}

describe('the photo crop beside and under a character', () => {
  it("puts a face's eyes, nose and mouth where the preview draws a character's, whatever the photo's scale, turn and place", () => {
    const size = 512
    for (const [angle, k, tx, ty, decodedScale] of [[0, 800, 100, 50, 1], [0.2, 1500, -300, 200, 2.5], [-0.1, 300, 40, 10, 0.5]] as const) {
      const ibug68 = photoOf(angle, k, tx, ty)
      const m = cropTransform({ box: { x: 0, y: 0, width: 1, height: 1 }, view: viewToPhoto(ibug68) }, 1000, 1000 * decodedScale, size)
      for (const i of [36, 39, 42, 45, 30, 48, 54, 8]) {
        // the decoded photo is `decodedScale` times the analysed one
        const [x, y] = apply(m, ibug68[2 * i]! * decodedScale, ibug68[2 * i + 1]! * decodedScale)
        expect(x).toBeCloseTo(FRONT_LANDMARKS_V2[2 * i]! * size, 3)
        expect(y).toBeCloseTo(FRONT_LANDMARKS_V2[2 * i + 1]! * size, 3)
      }
    }
  }) // prettier-ignore

  it('frames a photo stored before the view map by its face box: 2.1 box sides, the box centre a little below the middle', () => {
    const box = { x: 200, y: 100, width: 100, height: 120 }
    const m = cropTransform({ box }, 800, 1600, 420) // decoded at twice the analysed size
    const [cx, cy] = apply(m, (box.x + 50) * 2, (box.y + 60) * 2)
    expect(cx).toBeCloseTo(210, 6)
    expect(cy).toBeCloseTo(210 + 0.12 * 120 * 2 * (420 / (2.1 * 120 * 2)), 6)
    expect(m[0]).toBeCloseTo(420 / (2.1 * 120 * 2), 9) // the longer side of the box sets the scale
    expect([m[1], m[3]]).toEqual([0, 0])
  })
})
