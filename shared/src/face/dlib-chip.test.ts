/** @file dlib's own chip: the mapping, and that it separates different people better than the shared window. */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeImage } from '../image/decode/index.ts'
import { parseManifest } from '../ml/manifest.ts'
import { applyAffine } from './affine.ts'
import { composeAffine, embedWindow } from './align.ts'
import { DLIB_CHIP, dlibChipToImage } from './dlib-chip.ts'
import { FaceAnalyzer } from './face-analyzer.ts'

const RELEASE = new URL('../../../models/release/', import.meta.url)
const models = {
  manifest: parseManifest(JSON.parse(readFileSync(new URL('manifest.json', RELEASE), 'utf8'))),
  read: async (file: string) => new Uint8Array(readFileSync(new URL(file, RELEASE))),
}

describe('dlibChipToImage', () => {
  it('puts the eye corners and the nose bottom where dlib puts them in its 150-px chip', () => {
    // A face whose 5 points sit exactly where dlib's chip has them, scaled by 2 and shifted by (10, 20).
    const chip = (x: number, y: number) => [
      (((0.25 + x) / 1.5) * 150 + 0.5) * 2 + 10,
      (((0.25 + y) / 1.5) * 150 + 0.5) * 2 + 20,
    ]
    const ibug = new Float32Array(136)
    const put = (i: number, [x, y]: number[]) => ((ibug[2 * i] = x!), (ibug[2 * i + 1] = y!))
    put(45, chip(0.858516, 0.216423))
    put(42, chip(0.645647, 0.231733))
    put(36, chip(0.121737, 0.216423))
    put(39, chip(0.334606, 0.231733))
    put(33, chip(0.490127, 0.628106))
    const m = dlibChipToImage(ibug)
    expect(m[0]).toBeCloseTo(DLIB_CHIP.size * 2, 3) // unit chip -> 300 image px
    expect(m[1]).toBeCloseTo(0, 4)
    const [x, y] = applyAffine(m, 0, 0)
    expect(x).toBeCloseTo(10, 3)
    expect(y).toBeCloseTo(20, 3)
  })
})

describe('dlib on its own chip (face-api demo photos, near-frontal faces)', () => {
  let analyzer: FaceAnalyzer
  beforeAll(async () => {
    analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 8 })
  })
  afterAll(() => analyzer.close())

  it('separates different people clearly more than on the canonical-frame window it was fed before', async () => {
    const own: Float32Array[] = []
    const window: Float32Array[] = []
    for (let i = 1; i <= 6; i++) {
      const bytes = readFileSync(
        new URL(`../../../node_modules/@vladmandic/face-api/demo/sample${i}.jpg`, import.meta.url)
      )
      const { image } = decodeImage(new Uint8Array(bytes), { maxSide: 1280 })
      for (const face of (await analyzer.detect(image)).faces) {
        if (Math.abs(face.pose.yaw) > 25) continue
        own.push(await analyzer.embed(image, face, 'face-embedder-dlib'))
        const w = composeAffine(face.alignToImage, embedWindow())
        window.push(await analyzer.embedWindow(image, w, 'face-embedder-dlib'))
      }
    }
    const meanDistance = (e: Float32Array[]) => {
      let sum = 0
      let n = 0
      for (let a = 0; a < e.length; a++)
        for (let b = a + 1; b < e.length; b++) {
          sum += Math.hypot(...e[a]!.map((v, k) => v - e[b]![k]!))
          n++
        }
      return sum / n
    }
    expect(own.length).toBeGreaterThanOrEqual(15)
    // Measured: 0.50 on the chip, 0.35 on the window (unit-length descriptors).
    expect(meanDistance(own)).toBeGreaterThan(0.45)
    expect(meanDistance(own)).toBeGreaterThan(meanDistance(window) + 0.1)
  }, 60_000)
})
