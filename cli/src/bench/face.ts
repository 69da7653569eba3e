/**
 * @module cli/bench/face — `facecraft bench face`: one 1280x960 photo through detect + mesh + embed under
 * onnxruntime-node; key `detect_mesh_embed_ms` (median after warm-up; target <= 60).
 */
import { readFile } from 'node:fs/promises'
import { decodeImage } from '@facecraft/shared/decode'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { createImage, type RgbaImage } from '@facecraft/shared/image'
import { nodeModelSource } from '../commands/detect.ts'
import { progress } from '../command.ts'
import { median, type Suite } from '../suite.ts'

const PHOTO = new URL(
  '../../../node_modules/@vladmandic/face-api/demo/sample3.jpg',
  import.meta.url
)

/** A 1280x960 photo: the demo photo scaled to 1280 wide, centred on a grey 4:3 canvas. */
async function benchPhoto(): Promise<RgbaImage> {
  const { image } = decodeImage(new Uint8Array(await readFile(PHOTO)), { maxSide: 1280 })
  const out = createImage(1280, 960)
  out.data.fill(128)
  const top = Math.max(0, (960 - image.height) >> 1)
  const rows = Math.min(960, image.height)
  for (let y = 0; y < rows; y++) {
    const src = image.data.subarray(
      y * image.width * 4,
      (y * image.width + Math.min(1280, image.width)) * 4
    )
    out.data.set(src, (y + top) * 1280 * 4)
  }
  return out
}

export const faceBench: Suite = {
  name: 'face',
  summary: 'detect + mesh + embed on one 1280x960 photo, onnxruntime-node (detect_mesh_embed_ms)',
  async run({ quick }) {
    const photo = await benchPhoto()
    const analyzer = await FaceAnalyzer.createFromOptions({ models: await nodeModelSource() })
    try {
      const once = async () => {
        const start = performance.now()
        const result = await analyzer.detect(photo)
        const face = result.faces[0]
        if (!face) throw new Error('the bench photo has no face; the face models are broken.')
        const t1 = performance.now()
        await analyzer.embed(photo, face)
        return [performance.now() - start, t1 - start]
      }
      const warmup = 3
      const runs = quick ? 10 : 40
      for (let i = 0; i < warmup; i++) await once()
      const totals: number[] = []
      const detects: number[] = []
      for (let i = 0; i < runs; i++) {
        progress(`bench face ${i + 1}/${runs}`)
        const [total, detect] = await once()
        totals.push(total!)
        detects.push(detect!)
      }
      progress('')
      return {
        detect_mesh_embed_ms: Number(median(totals).toFixed(2)),
        detect_mesh_ms: Number(median(detects).toFixed(2)),
        runs,
        photo: '1280x960',
        runtime: 'onnxruntime-node cpu, 1 intra-op thread',
      }
    } finally {
      await analyzer.close()
    }
  },
}
