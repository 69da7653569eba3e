import { describe, expect, it } from 'vitest'
import { applyAffine, type Affine } from './affine.ts'
import { ImagePyramid } from './pyramid.ts'

/** A seeded RGBA image (some pixels half transparent). */
function image(width: number, height: number, seed: number) {
  const data = new Uint8ClampedArray(width * height * 4)
  let s = seed
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff
    data[i] = i % 4 === 3 ? ((s >> 16) % 3 === 0 ? 128 : 255) : s >> 16
  }
  return { width, height, data }
}

/**
 * The warp as first written: each output pixel's source point by applyAffine, its four bilinear taps visited in
 * order and summed where they fall inside the level (outside reads 0), then scaled.
 */
function reference(p: ImagePyramid, m: Affine, width: number, height: number, scale: number, offset: number) {
  const span = Math.hypot(m[0], m[3])
  let li = 0
  while (li + 1 < p.levels.length && p.levels[li + 1]!.scale * span >= 1) li++
  const level = p.levels[li]!
  const out = new Float32Array(width * height * 3)
  for (let v = 0; v < height; v++)
    for (let u = 0; u < width; u++) {
      const [x, y] = applyAffine(m, u + 0.5, v + 0.5).map((c) => c * level.scale - 0.5) as [number, number]
      const x0 = Math.floor(x)
      const y0 = Math.floor(y)
      const px = [0, 0, 0]
      for (let j = 0; j < 2; j++)
        for (let i = 0; i < 2; i++) {
          const xx = x0 + i
          const yy = y0 + j
          if (xx < 0 || yy < 0 || xx >= level.width || yy >= level.height) continue
          const w = (j ? y - y0 : 1 - (y - y0)) * (i ? x - x0 : 1 - (x - x0))
          for (let c = 0; c < 3; c++) px[c] = px[c]! + w * level.rgb[(xx + yy * level.width) * 3 + c]!
        }
      const o = (u + v * width) * 3
      for (let c = 0; c < 3; c++) out[o + c] = Math.fround(px[c]!) * scale + offset
    }
  return out
} // prettier-ignore

describe('ImagePyramid.warp', () => {
  it('gives the floats of the plain bilinear loop, inside the image, at its edges and past them, at any level', () => {
    const p = new ImagePyramid(image(300, 260, 3))
    expect(p.levels.length).toBeGreaterThan(2)
    const cases: [Affine, number, number][] = [
      [[0.93, 0.11, -12.3, -0.08, 1.02, 7.9], 64, 48], // about 1:1, running off the left and top edges
      [[2.6, 0.3, 40.2, -0.2, 2.4, 30.7], 40, 40], // shrinking: read from a halved level
      [[1.1, 0, 250.25, 0, 1.1, 220.5], 32, 32], // mostly past the right and bottom edges
    ]
    for (const [m, w, h] of cases) {
      const got = p.warp(m, w, h, 1 / 127.5, -1)
      const want = reference(p, m, w, h, 1 / 127.5, -1)
      expect(got.length).toBe(want.length)
      expect(got.every((v, i) => Object.is(v, want[i]))).toBe(true)
    }
  })
})
