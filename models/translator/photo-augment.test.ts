import { describe, expect, it } from 'vitest'
import { createImage, type RgbaImage } from '@facecraft/shared/image'
import { createRng } from '@facecraft/shared/utils'
import { DEGRADE, degradePhoto } from './photo-augment.ts'

/** A 400x300 test card: smooth gradients plus a sharp checker, opaque. */
function card(): RgbaImage {
  const image = createImage(400, 300)
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4
      const check = ((x >> 3) + (y >> 3)) % 2 ? 60 : 0
      image.data[i] = 40 + x / 3 + check
      image.data[i + 1] = 60 + y / 2
      image.data[i + 2] = 200 - x / 4 + check
      image.data[i + 3] = 255
    }
  }
  return image
}

const meanAbs = (a: Uint8ClampedArray, b: Uint8ClampedArray) => {
  let s = 0
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!)
  return s / a.length
}

describe('degradePhoto', () => {
  it('gives the same copy for the same seed and another for another seed', () => {
    const a = degradePhoto(card(), 200, createRng(3))
    const b = degradePhoto(card(), 200, createRng(3))
    const c = degradePhoto(card(), 200, createRng(4))
    expect(a.width).toBe(b.width)
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true)
    expect(c.width === a.width && Buffer.from(c.data).equals(Buffer.from(a.data))).toBe(false)
  })

  it('shrinks the face into the drawn width range and keeps the aspect ratio', () => {
    const random = createRng(1)
    const [lo, hi] = DEGRADE.faceWidth
    for (let k = 0; k < 20; k++) {
      const copy = degradePhoto(card(), 200, random)
      const face = (copy.width / 400) * 200
      expect(face).toBeGreaterThanOrEqual(lo - 1)
      expect(face).toBeLessThanOrEqual(hi + 1)
      expect(Math.abs(copy.height / copy.width - 0.75)).toBeLessThan(0.02)
      expect(copy.data.length).toBe(copy.width * copy.height * 4)
    }
  })

  it('keeps the size of a photo whose face is already small, yet changes its colours and adds JPEG loss', () => {
    const image = card()
    const before = Uint8ClampedArray.from(image.data)
    const copy = degradePhoto(image, 40, createRng(2))
    expect([copy.width, copy.height]).toEqual([400, 300])
    expect(image.data).toEqual(before) // the input is not changed
    const diff = meanAbs(copy.data, before)
    expect(diff).toBeGreaterThan(2)
    expect(diff).toBeLessThan(60) // still the same picture
    expect(copy.data.filter((v, i) => i % 4 === 3 && v !== 255).length).toBe(0) // opaque
  })
})
