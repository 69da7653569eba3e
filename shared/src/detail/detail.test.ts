/** @file Skin detail: the spline frame, the basis file, composing and reading weights (small synthetic bases). */
import { describe, expect, it } from 'vitest'
import {
  asReleased,
  decodeSkinDetail,
  detailImage,
  encodeSkinDetail,
  weightCount,
  type SkinDetailBasis,
} from './basis.ts'
import { gaussianBlur } from './blur.ts'
import { bilinear, templatePoints, thinPlate, toShapeFree } from './frame.ts'
import { pca } from './pca.ts'
import {
  alignedPoints,
  faceDetail,
  fitDetail,
  foreshortenedPixels,
  occludedPixels,
  OCCLUSION,
  projectDetail,
  readDetail,
  readDetailFocused,
  boxAverage,
} from './read.ts'
import { octavePixels } from './octave.ts'
import { upsample2 } from './resample.ts'
import { onOwnSide } from './sex.ts'
import {
  MID_BAND,
  MID_COUNT,
  MID_SIZE,
  READ_SIZE,
  SKIN_DETAIL_COUNT,
  SKIN_DETAIL_COUNTS,
  SKIN_DETAIL_LIMIT,
  SKIN_DETAIL_PIXELS,
  SKIN_DETAIL_VERSION,
} from './spec.ts'

/** A deterministic pseudo-random stream in [0, 1). */
function stream(seed: number): () => number {
  let s = seed >>> 0
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
}

/** A basis of `count` orthonormal components over the first `n` pixels of a size x size grid. */
function basisOf(size: number, n: number, count: number, seed = 1): SkinDetailBasis {
  const rnd = stream(seed)
  const rows = Array.from({ length: count + 8 }, () =>
    Float32Array.from({ length: n }, () => rnd() * 20 - 10)
  )
  const p = pca(rows, count)
  const components = new Float32Array(count * n)
  p.components.forEach((c, k) => components.set(c, k * n))
  return {
    version: 1,
    size,
    count,
    photos: rows.length,
    pixels: Uint16Array.from({ length: n }, (_, i) => i * 2),
    means: [p.mean, p.mean.map((v, i) => v + ((i % 5) - 2))],
    earlierMeans: [],
    components,
    spread: Float32Array.from(p.variances, Math.sqrt),
  }
}

describe('gaussian blur', () => {
  it('gives the floats of a plainly clamped sum, inside and at the edges, for any channels', () => {
    // the reference: every tap clamped to the image, summed in order, as the blur did before its inside fast path
    const reference = (a: Float32Array, size: number, sigma: number, ch: number, bl: number) => {
      const r = Math.ceil(sigma * 2.5)
      const w = Array.from({ length: 2 * r + 1 }, (_, k) =>
        Math.exp(-((k - r) ** 2) / (2 * sigma * sigma))
      )
      const sum = w.reduce((x, y) => x + y, 0)
      const pass = (src: Float32Array, dx: number, dy: number) => {
        const out = new Float32Array(size * size * ch)
        for (let y = 0; y < size; y++)
          for (let x = 0; x < size; x++)
            for (let c = 0; c < bl; c++) {
              let acc = 0
              for (let k = -r; k <= r; k++) {
                const xx = Math.min(size - 1, Math.max(0, x + k * dx))
                const yy = Math.min(size - 1, Math.max(0, y + k * dy))
                acc += w[k + r]! * src[(yy * size + xx) * ch + c]!
              }
              out[(y * size + x) * ch + c] = acc / sum
            }
        return out
      }
      return pass(pass(a, 1, 0), 0, 1)
    }
    const rnd = stream(5)
    for (const [size, sigma, ch, bl] of [
      [64, 3, 1, 1],
      [64, 8, 1, 1],
      [10, 8, 1, 1],
      [30, 2, 3, 2],
      // one channel sums four pixels side by side inside: interiors (size - 16 at sigma 3) of 4k + 1, 2, 3 and 1
      [37, 3, 1, 1],
      [42, 3, 1, 1],
      [27, 3, 1, 1],
      [17, 3, 1, 1],
      [224, 1, 1, 1],
    ] as const) {
      const img = Float32Array.from({ length: size * size * ch }, () => rnd() * 255)
      const got = gaussianBlur(img, size, sigma, ch, bl)
      const want = reference(img, size, sigma, ch, bl)
      // bit for bit (toEqual would take -0 for 0)
      expect(got.every((v, i) => Object.is(v, want[i]))).toBe(true)
      expect(got.length).toBe(want.length)
    }
  })
})

describe('thin-plate spline', () => {
  it('passes through its control points and is the identity between equal point sets', () => {
    const src = templatePoints()
    const rnd = stream(3)
    const dst = src.map((v) => v + (rnd() - 0.5) * 0.02)
    const f = thinPlate(src, dst, 0)
    for (let i = 0; i < 68; i++) {
      const [x, y] = f(src[2 * i]!, src[2 * i + 1]!)
      expect(Math.abs(x - dst[2 * i]!)).toBeLessThan(1e-9)
      expect(Math.abs(y - dst[2 * i + 1]!)).toBeLessThan(1e-9)
    }
    const id = thinPlate(src, src)
    const [x, y] = id(0.37, 0.81)
    expect(x).toBeCloseTo(0.37, 9)
    expect(y).toBeCloseTo(0.81, 9)
  })

  it('refuses coincident points with a message', () => {
    expect(() => thinPlate(new Float32Array(136), new Float32Array(136))).toThrow(/degenerate/)
  })

  it('warps nothing when the face already has the template points', () => {
    const size = 32
    const img = Float32Array.from({ length: size * size }, (_, i) => (i % 7) - 3)
    const out = toShapeFree(img, size, templatePoints())
    for (let j = 1; j < size - 1; j++)
      for (let i = 1; i < size - 1; i++)
        expect(out[j * size + i]).toBeCloseTo(img[j * size + i]!, 4)
    expect(bilinear(img, size, -1, 3)).toBe(0)
  })
})

describe('skin-detail basis file', () => {
  const basis = basisOf(16, 60, 6)

  it('round-trips within int8 quantisation, and encodes the same basis to the same bytes', () => {
    const bytes = encodeSkinDetail(basis)
    expect(encodeSkinDetail(basis)).toEqual(bytes)
    const back = decodeSkinDetail(bytes)
    expect([back.version, back.size, back.count, back.photos]).toEqual([1, 16, 6, basis.photos])
    expect(back.pixels).toEqual(basis.pixels)
    expect(back.spread).toEqual(basis.spread)
    for (const k of [0, 1]) {
      const maxMean = Math.max(...basis.means[k]!.map(Math.abs))
      basis.means[k]!.forEach((v, i) =>
        expect(Math.abs(v - back.means[k]![i]!)).toBeLessThanOrEqual(maxMean / 254 + 1e-6)
      )
    }
    // and decoding what it encodes is a fixed point
    expect(encodeSkinDetail(back)).toEqual(bytes)
  })

  it("keeps earlier versions' means (format 2), and a basis without them is written as format 1", () => {
    const shifted = (v: Float32Array, d: number) => v.map((x, i) => x + d * ((i % 3) - 1))
    const v3: SkinDetailBasis = {
      ...basis,
      version: 3,
      earlierMeans: [
        { through: 1, means: [shifted(basis.means[0], 2), shifted(basis.means[1], 3)] },
        { through: 2, means: [shifted(basis.means[0], -2), shifted(basis.means[1], 1)] },
      ],
    }
    const bytes = encodeSkinDetail(v3)
    expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(2)
    expect(new DataView(encodeSkinDetail(basis).buffer).getUint32(4, true)).toBe(1)
    const back = decodeSkinDetail(bytes)
    expect(encodeSkinDetail(back)).toEqual(bytes)
    expect(back.earlierMeans.map((e) => e.through)).toEqual([1, 2])
    // each version's reads are drawn around their own means; the basis's own version around its means
    const close = (a: Float32Array, b: Float32Array) =>
      a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 0))
    for (const [version, means] of [
      [1, back.earlierMeans[0]!.means],
      [2, back.earlierMeans[1]!.means],
      [3, back.means],
    ] as const) {
      const img = detailImage(back, [], 0, version)
      close(
        Float32Array.from(back.pixels, (p) => img[p]!),
        means[0]
      )
      const man = detailImage(back, [], 1, version)
      close(
        Float32Array.from(back.pixels, (p) => man[p]!),
        means[1]
      )
    }
    expect(() => decodeSkinDetail(bytes.slice(0, bytes.length - 1))).toThrow(/header says/)
    const late = encodeSkinDetail({ ...v3, earlierMeans: [{ ...v3.earlierMeans[0]!, through: 3 }] })
    expect(() => decodeSkinDetail(late)).toThrow(/out of order/)
  })

  it('rejects a file that is not a basis, saying what is wrong', () => {
    const bytes = encodeSkinDetail(basis)
    expect(() => decodeSkinDetail(bytes.slice(0, 10))).toThrow(/too short/)
    expect(() => decodeSkinDetail(bytes.slice(0, bytes.length - 1))).toThrow(/header says/)
    const bad = bytes.slice()
    bad[0] = 0
    expect(() => decodeSkinDetail(bad)).toThrow(/FCSD/)
    const order = bytes.slice()
    order[24] = 255 // the first pixel index past the grid
    order[25] = 255
    expect(() => decodeSkinDetail(order)).toThrow(/out of order/)
  })
})

describe('the mid band (format 3)', () => {
  const fine = basisOf(16, 60, 6)
  const v4: SkinDetailBasis = {
    ...fine,
    version: 4,
    earlierMeans: [{ through: 3, means: [fine.means[1], fine.means[0]] }],
    mid: { ...basisOf(8, 20, 3, 7), version: 4 },
  }

  it('round-trips as its own basis after the earlier means, and is drawn only for reads of its version on', () => {
    const bytes = encodeSkinDetail(v4)
    expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(3)
    const back = decodeSkinDetail(bytes)
    expect(encodeSkinDetail(back)).toEqual(bytes)
    expect([back.mid!.version, back.mid!.size, back.mid!.count]).toEqual([4, 8, 3])
    expect(back.mid!.pixels).toEqual(v4.mid!.pixels)
    // without the band, the file is the format 2 file it extends, byte for byte
    const { mid: _, ...withoutMid } = back
    expect(encodeSkinDetail(withoutMid)).toEqual(encodeSkinDetail({ ...v4, mid: undefined }))
    expect([weightCount(back, 3), weightCount(back, 4)]).toEqual([6, 9])
    // a v3 read draws no mid band; a v4 read draws the band's mean (less its average) and weights, upsampled
    const w = [0.5, -1, 0, 0, 0, 0]
    const v3Image = detailImage(back, w, 0.2, 3)
    const { mid: __, ...plain } = back
    expect(v3Image).toEqual(detailImage({ ...plain, means: back.earlierMeans[0]!.means }, w, 0.2))
    const a = detailImage(back, [...w, 0, 0, 0], 0.2, 4)
    const b = detailImage(back, [...w, 2, 0, 0], 0.2, 4)
    const fineOnly = detailImage(plain, w, 0.2, 4)
    // the mid band's mean, less its average over the face: it moves pixels, not the skin's overall lightness
    const drawn = a.map((v, i) => v - fineOnly[i]!)
    const average = drawn.reduce((t, v) => t + v, 0) / drawn.length
    const spread = drawn.reduce((t, v) => t + Math.abs(v), 0) / drawn.length
    expect(spread).toBeGreaterThan(0)
    expect(Math.abs(average)).toBeLessThan(0.1 * spread)
    const moved = a.reduce((s, v, i) => s + Math.abs(b[i]! - v), 0)
    expect(moved).toBeGreaterThan(0)
    // reads keep each band on its own sex's side by its own direction
    const kept = onOwnSide(back, [...w, 4, -4, 4], 0)
    expect(kept.length).toBe(9)
    expect(Array.from(kept.subarray(0, 6))).toEqual(Array.from(onOwnSide(plain, w, 0)))
  })

  it("reads each band from its own band of the photo: the fine weights, then the mid band's", () => {
    const S = READ_SIZE
    // sine stripes of a 4 px period: their luminance lives in the fine band, hardly in the mid band; 40 px: the
    // opposite
    const source = (period: number) => {
      const crop = new Uint8ClampedArray(S * S * 4)
      for (let i = 0; i < S * S; i++)
        crop.fill(130 + 20 * Math.sin((2 * Math.PI * (i % S)) / period), i * 4, i * 4 + 3)
      return { crop, labels: new Uint8Array(S * S).fill(1), points: templatePoints() }
    }
    const energy = (img: Float32Array) => img.reduce((t, v) => t + v * v, 0) / img.length
    for (const [period, stronger] of [
      [4, 'fine'],
      [40, 'mid'],
    ] as const) {
      const f = energy(faceDetail(source(period), MID_SIZE * 2))
      const m = energy(faceDetail(source(period), MID_SIZE, undefined, MID_BAND))
      expect(stronger === 'fine' ? f > 4 * m : m > 4 * f).toBe(true)
    }
    const basis = decodeSkinDetail(encodeSkinDetail(v4))
    const read = readDetail(basis, source(40), 0.5)
    expect(read.length).toBe(9)
    const { mid: _, ...plain } = basis
    expect(Array.from(read.subarray(0, 6))).toEqual(Array.from(readDetail(plain, source(40), 0.5)))
  })

  it('rejects a mid band that nests, or serves a later version than its basis', () => {
    expect(() => encodeSkinDetail({ ...v4, mid: { ...v4.mid!, mid: v4.mid } })).toThrow(
      /plain basis/
    )
    const late = encodeSkinDetail({ ...v4, mid: { ...v4.mid!, version: 5 } })
    expect(() => decodeSkinDetail(late)).toThrow(/serves v5/)
    const bytes = encodeSkinDetail(v4)
    expect(() => decodeSkinDetail(bytes.slice(0, bytes.length - 1))).toThrow(/header says/)
  })
})

describe('composing and reading weights', () => {
  const basis = decodeSkinDetail(encodeSkinDetail(basisOf(16, 60, 6)))

  it("zero weights give the mean of the character's gender; weights read back from their own image", () => {
    const women = detailImage(basis, [], 0)
    const men = detailImage(basis, [], 1)
    const half = detailImage(basis, [], 0.5)
    basis.pixels.forEach((p, i) => {
      expect(women[p]).toBeCloseTo(basis.means[0][i]!, 5)
      expect(men[p]).toBeCloseTo(basis.means[1][i]!, 5)
      expect(half[p]).toBeCloseTo((basis.means[0][i]! + basis.means[1][i]!) / 2, 5)
    })
    expect(women[1]).toBe(0) // pixels no face covers stay 0
    const w = [1.5, -0.5, 0, 2, -3, 0.25]
    const read = projectDetail(basis, detailImage(basis, w, 0.3), 0.3)
    // components are unit length to int8 precision: the read is the weight within ~1%
    w.forEach((v, k) => expect(read[k]).toBeCloseTo(v, 1))
  })

  it('fits by dot products summed in pixel order, with and without missing pixels, and draws its fit component by component (four at a time: the same floats)', () => {
    // the fit as it was written one component at a time (read.ts coefficients, fitWithout): the same floats
    const n = basis.pixels.length
    const C = basis.components
    const dots = (r: Float32Array) =>
      Float32Array.from({ length: basis.count }, (_, c) => {
        let s = 0
        for (let i = 0; i < n; i++) s += C[c * n + i]! * r[i]!
        return s
      })
    const without = (r: Float32Array, at: number[], start: Float32Array) => {
      const base = dots(r.map((v, i) => (at.includes(i) ? 0 : v)))
      const there = (coef: Float32Array) =>
        Float32Array.from(at, (p) => {
          let f = 0
          for (let c = 0; c < basis.count; c++) f = Math.fround(f + coef[c]! * C[c * n + p]!)
          return f
        })
      let f = there(start)
      const coef = new Float32Array(basis.count)
      for (let round = 0; round < OCCLUSION.rounds; round++) {
        for (let c = 0; c < basis.count; c++) {
          let s = base[c]!
          at.forEach((p, j) => (s += C[c * n + p]! * f[j]!))
          coef[c] = s
        }
        f = there(coef)
      }
      return coef
    }
    const weights = (coef: Float32Array) =>
      coef.map((c, k) =>
        Math.max(-SKIN_DETAIL_LIMIT, Math.min(SKIN_DETAIL_LIMIT, c / basis.spread[k]!))
      )
    const rnd = stream(11)
    const image = new Float32Array(basis.size * basis.size)
    basis.pixels.forEach((p) => (image[p] = rnd() * 40 - 20))
    const r = Float32Array.from(basis.pixels, (p, i) => image[p]! - basis.means[0][i]!)
    const same = (a: Float32Array, b: Float32Array) => a.every((v, i) => Object.is(v, b[i]))
    expect(basis.count % 4).not.toBe(0) // four at a time, then the rest one by one
    const plain = fitDetail(basis, image, 0, { occlusion: false })
    expect(same(plain.weights, weights(dots(r)))).toBe(true)
    // the residual around what the weights draw, each component added in turn and stored as float32
    const drawn = new Float32Array(n)
    plain.weights.forEach((w, c) => {
      const k = Math.fround(w * basis.spread[c]!)
      if (k !== 0) for (let i = 0; i < n; i++) drawn[i] = drawn[i]! + k * C[c * n + i]!
    })
    expect(
      same(
        plain.residual,
        r.map((v, i) => v - drawn[i]!)
      )
    ).toBe(true)
    const missing = Uint8Array.from(basis.pixels, (_, i) => (i % 7 === 3 ? 1 : 0))
    const at = [...missing.keys()].filter((i) => missing[i])
    const got = fitDetail(basis, image, 0, { occlusion: false, missing }).weights
    expect(same(got, weights(without(r, at, dots(r))))).toBe(true)
  })

  it('reads past an occluder (strong detail in a patch no face of the basis has there) and flags only it', () => {
    const size = 32
    const all = basisOf(size, size * size, 24, 7)
    // basisOf spreads its pixels every other index: use a basis over the whole grid instead
    const grid: SkinDetailBasis = {
      ...all,
      pixels: Uint16Array.from({ length: size * size }, (_, i) => i),
    }
    const w = Array.from({ length: 24 }, (_, k) => ((k * 7) % 5) - 2)
    const face = detailImage(grid, w, 0.5)
    // a fringe: 8 x 6 px of strands (+-25, far past the basis's few units per pixel) over the face
    const patch = (p: number) => p % size >= 4 && p % size < 12 && Math.floor(p / size) < 6
    const occluded = face.map((v, p) => (patch(p) ? v + ((p % size) % 2 ? 25 : -25) : v))
    const plain = projectDetail(grid, occluded, 0.5, { occlusion: false })
    const robust = projectDetail(grid, occluded, 0.5)
    const error = (read: Float32Array) => Math.max(...w.map((v, k) => Math.abs(read[k]! - v)))
    expect(error(plain)).toBeGreaterThan(0.3)
    expect(error(robust)).toBeLessThan(0.01)
    // the flags: all of the patch, and only the pixels the smoothing reaches from it
    const mean = grid.means[0].map((v, i) => (v + grid.means[1][i]!) / 2)
    const r = Float32Array.from(occluded, (v, p) => v - mean[p]!)
    const fit = detailImage(grid, robust, 0.5).map((v, p) => v - mean[p]!)
    const flags = occludedPixels(grid, r, fit)
    // within the smoothing's reach of the patch (5 px: blur taps out to 2.5 sigma)
    const near = (p: number) => p % size < 17 && Math.floor(p / size) < 11
    let inPatch = 0
    let far = 0
    flags.forEach((f, p) => (patch(p) ? (inPatch += f) : near(p) ? 0 : (far += f)))
    expect(inPatch).toBe(48)
    expect(far).toBe(0)
    // a clean face: nothing is flagged, and the read is the plain one
    expect(projectDetail(grid, face, 0.5)).toEqual(
      projectDetail(grid, face, 0.5, { occlusion: false })
    )
  })

  it("leaves a turned face's squeezed far side out, and nothing of a frontal face", () => {
    const size = 32
    // a basis over the face's box in the aligned frame (the template's jaw spans x 0.31-0.69)
    const inFace = (p: number) => {
      const x = ((p % size) + 0.5) / size
      const y = (Math.floor(p / size) + 0.5) / size
      return x > 0.3 && x < 0.7 && y > 0.3 && y < 0.8
    }
    const pixels = Uint16Array.from({ length: size * size }, (_, i) => i).filter(inFace)
    const grid: SkinDetailBasis = { ...basisOf(size, pixels.length, 8, 5), pixels }
    const t = templatePoints()
    expect(foreshortenedPixels(grid, t).every((f) => f === 0)).toBe(true)
    // turned: the face's right cheek (x > 0.55 in the unit frame) shows at 30% of its width, the rest whole
    const turned = t.map((v, i) => (i % 2 === 0 && v > 0.55 ? 0.55 + (v - 0.55) * 0.3 : v))
    const flags = foreshortenedPixels(grid, turned)
    let right = 0
    let left = 0
    flags.forEach((f, i) => {
      const x = ((pixels[i]! % size) + 0.5) / size
      if (x > 0.55) right += f
      else if (x < 0.5) left += f // the spline is smooth: the squeeze starts a little before x 0.55
    })
    const rightCount = Array.from(pixels).filter((p) => ((p % size) + 0.5) / size > 0.55).length
    expect(left).toBe(0)
    expect(right).toBeGreaterThan(0.5 * rightCount)
    // a face whose detail there is noise reads the same weights as the clean face when it is left out
    const w = [1, -2, 0.5, 0, 1.5, -1, 0.25, 2]
    const face = detailImage(grid, w, 0.5)
    const smeared = face.map((v, p) => (flags[p] ? v + 30 * Math.sin(p * 1.7) : v))
    const read = projectDetail(grid, smeared, 0.5, { occlusion: false, missing: flags })
    w.forEach((v, k) => expect(read[k]).toBeCloseTo(v, 1))
  })

  it("gives the residual: weights and residual draw the image back, but where the fit left a pixel out", () => {
    const size = 32
    const grid: SkinDetailBasis = {
      ...basisOf(size, size * size, 24, 7),
      pixels: Uint16Array.from({ length: size * size }, (_, i) => i),
    }
    const w = Array.from({ length: 24 }, (_, k) => ((k * 5) % 7) / 2 - 1.5)
    // the basis's face plus the face's own detail no component holds, and a fringe (as above) over one corner
    const own = (p: number) => 1.5 * Math.sin(p * 2.1) * Math.cos(p * 0.7)
    const patch = (p: number) => p % size >= 4 && p % size < 12 && Math.floor(p / size) < 6
    const image = detailImage(grid, w, 0.5).map((v, p) => v + own(p) + (patch(p) ? ((p % size) % 2 ? 25 : -25) : 0))
    const { weights, residual } = fitDetail(grid, image, 0.5)
    expect(Array.from(weights)).toEqual(Array.from(projectDetail(grid, image, 0.5)))
    const drawn = detailImage(grid, weights, 0.5)
    let own2 = 0
    let missed = 0
    // within the occlusion smoothing's reach of the fringe (see above), a pixel may be left out too
    const near = (p: number) => p % size < 17 && Math.floor(p / size) < 11
    grid.pixels.forEach((p, i) => {
      if (patch(p)) return expect(residual[i]).toBe(0) // the fringe is not the face's
      if (near(p) && residual[i] === 0) return
      expect(drawn[p]! + residual[i]!).toBeCloseTo(image[p]!, 3)
      own2 += own(p) ** 2
      missed += (residual[i]! - own(p)) ** 2
    })
    // the residual is mostly the face's own detail (the components take a little of it: 24 of 1,024 dimensions)
    expect(missed / own2).toBeLessThan(0.1)
    // a clamped read leaves what the clamp cut in the residual
    const loud = detailImage(basis, [40], 1)
    const clamped = fitDetail(basis, loud, 1)
    expect(clamped.weights[0]).toBe(SKIN_DETAIL_LIMIT)
    const back = detailImage(basis, clamped.weights, 1)
    basis.pixels.forEach((p, i) => expect(back[p]! + clamped.residual[i]!).toBeCloseTo(loud[p]!, 2))
  }) // prettier-ignore

  it("reads the fine band's top octave: the grid's image upsampled plus it is the band at the read's size", () => {
    const S = READ_SIZE
    const grid = decodeSkinDetail(encodeSkinDetail(basisOf(S / 2, 600, 6, 3)))
    // stripes of a 3 px period (what a 2 x 2 box average loses) over stripes of 40 px (what it keeps)
    const crop = new Uint8ClampedArray(S * S * 4)
    for (let i = 0; i < S * S; i++) {
      const x = i % S
      crop.fill(130 + 12 * Math.sin((2 * Math.PI * x) / 3) + 30 * Math.sin((2 * Math.PI * x) / 40), i * 4, i * 4 + 3)
    }
    const source = { crop, labels: new Uint8Array(S * S).fill(1), points: templatePoints() }
    const { octave, residual } = readDetailFocused(grid, source, 0.5, { sharpen: false })
    const at = octavePixels(grid.pixels, grid.size)
    expect(octave).toHaveLength(4 * grid.pixels.length)
    const band = faceDetail(source, S, at)
    const drawn = upsample2(boxAverage(band, S, grid.size), grid.size)
    let kept = 0
    at.forEach((q, k) => {
      // 0 under a pixel the fit left out, as the residual
      const parent = grid.pixels.indexOf((Math.floor(q / S) >> 1) * grid.size + ((q % S) >> 1))
      if (residual[parent] === 0) return expect(octave[k]).toBe(0)
      expect(drawn[q]! + octave[k]!).toBeCloseTo(band[q]!, 3)
      kept++
    })
    expect(kept).toBeGreaterThan(at.length / 2)
    // the 3 px stripes are in it, the 40 px ones hardly
    const rms = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((t, x) => t + x * x, 0) / v.length)
    const fine = rms(octave)
    expect(fine).toBeGreaterThan(3)
    const wide = crop.map((v, i) => (i % 4 === 3 ? v : 130 + 30 * Math.sin((2 * Math.PI * ((i >> 2) % S)) / 40)))
    const { octave: slow } = readDetailFocused(grid, { ...source, crop: wide }, 0.5, { sharpen: false })
    expect(rms(slow)).toBeLessThan(fine / 10)
  }) // prettier-ignore

  it('clamps reads to the weight range', () => {
    const loud = detailImage(basis, [40], 1)
    expect(projectDetail(basis, loud, 1)[0]).toBe(SKIN_DETAIL_LIMIT)
  })

  it('reads no detail from a flat face and refuses crops of the wrong size', () => {
    const S = READ_SIZE
    const crop = new Uint8ClampedArray(S * S * 4).fill(128)
    const labels = new Uint8Array(S * S).fill(1)
    const flat = faceDetail({ crop, labels, points: templatePoints() }, S / 2)
    expect(Math.max(...flat.map(Math.abs))).toBeLessThan(1e-3)
    expect(() =>
      faceDetail({ crop: crop.subarray(4), labels, points: templatePoints() }, S)
    ).toThrow(/224 px aligned crop/)
    expect(() => faceDetail({ crop, labels, points: templatePoints() }, 100)).toThrow(
      /does not divide/
    )
  })

  it('computes only the wanted pixels, to the same values', () => {
    const S = READ_SIZE
    const rnd = stream(9)
    const crop = Uint8ClampedArray.from({ length: S * S * 4 }, () => 60 + rnd() * 120)
    const labels = new Uint8Array(S * S).fill(1)
    const points = templatePoints().map((v) => v + (rnd() - 0.5) * 0.01)
    const full = faceDetail({ crop, labels, points }, S / 2)
    const wanted = [0, 77, 4000, 6271, 9000]
    const some = faceDetail({ crop, labels, points }, S / 2, wanted)
    for (const p of wanted) expect(some[p]).toBe(full[p])
    expect(some.filter((v) => v !== 0).length).toBeLessThanOrEqual(wanted.length)
  })

  it("warps each face by its own points when faces alternate (the last face's warp is kept)", () => {
    const S = 64
    const rnd = stream(4)
    const image = Float32Array.from({ length: S * S }, () => rnd() * 100)
    const a = templatePoints().map((v) => v + (rnd() - 0.5) * 0.02)
    const b = templatePoints().map((v) => v + (rnd() - 0.5) * 0.02)
    const some = new Uint8Array(S * S).map((_, i) => (i % 3 === 0 ? 1 : 0))
    const partA = toShapeFree(image, S, a, some) // a's warp, part of its pixels
    const fullA = toShapeFree(image, S, a)
    const fullB = toShapeFree(image, S, b)
    expect(fullB).not.toEqual(fullA)
    // again, after the other face: the same floats as the first time, and as a spline built afresh
    expect(toShapeFree(image, S, [...a])).toEqual(fullA)
    some.forEach((o, i) => o && expect(partA[i]).toBe(fullA[i]))
    const toFace = thinPlate(templatePoints(), b)
    const [x, y] = toFace(10.5 / S, 20.5 / S)
    expect(fullB[20 * S + 10]).toBe(Math.fround(bilinear(image, S, x * S - 0.5, y * S - 0.5)))
  })

  it('puts a face in its aligned frame through the inverse alignment', () => {
    const t = templatePoints()
    const ibug68 = t.map((v, i) => (i & 1 ? 30 + 200 * v : 10 + 200 * v))
    const p = alignedPoints({ ibug68, alignToImage: [200, 0, 10, 0, 200, 30] })
    p.forEach((v, i) => expect(v).toBeCloseTo(t[i]!, 5))
  })
})

describe('the released basis (shared/assets/skin-detail)', () => {
  it('matches its sidecar (sha256, bytes, shapes) and the spec characters are validated against', async () => {
    const { readFileSync } = await import('node:fs')
    const { createHash } = await import('node:crypto')
    const dir = new URL('../../assets/skin-detail/', import.meta.url)
    const bytes = readFileSync(new URL(`skin-detail-v${SKIN_DETAIL_VERSION}.bin`, dir))
    const card = JSON.parse(
      readFileSync(new URL(`skin-detail-v${SKIN_DETAIL_VERSION}.json`, dir), 'utf8')
    )
    expect(card.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(card.bytes).toBe(bytes.length)
    const basis = decodeSkinDetail(new Uint8Array(bytes))
    expect([basis.version, weightCount(basis), basis.size]).toEqual([
      SKIN_DETAIL_VERSION,
      SKIN_DETAIL_COUNT,
      card.shapes.grid[0],
    ])
    expect(basis.pixels.length).toBe(card.shapes.pixels)
    // a residual (detail/residual) gives a value to each of these, and is checked without the basis
    expect(basis.pixels.length).toBe(SKIN_DETAIL_PIXELS)
    expect([basis.mid!.count, basis.mid!.size, basis.mid!.pixels.length]).toEqual([
      MID_COUNT,
      MID_SIZE,
      card.shapes.mid.pixels,
    ])
    // spreads fall with the component's rank (PCA order) and are all positive
    for (const band of [basis, basis.mid!]) {
      expect(band.spread[0]!).toBeGreaterThan(band.spread[band.count - 1]!)
      expect(Math.min(...band.spread)).toBeGreaterThan(0)
    }
  })

  it('extends every earlier basis bit for bit, so characters read on one draw as they always did', async () => {
    const { readFileSync } = await import('node:fs')
    const { createHash } = await import('node:crypto')
    const dir = new URL('../../assets/skin-detail/', import.meta.url)
    const basis = decodeSkinDetail(
      new Uint8Array(readFileSync(new URL(`skin-detail-v${SKIN_DETAIL_VERSION}.bin`, dir)))
    )
    // the sha256 of each earlier released file (its sidecar, when it was the released basis)
    const released: Record<number, string> = {
      1: 'c83778c50de9f79203ecabec630145f9e04169cb85283962b2fd90c9ef26fdfb',
      2: '253cbd9710c735b45be9d461cac3a285d477ba8fb6bab1003d8076a5aa4a8d6b',
      3: '3210e97aa1e4b1bef78a0d4d6869ba680dbf8aa92afc0b52a6ad6180cccd62fc',
      4: 'baa806159e066372d01c4568a4cc43dac9e45dd78b8e9532369c2d7319568695',
    }
    for (const [version, sha256] of Object.entries(released)) {
      const count = SKIN_DETAIL_COUNTS[Number(version)]!
      // that version as it was (asReleased), encoded
      const earlier = encodeSkinDetail(asReleased(basis, Number(version), count))
      expect(createHash('sha256').update(earlier).digest('hex')).toBe(sha256)
    }
    expect(Object.keys(SKIN_DETAIL_COUNTS).map(Number)).toEqual([
      ...Object.keys(released).map(Number),
      SKIN_DETAIL_VERSION,
    ])
  })
})
