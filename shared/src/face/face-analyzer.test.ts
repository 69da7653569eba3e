/** @file FaceAnalyzer on real photos (face-api's demo photos, read in place) and on bad or awkward input. */
import { readFileSync } from 'node:fs'
import { encode as encodeJpeg } from 'jpeg-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeImage, exifOrientationSegment, applyOrientation } from '../image/decode/index.ts'
import { encodePng } from '../image/png.ts'
import { createImage, type RgbaImage } from '../image/types.ts'
import { parseManifest } from '../ml/manifest.ts'
import { cosine } from './embed.ts'
import { FaceAnalyzer } from './face-analyzer.ts'
import type { Face } from './types.ts'
import { alignTemplate } from './align.ts'
import { rankDetections } from './pick.ts'

const RELEASE = new URL('../../../models/release/', import.meta.url)
const models = {
  manifest: parseManifest(JSON.parse(readFileSync(new URL('manifest.json', RELEASE), 'utf8'))),
  read: async (file: string) => new Uint8Array(readFileSync(new URL(file, RELEASE))),
}
const photoBytes = (i: number) =>
  new Uint8Array(
    readFileSync(
      new URL(`../../../node_modules/@vladmandic/face-api/demo/sample${i}.jpg`, import.meta.url)
    )
  )
const photo = (i: number, maxSide = 1280) => decodeImage(photoBytes(i), { maxSide }).image

/** The sub-image of `img` in the box (x, y, w, h), clipped. */
function crop(img: RgbaImage, x: number, y: number, w: number, h: number): RgbaImage {
  const out = createImage(w, h)
  for (let row = 0; row < h; row++) {
    const sy = Math.min(img.height - 1, Math.max(0, y + row))
    const start = (sy * img.width + x) * 4
    out.data.set(img.data.subarray(start, start + w * 4), row * w * 4)
  }
  return out
}

/** A 512-px crop around face `face` (2x its box), for single-face tests. */
function faceCrop(img: RgbaImage, face: Face): RgbaImage {
  const side = Math.round(Math.max(face.box.width, face.box.height) * 2.4)
  const x = Math.max(0, Math.round(face.box.x + face.box.width / 2 - side / 2))
  const y = Math.max(0, Math.round(face.box.y + face.box.height / 2 - side / 2))
  return crop(img, x, y, Math.min(side, img.width - x), Math.min(side, img.height - y))
}

let analyzer: FaceAnalyzer
beforeAll(async () => {
  analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 8 })
})
afterAll(() => analyzer.close())

describe('FaceAnalyzer on the demo photos', { timeout: 30_000 }, () => {
  const expected: [number, number][] = [
    [1, 3],
    [2, 3],
    [3, 3],
    [4, 4],
    [5, 5],
    [6, 4],
  ]
  it.each(expected)(
    'sample%i.jpg has %i faces, with landmarks in their boxes and eyes above the mouth',
    async (i, count) => {
      const img = photo(i)
      const result = await analyzer.detect(img)
      expect(result.detections).toBe(count)
      expect(result.faces).toHaveLength(count)
      for (const face of result.faces) {
        const { x, y, width: w, height: h } = face.box
        // Brows, eyes, nose and mouth (iBUG 17-67) inside the box with a 15% margin; the jaw may reach beyond.
        for (let k = 17; k < 68; k++) {
          expect(face.ibug68[2 * k]!).toBeGreaterThan(x - 0.15 * w)
          expect(face.ibug68[2 * k]!).toBeLessThan(x + 1.15 * w)
          expect(face.ibug68[2 * k + 1]!).toBeGreaterThan(y - 0.15 * h)
          expect(face.ibug68[2 * k + 1]!).toBeLessThan(y + 1.15 * h)
        }
        // In the face's own upright frame (roll removed), both eyes are above the mouth.
        const roll = (face.pose.roll * Math.PI) / 180
        const up = (k: number) =>
          -Math.sin(roll) * face.ibug68[2 * k]! + Math.cos(roll) * face.ibug68[2 * k + 1]!
        expect(up(36)).toBeLessThan(up(51))
        expect(up(45)).toBeLessThan(up(51))
        expect(face.meshScore).toBeGreaterThan(0.1)
      }
      // The subject first: the pick order of rankDetections.
      expect(result.faces.map((f) => f.box)).toEqual(
        rankDetections(result.allDetections, img.width, img.height)
          .slice(0, result.faces.length)
          .map((d) => d.box)
      )
    }
  )

  it('returns new arrays on every call (results do not pile up)', async () => {
    const img = photo(3, 800)
    const a = await analyzer.detect(img)
    const b = await analyzer.detect(img)
    expect(b.faces).not.toBe(a.faces)
    expect(b.faces).toHaveLength(a.faces.length)
    expect(b.faces[0]!.mesh).not.toBe(a.faces[0]!.mesh)
    expect(Array.from(b.faces[0]!.mesh)).toEqual(Array.from(a.faces[0]!.mesh))
  })

  it('measures pose consistently: a mirrored photo flips yaw and roll and keeps pitch', async () => {
    const img = photo(3, 800)
    const mirrored = applyOrientation(img, 2)
    const a = (await analyzer.detect(img)).faces
    const b = (await analyzer.detect(mirrored)).faces
    for (const face of a) {
      // The same person in the mirror: the face whose box centre mirrors this one's.
      const cx = img.width - (face.box.x + face.box.width / 2)
      const twin = b.find((f) => Math.abs(f.box.x + f.box.width / 2 - cx) < face.box.width / 4)!
      expect(twin).toBeDefined()
      expect(Math.abs(twin.pose.yaw + face.pose.yaw)).toBeLessThan(4)
      expect(Math.abs(twin.pose.roll + face.pose.roll)).toBeLessThan(3)
      expect(Math.abs(twin.pose.pitch - face.pose.pitch)).toBeLessThan(3)
    }
  })

  it('reads a near-frontal face as near-zero pose and a rotated copy as rolled', async () => {
    // sample6's face at about (170, 360) looks at the camera.
    const img = photo(6)
    const front = (await analyzer.detect(img)).faces.find((f) => f.box.x < 300)!
    const single = faceCrop(img, front)
    const base = (await analyzer.detect(single)).faces[0]!
    expect(Math.abs(base.pose.yaw)).toBeLessThan(15)
    expect(Math.abs(base.pose.pitch)).toBeLessThan(15)
    expect(Math.abs(base.pose.roll)).toBeLessThan(10)
    const turned = (await analyzer.detect(applyOrientation(single, 6))).faces[0]!
    expect(turned.pose.roll - base.pose.roll).toBeCloseTo(90, -1) // within 5 degrees
  })
})

describe('FaceAnalyzer embeddings (MobileFace on the aligned crop)', { timeout: 30_000 }, () => {
  it('a photo and its mirror agree (mean cos >= 0.85); different people do not (mean cos <= 0.3)', async () => {
    const embeddings: Float32Array[] = []
    const mirrorCos: number[] = []
    for (const i of [1, 3, 4, 6]) {
      const img = photo(i, 960)
      const mirrored = applyOrientation(img, 2)
      const mirrorFaces = (await analyzer.detect(mirrored)).faces
      for (const face of (await analyzer.detect(img)).faces) {
        const e = await analyzer.embed(img, face)
        expect(e).toHaveLength(256)
        expect(Math.hypot(...e)).toBeCloseTo(1, 4)
        embeddings.push(e)
        const cx = img.width - (face.box.x + face.box.width / 2)
        const twin = mirrorFaces.find(
          (f) => Math.abs(f.box.x + f.box.width / 2 - cx) < face.box.width / 4
        )!
        mirrorCos.push(cosine(e, await analyzer.embed(mirrored, twin)))
      }
    }
    let sum = 0
    let pairs = 0
    for (let a = 0; a < embeddings.length; a++)
      for (let b = a + 1; b < embeddings.length; b++, pairs++)
        sum += cosine(embeddings[a]!, embeddings[b]!)
    const mean = (v: number[]) => v.reduce((x, y) => x + y, 0) / v.length
    expect(embeddings.length).toBe(14)
    expect(mean(mirrorCos)).toBeGreaterThanOrEqual(0.85)
    expect(sum / pairs).toBeLessThanOrEqual(0.3)
  })

  it('gives an aligned crop with the eyes level at the template positions', async () => {
    const img = photo(3, 960)
    const face = (await analyzer.detect(img)).faces[0]!
    const crop = analyzer.alignedCrop(img, face, 128)
    expect([crop.width, crop.height]).toEqual([128, 128])
    const again = (await analyzer.detect(crop)).faces[0]!
    const tpl = alignTemplate()
    // The re-detected outer eye corners land within 4% of the crop of where the template puts them.
    for (const k of [36, 45]) {
      expect(Math.abs(again.ibug68[2 * k]! / 128 - tpl[2 * k]!)).toBeLessThan(0.04)
      expect(Math.abs(again.ibug68[2 * k + 1]! / 128 - tpl[2 * k + 1]!)).toBeLessThan(0.04)
    }
  })

  it('gives part masks and plausible part colours', async () => {
    const img = photo(3, 960)
    const face = (await analyzer.detect(img)).faces[0]!
    const labels = analyzer.partLabels(img, face, 128)
    const counts = [0, 0, 0, 0, 0, 0]
    for (const l of labels.labels) counts[l]!++
    // skin > nose > lips, eyes, brows > 0 in a 128 crop
    expect(counts[1]!).toBeGreaterThan(counts[4]!)
    for (const k of [2, 3, 4, 5]) expect(counts[k]!).toBeGreaterThan(20)
    const colours = analyzer.partColors(img, face)
    const [r, g, b] = colours.skin!
    expect(r).toBeGreaterThan(b) // skin is warm, under any of the demo photos' light
    expect(r).toBeGreaterThan(g)
    const lum = (c: readonly number[]) => 0.299 * c[0]! + 0.587 * c[1]! + 0.114 * c[2]!
    expect(lum(colours.brows!)).toBeLessThan(lum(colours.skin!))
  })
})

describe('FaceAnalyzer: awkward and bad input', { timeout: 30_000 }, () => {
  it('reports no face on a picture without one', async () => {
    const img = createImage(640, 480)
    for (let i = 0; i < img.data.length; i += 4) img.data.set([(i >> 4) % 255, 120, 200, 255], i)
    const result = await analyzer.detect(img)
    expect(result.faces).toEqual([])
    expect(result.warnings.map((w) => w.code)).toEqual(['no-face'])
    expect(result.warnings[0]!.message).toMatch(/No face found; use a photo with one face/)
  })

  it('chooses the subject of several faces and reports the count', async () => {
    const one = await FaceAnalyzer.createFromOptions({ models })
    try {
      const result = await one.detect(photo(5))
      expect(result.faces).toHaveLength(1)
      expect(result.detections).toBe(5)
      const all = await analyzer.detect(photo(5))
      expect(result.faces[0]!.box.width).toBeCloseTo(all.faces[0]!.box.width, 3)
      expect(result.warnings.find((w) => w.code === 'several-faces')!.message).toMatch(
        /5 faces found; the largest, most central and frontal/
      )
    } finally {
      await one.close()
    }
  })

  it('finds a face small in a large photo with finer tiles, tried only when the whole image finds none', async () => {
    const img = photo(1)
    const subject = (await analyzer.detect(img)).faces[0]!
    const head = faceCrop(img, subject)
    // the head in a plain 1800-px frame: the face about 8% of its width, under the detector's smallest size in a
    // whole-image pass
    const side = 1800
    const big = createImage(side, side)
    for (let i = 0; i < big.data.length; i += 4) big.data.set([128, 126, 120, 255], i)
    const [x0, y0] = [700, 400]
    for (let y = 0; y < head.height; y++)
      big.data.set(head.data.subarray(y * head.width * 4, (y + 1) * head.width * 4), ((y0 + y) * side + x0) * 4)
    const one = await FaceAnalyzer.createFromOptions({ models, detectorGrids: [1], detectorFallbackGrids: [] })
    try {
      expect((await one.detect(big)).faces).toEqual([])
      one.setOptions({ detectorFallbackGrids: undefined }) // the default finer grids
      const found = (await one.detect(big)).faces
      expect(found).toHaveLength(1)
      const { box } = found[0]!
      expect(box.x).toBeGreaterThan(x0)
      expect(box.y).toBeGreaterThan(y0)
      expect(box.x + box.width).toBeLessThan(x0 + head.width)
      expect(box.width / subject.box.width).toBeGreaterThan(0.8)
      expect(box.width / subject.box.width).toBeLessThan(1.25)
      // a photo the whole-image pass finds a face in runs no finer tiles: the same face as with none
      one.setOptions({ detectorFallbackGrids: [] })
      const plain = (await one.detect(head)).faces[0]!
      one.setOptions({ detectorFallbackGrids: undefined })
      expect((await one.detect(head)).faces[0]!.box).toEqual(plain.box)
    } finally {
      await one.close()
    }
  }) // prettier-ignore

  it('warns when the face is too small', async () => {
    const result = await analyzer.detect(photo(3, 360))
    expect(result.faces.length).toBeGreaterThan(0)
    expect(result.warnings.map((w) => w.code)).toContain('face-too-small')
    expect(result.warnings.find((w) => w.code === 'face-too-small')!.message).toMatch(
      /px between the eyes.*move closer/
    )
  })

  it('reports the yaw of a strong profile and asks for a frontal photo', async () => {
    const img = photo(2)
    const turned = (await analyzer.detect(img)).faces.reduce((a, b) =>
      Math.abs(b.pose.yaw) > Math.abs(a.pose.yaw) ? b : a
    )
    const result = await analyzer.detect(faceCrop(img, turned))
    const warning = result.warnings.find((w) => w.code === 'profile')
    expect(warning, JSON.stringify(result.warnings)).toBeDefined()
    expect(warning!.message).toMatch(/turned \d+° to the (left|right).*use a frontal photo/)
  })

  it('finds the same faces in an EXIF-rotated JPEG and in grey', async () => {
    const img = photo(3, 800)
    // Store the pixels rotated 90° counter-clockwise and tag them with orientation 6 (rotate clockwise to view).
    const stored = applyOrientation(img, 8)
    const jpeg = new Uint8Array(encodeJpeg(stored, 90).data)
    const app1 = exifOrientationSegment(6)
    const tagged = new Uint8Array([...jpeg.subarray(0, 2), ...app1, ...jpeg.subarray(2)])
    const decoded = decodeImage(tagged)
    expect(decoded.orientation).toBe(6)
    expect([decoded.image.width, decoded.image.height]).toEqual([img.width, img.height])
    const upright = await analyzer.detect(decoded.image)
    expect(upright.detections).toBe(3)
    for (const f of upright.faces) expect(Math.abs(f.pose.roll)).toBeLessThan(30)

    const grey = { ...img, data: img.data.slice() }
    for (let i = 0; i < grey.data.length; i += 4) {
      const l = 0.299 * grey.data[i]! + 0.587 * grey.data[i + 1]! + 0.114 * grey.data[i + 2]!
      grey.data.set([l, l, l], i)
    }
    expect((await analyzer.detect(grey)).detections).toBe(3)
  })

  it('reads a PNG with alpha (transparent pixels count as white)', async () => {
    const img = photo(6)
    const front = (await analyzer.detect(img)).faces.find((f) => f.box.x < 300)!
    const single = faceCrop(img, front)
    // Clear a 15% border to fully transparent black: it must read as white, not as a black frame.
    const bw = Math.round(single.width * 0.15)
    for (let y = 0; y < single.height; y++)
      for (let x = 0; x < single.width; x++)
        if (x < bw || y < bw || x >= single.width - bw || y >= single.height - bw)
          single.data.set([0, 0, 0, 0], (x + y * single.width) * 4)
    const decoded = decodeImage(encodePng(single))
    expect(decoded.hasAlpha).toBe(true)
    const result = await analyzer.detect(decoded.image)
    expect(result.faces).toHaveLength(1)
  })
})
