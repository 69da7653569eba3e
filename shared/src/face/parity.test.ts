/** @file The same pipeline under onnxruntime-node (native cpu) and onnxruntime-web (WASM in Node) agrees. */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeImage } from '../image/decode/index.ts'
import { parseManifest } from '../ml/manifest.ts'
import { FaceAnalyzer } from './face-analyzer.ts'
import type { FaceResult } from './types.ts'

const RELEASE = new URL('../../../models/release/', import.meta.url)
const models = {
  manifest: parseManifest(JSON.parse(readFileSync(new URL('manifest.json', RELEASE), 'utf8'))),
  read: async (file: string) => new Uint8Array(readFileSync(new URL(file, RELEASE))),
}
const SAMPLE = new URL(
  '../../../node_modules/@vladmandic/face-api/demo/sample4.jpg',
  import.meta.url
)

/** Largest absolute difference between two equal-length arrays. */
function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!))
  return m
}

describe('onnxruntime-node vs onnxruntime-web parity', () => {
  const image = decodeImage(new Uint8Array(readFileSync(SAMPLE)), { maxSide: 960 }).image
  const results: Record<'default' | 'web', FaceResult | null> = { default: null, web: null }
  const analyzers: FaceAnalyzer[] = []
  beforeAll(async () => {
    for (const runtime of ['default', 'web'] as const) {
      const analyzer = await FaceAnalyzer.createFromOptions({ models, runtime, maxFaces: 4 })
      analyzers.push(analyzer)
      results[runtime] = await analyzer.detect(image)
    }
  })
  afterAll(() => Promise.all(analyzers.map((a) => a.close())))

  it('finds the same faces and agrees within 1e-3 (normalised coordinates, scores, degrees/100)', () => {
    const node = results.default!
    const web = results.web!
    expect(web.detections).toBe(node.detections)
    expect(web.faces).toHaveLength(node.faces.length)
    const scale = 1 / Math.max(image.width, image.height) // pixels -> image-normalised units
    node.faces.forEach((n, i) => {
      const w = web.faces[i]!
      expect(Math.abs(w.score - n.score)).toBeLessThan(1e-3)
      expect(Math.abs(w.meshScore - n.meshScore)).toBeLessThan(1e-3)
      expect(maxDiff(w.mesh, n.mesh) * scale).toBeLessThan(1e-3)
      expect(maxDiff(w.ibug68, n.ibug68) * scale).toBeLessThan(1e-3)
      expect(maxDiff(w.normalisedMesh, n.normalisedMesh)).toBeLessThan(1e-3)
      const pose = (f: typeof n) => [f.pose.yaw / 100, f.pose.pitch / 100, f.pose.roll / 100]
      expect(maxDiff(pose(w), pose(n))).toBeLessThan(1e-3)
    })
  })
})
