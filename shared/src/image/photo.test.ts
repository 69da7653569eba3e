import { describe, expect, it } from 'vitest'
import { decodeImage } from './decode/index.ts'
import { downscaleToRgba } from './decode/resize.ts'
import { encodePng } from './png.ts'
import { createImage } from './types.ts'
import { PHOTO_MAX_SIDE, photoForAnalysis, photoSize, photoTooLarge } from './photo.ts'

/** Bytes that differ (toEqual on megabyte arrays is far too slow). */
function differing(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let n = Math.abs(a.length - b.length)
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) n++
  return n
}

describe('photo size rule', () => {
  it('fits the longer side to PHOTO_MAX_SIDE with the box filter, and leaves small photos alone', () => {
    expect(photoSize(4032, 3024)).toEqual([PHOTO_MAX_SIDE, 768])
    expect(photoSize(3024, 4032)).toEqual([768, PHOTO_MAX_SIDE])
    expect(photoSize(640, 480)).toEqual([640, 480])
    const big = createImage(2100, 900)
    for (let i = 0; i < big.data.length; i++) big.data[i] = (i * 37) % 251
    const out = photoForAnalysis(big.data, big.width, big.height)
    expect([out.width, out.height]).toEqual([PHOTO_MAX_SIDE, 439])
    expect(differing(out.data, downscaleToRgba(big.data, 2100, 900, 4, 1024, 439).data)).toBe(0)
  })

  it('is what the CLI decoder does by default (phone and CLI analyse the same pixels)', () => {
    const big = createImage(1500, 700)
    for (let i = 0; i < big.data.length; i++) big.data[i] = i % 4 === 3 ? 255 : (i * 13) % 256
    const decoded = decodeImage(encodePng(big)).image
    const phone = photoForAnalysis(big.data, big.width, big.height)
    expect([decoded.width, decoded.height]).toEqual([phone.width, phone.height])
    expect(differing(decoded.data, phone.data)).toBe(0)
  })

  it('refuses more than 50 MP with a message that says what to do', () => {
    expect(photoTooLarge(4000, 3000)).toBeNull()
    expect(photoTooLarge(10000, 6000)).toMatch(/\(60 MP\), more than the 50 MP limit; resize it/)
  })
})
