import { describe, expect, it } from 'vitest'
import { downscaleToRgba } from './resize.ts'

/** Seeded bytes (a linear congruential stream): the same test data on every run. */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n)
  let s = seed
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff
    out[i] = s >> 16
  }
  return out
}

/** `src` (w x h, `ch` channels) with every pixel repeated into a 2 x 2 block. */
function doubled(src: Uint8Array, w: number, h: number, ch: number): Uint8Array {
  const out = new Uint8Array(w * h * 4 * ch)
  for (let y = 0; y < h * 2; y++)
    for (let x = 0; x < w * 2; x++)
      for (let c = 0; c < ch; c++)
        out[(y * w * 2 + x) * ch + c] = src[((y >> 1) * w + (x >> 1)) * ch + c]!
  return out
}

describe('downscaleToRgba', () => {
  it('copies a photo that needs no downscaling, as the box filter would (1 to 4 channels)', () => {
    const [w, h] = [37, 23]
    for (const ch of [1, 2, 3, 4]) {
      const src = bytes(w * h * ch, ch)
      const same = downscaleToRgba(src, w, h, ch, w, h)
      // the box path over 2 x 2 blocks of equal pixels gives each pixel back: the same bytes both ways
      const boxed = downscaleToRgba(doubled(src, w, h, ch), w * 2, h * 2, ch, w, h)
      expect(same.data).toEqual(boxed.data)
      const i = 5 * w + 7 // one pixel, spelled out
      const grey = ch < 3
      expect(Array.from(same.data.subarray(i * 4, i * 4 + 4))).toEqual([
        src[i * ch],
        src[i * ch + (grey ? 0 : 1)],
        src[i * ch + (grey ? 0 : 2)],
        ch === 4 ? src[i * ch + 3] : ch === 2 ? src[i * ch + 1] : 255,
      ])
    }
  })
})
