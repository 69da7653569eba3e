import { describe, expect, it } from 'vitest'
import { createTarget, type RenderTarget } from '../../render/target.ts'
import { skinBand } from './skin-band.ts'

const N = 64

/** A target whose every sample is `color(x, y)` (grey, opaque), with aux (gain, support) from `aux(x, y)`. */
function target(
  color: (x: number, y: number) => number,
  aux: (x: number, y: number) => [number, number]
): RenderTarget {
  const t = createTarget(N, N)
  t.aux = new Float32Array(N * N * 2)
  for (let y = 0; y < N; y++)
    for (let x = 0; x < N; x++) {
      const i = x + y * N
      t.color.fill(color(x, y), i * 4, i * 4 + 3)
      t.color[i * 4 + 3] = 1
      ;[t.aux[i * 2], t.aux[i * 2 + 1]] = aux(x, y)
    }
  return t
}

const inside = (x: number, y: number) => x >= 16 && x < 48 && y >= 16 && y < 48
const checker = (x: number, y: number) => ((x + y) & 1 ? 0.3 : 0.5)

/** RMS of the difference of neighbouring samples (the finest band) over the inner square's core. */
function fineRms(t: RenderTarget): number {
  let s = 0,
    n = 0
  for (let y = 24; y < 40; y++)
    for (let x = 24; x < 40; x++) {
      const d = t.color[(x + y * N) * 4]! - t.color[(x + 1 + y * N) * 4]!
      s += d * d
      n++
    }
  return Math.sqrt(s / n)
}

describe('skinBand', () => {
  it('removes the engine’s own fine shading where the photo’s skin stands, and only there', () => {
    const t = target(checker, (x, y) => [1, inside(x, y) ? 1 : 0])
    const before = fineRms(t)
    skinBand(t, 2)
    expect(fineRms(t)).toBeLessThan(0.05 * before)
    // the coarse level stays (the checker's mean)
    expect(t.color[(32 + 32 * N) * 4]!).toBeCloseTo(0.4, 2)
    // unsupported samples are untouched
    for (const [x, y] of [
      [2, 2],
      [15, 30],
      [48, 30],
      [60, 60],
    ] as const)
      expect(t.color[(x + y * N) * 4]).toBe(Math.fround(checker(x, y)))
  })

  it('keeps the detail’s own shading (the gain) on the blurred base', () => {
    // a flat skin of 0.4 with a detail pattern drawn as a factor on it: nothing of the engine's own to remove
    const gain = (x: number, y: number) => 1 + 0.3 * Math.sin(x * 1.3) * Math.cos(y * 0.7)
    const t = target(
      (x, y) => 0.4 * gain(x, y),
      (x, y) => [gain(x, y), inside(x, y) ? 1 : 0]
    )
    const before = Float32Array.from(t.color)
    skinBand(t, 2)
    for (let i = 0; i < N * N * 4; i++) expect(t.color[i]).toBeCloseTo(before[i]!, 5)
  })

  it('does not blur unsupported samples (eyes, brows, background) into the skin', () => {
    // supported flat skin of 0.6 beside an unsupported dark band (an eye): the skin stays 0.6 up to the band
    const eye = (x: number, y: number) => y >= 30 && y < 34
    const t = target(
      (x, y) => (eye(x, y) ? 0.05 : 0.6),
      (x, y) => [1, inside(x, y) && !eye(x, y) ? 1 : 0]
    )
    skinBand(t, 3)
    for (let x = 16; x < 48; x++) {
      expect(t.color[(x + 29 * N) * 4]).toBeCloseTo(0.6, 5)
      expect(t.color[(x + 34 * N) * 4]).toBeCloseTo(0.6, 5)
      expect(t.color[(x + 31 * N) * 4]).toBe(Math.fround(0.05))
    }
  })

  it('moves a sample by its support: half-supported samples take half the change', () => {
    const full = target(checker, (x, y) => [1, inside(x, y) ? 1 : 0])
    const half = target(checker, (x, y) => [1, inside(x, y) ? (x === 32 ? 0.5 : 1) : 0])
    skinBand(full, 2)
    skinBand(half, 2)
    const i = (32 + 32 * N) * 4
    const v = checker(32, 32)
    expect(half.color[i]! - v).toBeCloseTo(0.5 * (full.color[i]! - v), 2)
  })

  it('changes nothing without an aux buffer or without supported samples', () => {
    const t = target(checker, () => [1, 0])
    const before = Float32Array.from(t.color)
    skinBand(t, 2)
    expect(t.color).toEqual(before)
    delete t.aux
    skinBand(t, 2)
    expect(t.color).toEqual(before)
  })
})
