/** @file A soft photo's detail read as if sharp: the sharpness measure and the unsharp mask that normalises it. */
import { describe, expect, it } from 'vitest'
import type { SkinDetailBasis } from './basis.ts'
import { gaussianBlur } from './blur.ts'
import { templatePoints } from './frame.ts'
import { luminance, readDetail } from './read.ts'
import { sharpenedLuminance, SHARPNESS, skinSharpness } from './sharpness.ts'
import { READ_SIZE } from './spec.ts'

const S = READ_SIZE

/** Skin-like luminance: a smooth shading plus fine, pore-sized noise (deterministic), all labelled skin but a border. */
function skin(seed = 3): { lum: Float32Array; labels: Uint8Array } {
  let s = seed >>> 0
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
  const lum = new Float32Array(S * S)
  const labels = new Uint8Array(S * S)
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++) {
      lum[y * S + x] = 140 + 30 * Math.sin(x / 20) * Math.cos(y / 25) + 24 * (rnd() - 0.5)
      labels[y * S + x] = x > 20 && x < S - 20 && y > 20 && y < S - 20 ? 1 : 0
    }
  return { lum, labels }
}

/** The RGBA crop of a luminance image (grey). */
const crop = (lum: Float32Array) => {
  const c = new Uint8ClampedArray(S * S * 4)
  lum.forEach((v, i) => c.fill(v, i * 4, i * 4 + 3))
  return c
}

describe('detail/sharpness', () => {
  it('leaves a sharp photo as it is', () => {
    const { lum, labels } = skin()
    expect(skinSharpness(lum, labels, S)).toBeGreaterThan(SHARPNESS.target)
    const out = sharpenedLuminance(lum, labels, S)
    expect(out.amount).toBe(0)
    expect(out.restored).toBe(true)
    expect(out.lum).toBe(lum)
  })

  it('sharpens a blurred photo up to the target, more the softer it is, and at most maxAmount', () => {
    const { lum, labels } = skin()
    const soft = gaussianBlur(lum, S, 1.6)
    expect(skinSharpness(soft, labels, S)).toBeLessThan(SHARPNESS.target)
    const out = sharpenedLuminance(soft, labels, S)
    expect(out.amount).toBeGreaterThan(0)
    expect(out.amount).toBeLessThan(SHARPNESS.maxAmount)
    expect(out.restored).toBe(true)
    expect(skinSharpness(out.lum, labels, S)).toBeCloseTo(SHARPNESS.target, 2)
    // far softer: the most it sharpens, which leaves it sharper than it was but short of the target
    const softer = gaussianBlur(lum, S, 2.4)
    const most = sharpenedLuminance(softer, labels, S)
    expect(most.amount).toBe(SHARPNESS.maxAmount)
    expect(most.restored).toBe(false)
    const [before, after] = [softer, most.lum].map((l) => skinSharpness(l, labels, S))
    expect(after).toBeGreaterThan(before!)
    expect(after).toBeLessThan(SHARPNESS.target)
    // the unsharp mask itself: the luminance plus amount x (itself minus its blur at the radius)
    const blurR = gaussianBlur(soft, S, SHARPNESS.radius)
    const i = 112 * S + 112
    expect(out.lum[i]!).toBeCloseTo(soft[i]! + out.amount * (soft[i]! - blurR[i]!), 3)
    // and the blurs the read takes are those of the sharpened luminance
    for (const [sigma, b] of out.blurs)
      expect(b[i]!).toBeCloseTo(gaussianBlur(out.lum, S, sigma)[i]!, 2)
    expect([...out.blurs.keys()]).toEqual([3, 8])
  })

  it('measures only the skin: a blurred background does not count', () => {
    const { lum, labels } = skin()
    const soft = gaussianBlur(lum, S, 2)
    const mixed = Float32Array.from(lum, (v, i) => (labels[i] ? v : soft[i]!))
    const inner = new Uint8Array(labels).map((l, i) => {
      const x = i % S
      const y = Math.floor(i / S)
      return l && x > 30 && x < S - 30 && y > 30 && y < S - 30 ? 1 : 0
    })
    expect(skinSharpness(mixed, inner, S)).toBeCloseTo(skinSharpness(lum, inner, S), 1)
  })

  it('a photo with no skin is left alone', () => {
    const { lum } = skin()
    const none = new Uint8Array(S * S)
    expect(skinSharpness(lum, none, S)).toBe(0)
    expect(sharpenedLuminance(gaussianBlur(lum, S, 2), none, S).amount).toBe(0)
  })

  it('readDetail reads a sharp crop exactly as without sharpening, a soft one differently', () => {
    const { lum, labels } = skin()
    const n = 64
    const size = S / 2
    const basis: SkinDetailBasis = {
      version: 1,
      size,
      count: 2,
      photos: 10,
      pixels: Uint16Array.from({ length: n }, (_, i) => (60 + (i >> 3)) * size + 60 + (i & 7)),
      means: [new Float32Array(n), new Float32Array(n)],
      earlierMeans: [],
      components: Float32Array.from(
        { length: 2 * n },
        (_, i) => (i < n ? 1 : (i % 2) * 2 - 1) / Math.sqrt(n)
      ),
      spread: Float32Array.of(1, 1),
    }
    const sharp = { crop: crop(lum), labels, points: templatePoints() }
    expect(skinSharpness(luminance(sharp.crop), labels, S)).toBeGreaterThan(SHARPNESS.target)
    expect(Array.from(readDetail(basis, sharp, 0.5))).toEqual(
      Array.from(readDetail(basis, sharp, 0.5, { sharpen: false }))
    )
    // a soft photo with strong structure at a few px (so its bytes' rounding does not pass for fine detail)
    const ridged = Float32Array.from(lum, (v, i) => v + 40 * Math.sin((2 * Math.PI * (i % S)) / 9))
    const soft = { ...sharp, crop: crop(gaussianBlur(ridged, S, 2.4)) }
    expect(skinSharpness(luminance(soft.crop), labels, S)).toBeLessThan(SHARPNESS.target)
    expect(Array.from(readDetail(basis, soft, 0.5))).not.toEqual(
      Array.from(readDetail(basis, soft, 0.5, { sharpen: false }))
    )
  })
})
