/** @file FaceAnalyzer on engine renders, whose 68 landmarks and head yaw are known exactly. */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { characterLandmarks, renderCharacter } from '../engine/index.ts'
import { parseManifest } from '../ml/manifest.ts'
import { createCharacter, randomCharacter } from '../rig/character.ts'
import { FaceAnalyzer } from './face-analyzer.ts'
import { alignmentFor } from './align.ts'
import { applyAffine, invertAffine } from './affine.ts'
import { ibug68FromMesh, interOcular } from './ibug68.ts'
import { unturnedMesh } from './pose.ts'

const RELEASE = new URL('../../../models/release/', import.meta.url)
const models = {
  manifest: parseManifest(JSON.parse(readFileSync(new URL('manifest.json', RELEASE), 'utf8'))),
  read: async (file: string) => new Uint8Array(readFileSync(new URL(file, RELEASE))),
}
const SIZE = 256
const WHITE: [number, number, number] = [255, 255, 255]

let analyzer: FaceAnalyzer
beforeAll(async () => {
  analyzer = await FaceAnalyzer.createFromOptions({ models })
})
afterAll(() => analyzer.close())

describe('FaceAnalyzer on engine renders', () => {
  it('finds exactly one face per render, with 68 points near the engine landmarks', async () => {
    const errors: number[] = []
    for (let seed = 1; seed <= 8; seed++) {
      const c = randomCharacter(seed)
      const result = await analyzer.detect(renderCharacter(c, { size: SIZE, background: WHITE }))
      expect(result.detections).toBe(1)
      const ours = result.faces[0]!.ibug68
      const truth = characterLandmarks(c, { size: SIZE }).ibug68
      const iod = interOcular(truth)
      // Eyes, nose and mouth (iBUG 27-67): mean error over the inter-ocular distance.
      let sum = 0
      for (let k = 27; k < 68; k++)
        sum += Math.hypot(ours[2 * k]! - truth[2 * k]!, ours[2 * k + 1]! - truth[2 * k + 1]!) / iod
      errors.push(sum / 41)
    }
    const mean = errors.reduce((a, b) => a + b) / errors.length
    expect(mean).toBeLessThan(0.08)
  })

  it('reads the head yaw the engine rendered: ~0 front, equal and opposite at +-20 degrees', async () => {
    const c = createCharacter()
    const yawAt = async (yaw: number) =>
      (await analyzer.detect(renderCharacter(c, { size: SIZE, yaw, background: WHITE }))).faces[0]!
        .pose
    const front = await yawAt(0)
    const plus = await yawAt(20)
    const minus = await yawAt(-20)
    expect(Math.abs(front.yaw)).toBeLessThan(5)
    expect(Math.abs(front.roll)).toBeLessThan(3)
    expect(Math.abs(Math.abs(plus.yaw) - 20)).toBeLessThan(8)
    expect(Math.abs(plus.yaw + minus.yaw)).toBeLessThan(4)
  })

  it("takes the turn out of a turned face (unturnedMesh): its points come back to the front view's", async () => {
    const c = createCharacter()
    const faceAt = async (yaw: number) =>
      (await analyzer.detect(renderCharacter(c, { size: SIZE, yaw, background: WHITE }))).faces[0]!
    // 68 points in their own aligned frame, and their mean distance in inter-ocular units
    const framed = (points: Float32Array) => {
      const toFrame = invertAffine(alignmentFor(points))!
      return Array.from({ length: 68 }, (_, i) =>
        applyAffine(toFrame, points[2 * i]!, points[2 * i + 1]!)
      )
    }
    const apart = (a: number[][], b: number[][]) =>
      a.reduce((s, p, i) => s + Math.hypot(p[0]! - b[i]![0]!, p[1]! - b[i]![1]!), 0) /
      68 /
      Math.hypot(a[45]![0]! - a[36]![0]!, a[45]![1]! - a[36]![1]!)
    const front = await faceAt(0)
    const unturned = (f: typeof front) => framed(ibug68FromMesh(unturnedMesh(f.mesh)))
    // a frontal face is left as it is
    expect(apart(unturned(front), framed(front.ibug68))).toBeLessThan(0.01)
    for (const yaw of [20, -20]) {
      const turned = await faceAt(yaw)
      const seen = apart(framed(turned.ibug68), framed(front.ibug68))
      const back = apart(unturned(turned), framed(front.ibug68))
      expect(seen).toBeGreaterThan(0.06)
      expect(back).toBeLessThan(seen / 2)
    }
  })
})
