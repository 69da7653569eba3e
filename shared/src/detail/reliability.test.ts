/** @file How much of a photo's finest detail to trust: JPEG blockiness, the read's scale and the factors from them. */
import { decode, encode } from 'jpeg-js'
import { describe, expect, it } from 'vitest'
import { createImage, type RgbaImage } from '../image/index.ts'
import { blockiness, detailReliability, readScale, RELIABILITY } from './reliability.ts'
import { READ_SIZE } from './spec.ts'

/** A photo-like test image: smooth shading plus fine, skin-like texture (deterministic), w x h. */
function textured(w: number, h: number, seed = 5): RgbaImage {
  let s = seed >>> 0
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
  const image = createImage(w, h)
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const v = 130 + 50 * Math.sin(x / 23) * Math.cos(y / 31) + 12 * (rnd() - 0.5)
      image.data.set([v + 20, v, v - 15, 255], (y * w + x) * 4)
    }
  return image
}

/** `image` coded as JPEG at `quality` and decoded again. */
function jpeg(image: RgbaImage, quality: number): RgbaImage {
  const coded = encode({ ...image, data: Buffer.from(image.data) }, quality).data
  const d = decode(coded, { useTArray: true })
  return { width: d.width, height: d.height, data: new Uint8ClampedArray(d.data) }
}

/** The `w` x `h` part of `image` from (x0, y0). */
function cropped(image: RgbaImage, x0: number, y0: number, w: number, h: number): RgbaImage {
  const out = createImage(w, h)
  for (let y = 0; y < h; y++)
    out.data.set(image.data.subarray(((y0 + y) * image.width + x0) * 4, ((y0 + y) * image.width + x0 + w) * 4), y * w * 4)
  return out
} // prettier-ignore

describe('detail/reliability', () => {
  it('finds JPEG blocks, more of them the harder the coding, wherever the 8-px grid falls', () => {
    const photo = textured(240, 200)
    const never = blockiness(photo)
    const [q90, q75, q50] = [90, 75, 50].map((q) => blockiness(jpeg(photo, q)))
    expect(never).toBeLessThan(1.1)
    expect(q90!).toBeGreaterThan(never + 0.2)
    expect(q75!).toBeGreaterThan(q90!)
    expect(q50!).toBeGreaterThan(q75!)
    expect(q50!).toBeGreaterThan(1.5)
    // a JPEG cropped 3 px in (its grid no longer at 0) reads as blocky
    const shifted = blockiness(cropped(jpeg(photo, 50), 3, 5, 200, 160))
    expect(shifted).toBeGreaterThan(1.5)
    expect(Math.abs(shifted - q50!)).toBeLessThan(0.25 * q50!)
  })

  it('reads a photo too small to have blocks as clean', () => {
    expect(blockiness(createImage(8, 8))).toBe(1)
    const flat = createImage(64, 64)
    flat.data.fill(128)
    expect(blockiness(flat)).toBe(1)
  })

  it("gives the read's scale in photo pixels per read pixel", () => {
    // a unit square 448 px wide, rotated: 2 photo px per px of the 224-px read
    const a = 448 * Math.cos(0.3)
    const d = 448 * Math.sin(0.3)
    expect(readScale([a, -d, 10, d, a, 20])).toBeCloseTo(448 / READ_SIZE, 10)
  })

  it('keeps a sharp, cleanly coded read whole and trusts less of a smaller or blockier one', () => {
    const { scale, block } = RELIABILITY.reference
    expect(detailReliability(scale, block)).toEqual({ residual: 1, octave: 1 })
    // London's studio photos (read scale ~1.8, blockiness ~1.5): within 2% of whole
    for (const f of Object.values(detailReliability(1.84, 1.5))) expect(f).toBeGreaterThan(0.98)
    for (const key of ['residual', 'octave'] as const) {
      const at = (s: number, b: number) => detailReliability(s, b)[key]
      expect(at(0.55, 1.8)).toBeLessThan(at(0.75, 1.8))
      expect(at(0.75, 1.8)).toBeLessThan(at(1.1, 1.8))
      expect(at(0.75, 2.2)).toBeLessThan(at(0.75, 1))
      expect(at(0.55, 1.8)).toBeLessThan(0.8)
      for (const s of [0.01, 0.3, 0.6, 1, 2, 5, 50])
        for (const b of [0, 1, 2, 3, 10]) {
          expect(at(s, b)).toBeGreaterThanOrEqual(0)
          expect(at(s, b)).toBeLessThanOrEqual(1)
        }
    }
  })
})
