/**
 * @file Skin detail on engine v2: a character's `detail` weights change its face's skin, and only there; without
 * detail (or without the basis) a render is what it always was.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  alignedPoints,
  asReleased,
  BAND_SIGMA,
  gaussianBlur,
  decodeSkinDetail,
  detailImage,
  READ_SIZE,
  SKIN_DETAIL_COUNT,
  SKIN_DETAIL_COUNTS,
  SKIN_DETAIL_PIXELS,
  SKIN_DETAIL_VERSION,
  encodeOctave,
  encodeResidual,
  octavePixels,
  weightCount,
  toShapeFree,
  type SkinDetailBasis,
} from '../../detail/index.ts'
import { alignedCrop, alignmentFor } from '../../face/align.ts'
import type { Character } from '../../rig/schema.ts'
import { randomPlausibleCharacter } from '../../rig/v2/character.ts'
import { crc32 } from '../../utils/crc32.ts'
import { lookShader, useHeadPack, type CharacterEngineV2 } from './index.ts'

const PACK = new URL('../../../assets/head-v2/head-v2.bin', import.meta.url)
const BASIS = new URL(
  `../../../assets/skin-detail/skin-detail-v${SKIN_DETAIL_VERSION}.bin`,
  import.meta.url
)

let engine: CharacterEngineV2
let basis: SkinDetailBasis
beforeAll(() => {
  engine = useHeadPack(new Uint8Array(readFileSync(PACK)))
  basis = decodeSkinDetail(new Uint8Array(readFileSync(BASIS)))
})

/** A character with skin detail: weights that swing over the first components. */
function withDetail(c: Character, scale = 2): Character {
  const weights = Array.from({ length: SKIN_DETAIL_COUNT }, (_, i) =>
    i < 24 ? scale * Math.cos(i * 2.3) : 0
  )
  return { ...c, detail: { basis: SKIN_DETAIL_VERSION, weights } }
}

const render = (c: Character) =>
  engine.render(c, { size: 192, background: [255, 255, 255] }, lookShader)
const hash = (img: { data: Uint8ClampedArray }) => crc32(new Uint8Array(img.data.buffer))

// The head pack's decode and bakes take a few seconds on a loaded CI core.
describe('skin detail', { timeout: 60_000 }, () => {
  it('is the released basis the rig validates against', () => {
    expect(basis.version).toBe(SKIN_DETAIL_VERSION)
    expect(weightCount(basis)).toBe(SKIN_DETAIL_COUNT)
  })

  it('changes the face skin and nothing around it', () => {
    engine.useSkinDetail(basis)
    const c = randomPlausibleCharacter(11)
    const plain = render(c)
    const detailed = render(withDetail(c))
    expect(engine.drawsDetail(withDetail(c))).toBe(true)
    let changed = 0
    let minX = 192
    let maxX = 0
    let minY = 192
    let maxY = 0
    for (let i = 0; i < 192 * 192; i++) {
      const d =
        Math.abs(plain.data[i * 4]! - detailed.data[i * 4]!) +
        Math.abs(plain.data[i * 4 + 1]! - detailed.data[i * 4 + 1]!)
      if (d === 0) continue
      changed++
      const x = i % 192
      const y = Math.floor(i / 192)
      minX = Math.min(minX, x)
      maxX = Math.max(maxX, x)
      minY = Math.min(minY, y)
      maxY = Math.max(maxY, y)
    }
    // a visible share of the face, inside the head's middle (no background, no shoulders)
    expect(changed).toBeGreaterThan(1500)
    const lm = engine.landmarks(c, { size: 192 }).ibug68
    const jawX = [lm[0]!, lm[32]!] // jaw ends (points 0 and 16)
    expect(minX).toBeGreaterThan(jawX[0]! - 12)
    expect(maxX).toBeLessThan(jawX[1]! + 12)
    expect(maxY).toBeLessThan(lm[17]! + 10) // not below the chin (point 8)
    expect(minY).toBeGreaterThan(10)
    expect(Number.isNaN(detailed.data.reduce((a, b) => a + b, 0))).toBe(false)
  })

  it('fades the detail of a turned or tilted view, and none of a front one (detailTurn)', () => {
    engine.useSkinDetail(basis)
    const c = withDetail(randomPlausibleCharacter(11))
    const front = engine.appearance(c).detail!
    expect(front.turn ?? 0).toBe(0)
    expect(engine.appearance(c, { yaw: 0, pitch: 0 }).detail).toBe(front) // the same layer, the same texture
    for (const view of [{ yaw: 40 }, { yaw: -40 }, { pitch: -30 }, { yaw: 20, pitch: 20 }]) {
      const turned = engine.appearance(c, view).detail!
      expect(turned.turn).toBe(1)
      expect(turned.key).not.toBe(front.key) // a skin texture of its own
      expect(turned.image).toBe(front.image)
    }
    expect(engine.appearance(c, { yaw: 8 }).detail!.turn).toBeGreaterThan(0)
    expect(engine.appearance(c, { yaw: 8 }).detail!.turn).toBeLessThan(1)
    // from the front the render is the one it always was: nothing of the fade is drawn
    const opts = { size: 96, background: [255, 255, 255] as [number, number, number] }
    expect(hash(engine.render(c, opts, lookShader))).toBe(
      hash(engine.render(c, { ...opts, yaw: 0 }, lookShader))
    )
  })

  it('draws the same bytes every time, and louder weights change more', () => {
    engine.useSkinDetail(basis)
    const c = randomPlausibleCharacter(5)
    const a = render(withDetail(c))
    const b = render(withDetail(c))
    expect(hash(a)).toBe(hash(b))
    const plain = render(c)
    const diff = (x: typeof a) => x.data.reduce((s, v, i) => s + Math.abs(v - plain.data[i]!), 0)
    expect(diff(render(withDetail(c, 3)))).toBeGreaterThan(diff(render(withDetail(c, 0.5))))
  })

  it('shows the fine detail a little above the contrast it was read at, the mid band above it', () => {
    // The read measured the photo's luminance; the render must add the same luminance where the face is seen,
    // which is darker than its albedo under the studio light (look/skin.ts DETAIL_LIGHT). Each band's share is
    // fitted on its own: the fine band's image (what a v3 read draws) and the mid band's (the rest).
    // Measured per 2 x 2 block (the grid's own resolution), the fine band drew at 1.13 before session 45; it is now
    // sharpened on purpose (detail/resample: the grid cannot hold the photo's finest detail, and its top octave
    // drawn louder stands in for it), which puts it near 1.3.
    engine.useSkinDetail(basis)
    const c = randomPlausibleCharacter(3)
    const size = 384
    const shown = (x: Character) =>
      engine.render(x, { size, background: [255, 255, 255] }, lookShader)
    const ibug68 = engine.landmarks(c, { size }).ibug68
    const face = { ibug68, alignToImage: alignmentFor(ibug68) }
    const free = (x: Character) => {
      const crop = alignedCrop(shown(x), face.alignToImage, READ_SIZE).data
      const lum = Float32Array.from(
        { length: READ_SIZE * READ_SIZE },
        (_, i) => 0.299 * crop[i * 4]! + 0.587 * crop[i * 4 + 1]! + 0.114 * crop[i * 4 + 2]!
      )
      return toShapeFree(lum, READ_SIZE, alignedPoints(face))
    }
    const detailed = withDetail(c, 1.5)
    const [a, b] = [free(detailed), free(c)]
    // Where the detail is drawn, the engine's own fine band gives way to it (engine/v2/skin-band): the render with
    // detail lacks the plain render's fine band there, which is not the detail's to answer for, so it is put back.
    const own = gaussianBlur(b, READ_SIZE, BAND_SIGMA)
    for (let i = 0; i < a.length; i++) a[i] = a[i]! + b[i]! - own[i]!
    const male = c.sliders['who.gender']!
    const asked = detailImage(basis, detailed.detail!.weights, male)
    const fine = detailImage(basis, detailed.detail!.weights.slice(0, basis.count), male, 3)
    // least squares of the added luminance on the two bands' images, over the basis's pixels (at READ_SIZE: 2x2)
    let [ff, fm, mm, fy, my] = [0, 0, 0, 0, 0]
    const n = basis.size
    for (const p of basis.pixels) {
      const i = (p % n) * 2
      const j = Math.floor(p / n) * 2
      const f = fine[p]!
      const m = asked[p]! - f
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const y = a[(j + dy) * READ_SIZE + i + dx]! - b[(j + dy) * READ_SIZE + i + dx]!
        ff += f * f
        fm += f * m
        mm += m * m
        fy += f * y
        my += m * y
      }
    }
    const det = ff * mm - fm * fm
    const fineGain = (fy * mm - my * fm) / det
    const midGain = (ff * my - fm * fy) / det
    expect(fineGain).toBeGreaterThan(1.15)
    expect(fineGain).toBeLessThan(1.5)
    // The mid band comes out stronger than read (London, cli/scripts/detail-roundtrip.ts: median 1.56). Drawn at
    // 0.7 of it, near the photo's contrast, London's and the held-out photos' characters were less like their
    // people (docs/likeness.md, "Session 35"), so it stays; this pins it, lest it drift further.
    expect(midGain).toBeGreaterThan(1.1)
    expect(midGain).toBeLessThan(2)
  })

  it("keeps skin's colour in its folds: red changes least where the detail darkens (DETAIL_CHROMA)", () => {
    // In photos a fold darkens each sRGB channel about alike (R 1.06, G 0.99, B 0.91 per unit of luminance), so red,
    // the largest, changes least in proportion; one factor on all three (the engine until session 35) changes
    // each in proportion to its value, and folds read grey.
    engine.useSkinDetail(basis)
    const c = randomPlausibleCharacter(3)
    const [a, b] = [render(withDetail(c, 1.5)), render(c)]
    let [relR, relG, n] = [0, 0, 0]
    for (let p = 0; p < a.data.length; p += 4) {
      const [r0, g0, b0] = [b.data[p]!, b.data[p + 1]!, b.data[p + 2]!]
      const dy =
        0.299 * (a.data[p]! - r0) + 0.587 * (a.data[p + 1]! - g0) + 0.114 * (a.data[p + 2]! - b0)
      if (dy > -4 || Math.min(r0, g0, b0) < 20 || r0 === 255) continue
      relR += (a.data[p]! - r0) / r0
      relG += (a.data[p + 1]! - g0) / g0
      n++
    }
    expect(n).toBeGreaterThan(200)
    expect(relR / relG).toBeLessThan(0.85) // 0.74; one factor: 0.97
  })

  it('draws detail read on an earlier basis exactly as that basis drew it', () => {
    const c = randomPlausibleCharacter(7)
    const weights = Array.from({ length: SKIN_DETAIL_COUNT }, (_, i) => 1.5 * Math.sin(i * 0.7))
    for (const version of [1, 2, 3, 4]) {
      const count = SKIN_DETAIL_COUNTS[version]!
      const read = { ...c, detail: { basis: version, weights: weights.slice(0, count) } }
      // the basis of that version as released (detail.test.ts checks these bytes against its sha256)
      engine.useSkinDetail(asReleased(basis, version, count))
      const then = hash(render(read))
      engine.useSkinDetail(basis)
      expect(engine.drawsDetail(read)).toBe(true)
      expect(hash(render(read))).toBe(then)
    }
    // v1's 256 weights are v2's first 256 around the same means; v3's means are its own
    const onV1 = { ...c, detail: { basis: 1, weights: weights.slice(0, 256) } }
    const padded = (count: number) =>
      Array.from({ length: count }, (_, i) => (i < 256 ? weights[i]! : 0))
    expect(hash(render(onV1))).toBe(
      hash(render({ ...c, detail: { basis: 2, weights: padded(SKIN_DETAIL_COUNTS[2]!) } }))
    )
    expect(hash(render(onV1))).not.toBe(
      hash(render({ ...c, detail: { basis: 3, weights: padded(SKIN_DETAIL_COUNTS[3]!) } }))
    )
    expect(hash(render(onV1))).not.toBe(hash(render(c)))
    // v4 draws the mid band after v3's fine detail: its mean (less its average), and its weights
    const fine = weights.slice(0, SKIN_DETAIL_COUNTS[3]!)
    const onV3 = hash(render({ ...c, detail: { basis: 3, weights: fine } }))
    const mid = (w: number, count = SKIN_DETAIL_COUNTS[4]!) => [
      ...fine,
      ...Array(count - fine.length).fill(w),
    ]
    const v4 = hash(render({ ...c, detail: { basis: 4, weights: mid(0) } }))
    expect(v4).not.toBe(onV3)
    const v4Mid = hash(render({ ...c, detail: { basis: 4, weights: mid(1) } }))
    expect(v4Mid).not.toBe(v4)
    // v5 carries more of the mid band: a v4 read's weights draw the same on it, and the further ones add to them
    const v5 = (w: number) => [
      ...mid(1),
      ...Array(SKIN_DETAIL_COUNTS[5]! - SKIN_DETAIL_COUNTS[4]!).fill(w),
    ]
    expect(hash(render({ ...c, detail: { basis: 5, weights: v5(0) } }))).toBe(v4Mid)
    expect(hash(render({ ...c, detail: { basis: 5, weights: v5(1) } }))).not.toBe(v4Mid)
    // a basis newer than the engine's is not drawn (an older app opening a newer character)
    expect(
      engine.drawsDetail({
        ...c,
        detail: { basis: SKIN_DETAIL_VERSION + 1, weights: padded(SKIN_DETAIL_COUNT) },
      })
    ).toBe(false)
  })

  it("adds a read's residual to the weights' image on the fine grid, in the face's skin only", () => {
    engine.useSkinDetail(basis)
    const c = withDetail(randomPlausibleCharacter(8))
    const residual = (f: (i: number) => number) =>
      encodeResidual(Float32Array.from({ length: SKIN_DETAIL_PIXELS }, (_, i) => f(i)))
    const withResidual = (r: string): Character => ({ ...c, detail: { ...c.detail!, residual: r } })
    const plain = render(c)
    // a zero residual draws the weights alone, byte for byte
    expect(hash(render(withResidual(residual(() => 0))))).toBe(hash(plain))
    // a residual shaped like a component draws as that much more of its weight (to the residual's 1-level steps)
    const k = 3
    const n = basis.pixels.length
    const comp = basis.components.subarray(k * n, (k + 1) * n)
    const extra = 1.5 * basis.spread[k]!
    const more = c.detail!.weights.map((w, i) => (i === k ? w + 1.5 : w))
    const viaResidual = render(withResidual(residual((i) => extra * comp[i]!)))
    const viaWeight = render({ ...c, detail: { ...c.detail!, weights: more } })
    const mad = (a: typeof plain, b: typeof plain) =>
      a.data.reduce((t, v, i) => t + Math.abs(v - b.data[i]!), 0) / a.data.length
    expect(mad(viaResidual, plain)).toBeGreaterThan(0.2)
    expect(mad(viaResidual, viaWeight)).toBeLessThan(0.25 * mad(viaWeight, plain))
    // the skin only: nothing changes outside the jaw's span
    const lm = engine.landmarks(c, { size: 192 }).ibug68
    for (let i = 0; i < 192 * 192; i++) {
      const x = i % 192
      if (x > lm[0]! - 12 && x < lm[32]! + 12) continue
      for (let ch = 0; ch < 3; ch++)
        expect(viaResidual.data[i * 4 + ch]).toBe(plain.data[i * 4 + ch])
    }
  })

  it("draws a read's octave at twice the grid's resolution: finer grain on the face's skin only", () => {
    engine.useSkinDetail(basis)
    const base = withDetail(randomPlausibleCharacter(8))
    const residual = encodeResidual(
      Float32Array.from({ length: SKIN_DETAIL_PIXELS }, (_, i) => 2 * Math.sin(i * 0.7))
    )
    const c: Character = { ...base, detail: { ...base.detail!, residual } }
    const at = octavePixels(basis.pixels, basis.size)
    // a checkerboard at the octave's own pixels: what the grid (a 2 x 2 box average) cannot hold
    const side = basis.size * 2
    const checker = Float32Array.from(at, (q) =>
      ((q % side) + Math.floor(q / side)) % 2 ? 5.2 : -5.2
    )
    const withOctave = (o: Float32Array): Character => ({
      ...c,
      detail: { ...c.detail!, octave: encodeOctave(o) },
    })
    const size = 384
    const big = (x: Character) =>
      engine.render(x, { size, background: [255, 255, 255] }, lookShader)
    const plain = big(c)
    const zero = big(withOctave(new Float32Array(at.length)))
    const grain = big(withOctave(checker))
    expect(hash(grain)).not.toBe(hash(zero))
    // the finest grain (each pixel against its neighbours' mean) over the face rises with the octave
    const lm = engine.landmarks(c, { size }).ibug68
    const fine = (img: typeof plain) => {
      let t = 0
      for (let y = Math.round(lm[39]!); y < Math.round(lm[17]!); y++)
        for (let x = Math.round(lm[0]!) + 20; x < Math.round(lm[32]!) - 20; x++) {
          const g = (i: number) => img.data[i * 4 + 1]!
          const i = y * size + x
          t += Math.abs(g(i) - (g(i - 1) + g(i + 1) + g(i - size) + g(i + size)) / 4)
        }
      return t
    }
    expect(fine(grain)).toBeGreaterThan(1.1 * fine(zero))
    // the skin only: nothing changes outside the jaw's span
    for (let i = 0; i < size * size; i++) {
      const x = i % size
      if (x > lm[0]! - 24 && x < lm[32]! + 24) continue
      for (let ch = 0; ch < 3; ch++) expect(grain.data[i * 4 + ch]).toBe(plain.data[i * 4 + ch])
    }
  })

  it('leaves characters without detail, and engines without the basis, as they were', () => {
    engine.useSkinDetail(null)
    const c = randomPlausibleCharacter(11)
    const before = hash(render(c))
    expect(hash(render(withDetail(c)))).toBe(before) // no basis: drawn without it
    expect(engine.drawsDetail(withDetail(c))).toBe(false)
    engine.useSkinDetail(basis)
    expect(hash(render(c))).toBe(before)
  })
})
