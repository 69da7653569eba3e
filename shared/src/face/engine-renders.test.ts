/** @file FaceAnalyzer on engine renders, whose 68 landmarks and head yaw are known exactly. */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { characterLandmarks, renderCharacter } from '../engine/index.ts'
import { parseManifest } from '../ml/manifest.ts'
import { createCharacter, randomCharacter } from '../rig/character.ts'
import { FaceAnalyzer } from './face-analyzer.ts'
import { interOcular } from './ibug68.ts'

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
})
