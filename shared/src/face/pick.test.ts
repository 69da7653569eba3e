/** @file The subject pick on a real group photo (face-api's demo sample2, read in place) and on constructed boxes. */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeImage } from '../image/decode/index.ts'
import { parseManifest } from '../ml/manifest.ts'
import { FaceAnalyzer } from './face-analyzer.ts'
import { faceSalience, frontality, rankDetections } from './pick.ts'
import type { Detection } from './types.ts'

const RELEASE = new URL('../../../models/release/', import.meta.url)
const models = {
  manifest: parseManifest(JSON.parse(readFileSync(new URL('manifest.json', RELEASE), 'utf8'))),
  read: async (file: string) => new Uint8Array(readFileSync(new URL(file, RELEASE))),
}

/** A detection with a box and keypoints: eyes 0.4 box apart, nose `nose` eye distances off their midpoint. */
function det(x: number, y: number, side: number, nose = 0): Detection {
  const cx = x + side / 2
  const cy = y + side * 0.4
  const e = side * 0.4
  const kp = [cx - e / 2, cy, cx + e / 2, cy, cx + nose * e, cy + side * 0.2, 0, 0, 0, 0, 0, 0]
  return { box: { x, y, width: side, height: side }, keypoints: Float32Array.from(kp), score: 0.9 }
}

describe('rankDetections', () => {
  it('prefers a central frontal face to a slightly larger turned face at the edge', () => {
    const bystander = det(0, 0, 120, 0.7)
    const subject = det(440, 340, 100, 0.05)
    const [first] = rankDetections([bystander, subject], 1000, 800)
    expect(first).toBe(subject)
  })

  it('still takes a much larger face (the subject close up) over a small central one', () => {
    const near = det(50, 100, 500, 0.1)
    const far = det(480, 380, 60, 0)
    expect(rankDetections([far, near], 1000, 800)[0]).toBe(near)
  })

  it('scores frontality from the keypoints and salience from all three factors', () => {
    expect(frontality(det(0, 0, 100, 0).keypoints)).toBeCloseTo(1)
    expect(frontality(det(0, 0, 100, 0.5).keypoints)).toBeCloseTo(0.5)
    const centre = faceSalience(det(450, 350, 100), 1000, 800, 100)
    const corner = faceSalience(det(0, 0, 100), 1000, 800, 100)
    expect(centre).toBeGreaterThan(0.95)
    expect(corner).toBeLessThan(centre * 0.5)
  })
})

describe('FaceAnalyzer picks the subject of a real group photo', () => {
  let analyzer: FaceAnalyzer
  beforeAll(async () => {
    analyzer = await FaceAnalyzer.createFromOptions({ models })
  })
  afterAll(() => analyzer.close())

  it('sample2.jpg: the largest face is a turned head at the edge; the central frontal face is chosen', async () => {
    const bytes = readFileSync(
      new URL('../../../node_modules/@vladmandic/face-api/demo/sample2.jpg', import.meta.url)
    )
    const { image } = decodeImage(new Uint8Array(bytes), { maxSide: 1280 })
    const result = await analyzer.detect(image)
    expect(result.detections).toBe(3)
    const areas = result.allDetections.map((d) => d.box.width * d.box.height)
    const largest = result.allDetections[areas.indexOf(Math.max(...areas))]!
    const face = result.faces[0]!
    expect(face.box).not.toEqual(largest.box) // the old rule would have taken the edge face
    expect(Math.abs(face.pose.yaw)).toBeLessThan(15)
    const cx = face.box.x + face.box.width / 2
    expect(Math.abs(cx - image.width / 2)).toBeLessThan(image.width * 0.15)
  }, 30_000)
})
