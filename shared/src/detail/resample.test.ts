/**
 * @file The detail image's preparation for drawing (detail/resample): sharpening only within the face's pixels,
 * and a Catmull-Rom doubling that keeps what it is given.
 */
import { describe, expect, it } from 'vitest'
import type { SkinDetailBasis } from './basis.ts'
import { octavePixels } from './octave.ts'
import {
  detailSupport,
  drawnDetail,
  OCTAVE_DRAW,
  SHARPEN,
  sharpenDetail,
  upsample2,
  WOMEN_PUSH,
} from './resample.ts'

const SIZE = 16
/** The pixels of a centred square (the "face"), ascending. */
const square = (from: number, to: number) => {
  const px: number[] = []
  for (let y = from; y < to; y++) for (let x = from; x < to; x++) px.push(y * SIZE + x)
  return px
}

describe('sharpenDetail', () => {
  it('leaves a flat face flat up to its border, and the pixels outside it untouched', () => {
    const pixels = square(4, 12)
    const image = new Float32Array(SIZE * SIZE)
    for (const p of pixels) image[p] = 5
    image[0] = 9 // outside the face: not read, not written
    const out = sharpenDetail(image, SIZE, pixels)
    for (const p of pixels) expect(out[p]).toBeCloseTo(5, 5) // no dark rim where the image steps to 0
    expect(out[0]).toBe(9)
    expect(out[SIZE * 3 + 3]).toBe(0)
  })

  it("adds back SHARPEN of a spot's fine band and is linear", () => {
    const pixels = square(2, 14)
    const spot = new Float32Array(SIZE * SIZE)
    spot[8 * SIZE + 8] = 10
    const out = sharpenDetail(spot, SIZE, pixels)
    // the binomial blur keeps (6/16)^2 of a spot at its centre
    expect(out[8 * SIZE + 8]).toBeCloseTo(10 + SHARPEN * (10 - 10 * (6 / 16) ** 2), 4)
    expect(out[8 * SIZE + 9]).toBeLessThan(0) // its neighbours dip: the spot's edge is steeper
    const twice = sharpenDetail(
      spot.map((v) => 2 * v),
      SIZE,
      pixels
    )
    for (let i = 0; i < out.length; i++) expect(twice[i]).toBeCloseTo(2 * out[i]!, 4)
    expect(sharpenDetail(spot, SIZE, pixels, 0)).toEqual(spot)
  })
})

describe('upsample2', () => {
  it('doubles the grid over the same square and keeps a linear ramp exactly', () => {
    const ramp = Float32Array.from(
      { length: SIZE * SIZE },
      (_, i) => 3 * (i % SIZE) - 2 * Math.floor(i / SIZE)
    )
    const up = upsample2(ramp, SIZE)
    expect(up.length).toBe(4 * SIZE * SIZE)
    // output pixel X's centre is input coordinate X / 2 - 0.25 (away from the clamped edges)
    for (const [X, Y] of [
      [4, 6],
      [5, 6],
      [17, 23],
      [20, 9],
    ] as const)
      expect(up[Y * 2 * SIZE + X]).toBeCloseTo(3 * (X / 2 - 0.25) - 2 * (Y / 2 - 0.25), 4)
  })

  it('keeps zero at zero and a spot sharper than bilinear would', () => {
    expect(upsample2(new Float32Array(SIZE * SIZE), SIZE).every((v) => v === 0)).toBe(true)
    const spot = new Float32Array(SIZE * SIZE)
    spot[8 * SIZE + 8] = 1
    const up = upsample2(spot, SIZE)
    // the four output pixels around the spot's centre: Catmull-Rom's 0.8672^2, bilinear's 0.75^2
    expect(up[16 * 2 * SIZE + 16]).toBeCloseTo(0.8672 ** 2, 3)
    expect(up[16 * 2 * SIZE + 16]!).toBeGreaterThan(0.75 ** 2)
    expect(up.reduce((a, b) => a + b, 0)).toBeCloseTo(4, 4) // a spot's mass is kept (times the 4 new pixels)
  })
})

describe('drawnDetail', () => {
  // a basis as far as drawing reads it: its grid, its pixels and the two sexes' means over them
  const pixels = square(3, 13)
  const women = Float32Array.from(pixels, (_, i) => Math.sin(i))
  const men = Float32Array.from(pixels, (_, i) => Math.sin(i) + 2 * Math.cos(i * 0.7))
  const basis = {
    size: SIZE,
    pixels: Uint16Array.from(pixels),
    version: 1,
    means: [women, men],
    earlierMeans: [],
  } as unknown as SkinDetailBasis
  const image = new Float32Array(SIZE * SIZE)
  pixels.forEach((p, i) => (image[p] = 3 * Math.cos(i * 1.3)))

  it("draws a man's detail sharpened and doubled, nothing moved", () => {
    expect(drawnDetail(basis, image, 1)).toEqual({
      image: upsample2(sharpenDetail(image, SIZE, pixels), SIZE),
      size: 2 * SIZE,
      support: detailSupport(basis),
    })
  })

  it('says where the drawn image stands for the photo’s skin: the covered pixels, doubled as the image', () => {
    const support = detailSupport(basis)
    expect(support.length).toBe(4 * SIZE * SIZE)
    expect(detailSupport(basis)).toBe(support) // once per basis
    const at = (x: number, y: number) => support[y * 2 * SIZE + x]!
    const covered = new Set(pixels)
    for (let Y = 0; Y < 2 * SIZE; Y++)
      for (let X = 0; X < 2 * SIZE; X++) {
        const v = at(X, Y)
        expect(v).toBeGreaterThanOrEqual(0)
        expect(v).toBeLessThanOrEqual(1)
        // a doubled pixel whose source pixels within Catmull-Rom's reach (2) are all covered (or not) is in (or out)
        const x = X >> 1,
          y = Y >> 1
        const around = [-2, -1, 0, 1, 2].flatMap((dy) =>
          [-2, -1, 0, 1, 2].map((dx) => (y + dy) * SIZE + x + dx)
        )
        if (around.every((p) => covered.has(p))) expect(v).toBeCloseTo(1, 5)
        if (around.every((p) => !covered.has(p))) expect(v).toBeCloseTo(0, 5)
      }
  })

  it("draws a woman's further from men's mean, by WOMEN_PUSH of the difference at gender 0", () => {
    const moved = Float32Array.from(image)
    pixels.forEach((p, i) => (moved[p] = image[p]! - WOMEN_PUSH * (men[i]! - women[i]!)))
    const drawn = drawnDetail(basis, image, 0).image
    const expected = upsample2(sharpenDetail(moved, SIZE, pixels), SIZE)
    for (let i = 0; i < drawn.length; i++) expect(drawn[i]).toBeCloseTo(expected[i]!, 5)
    // halfway between the sexes, half the push
    const half = drawnDetail(basis, image, 0.5).image
    const man = drawnDetail(basis, image, 1).image
    for (let i = 0; i < drawn.length; i++) expect(half[i]).toBeCloseTo((drawn[i]! + man[i]!) / 2, 4)
  })

  it('draws an octave on the doubled image, unsharpened on the grid, and sharpens the sum at its own size', () => {
    const at = octavePixels(pixels, SIZE)
    const octave = Float32Array.from(at, (_, k) => 2 * Math.sin(k * 2.3))
    const drawn = drawnDetail(basis, image, 1, 1, octave)
    const up = upsample2(image, SIZE)
    at.forEach((q, k) => (up[q] = up[q]! + OCTAVE_DRAW.gain * octave[k]!))
    expect(drawn).toEqual({
      image: sharpenDetail(up, 2 * SIZE, at, OCTAVE_DRAW.sharpen),
      size: 2 * SIZE,
      support: detailSupport(basis),
    })
    // a zero octave draws the grid's image at the sum's sharpening, not the grid's own
    const plain = drawnDetail(basis, image, 1, 1, new Float32Array(at.length)).image
    expect(plain).toEqual(sharpenDetail(upsample2(image, SIZE), 2 * SIZE, at, OCTAVE_DRAW.sharpen))
    expect(plain).not.toEqual(drawnDetail(basis, image, 1).image)
    expect(() => drawnDetail(basis, image, 1, 1, octave.subarray(1))).toThrow(
      /has 400 values for this basis \(four per pixel\), got 399/
    )
  })
})
