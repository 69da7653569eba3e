/**
 * @module cli/bench/create — `facecraft bench create`: what auto-creation costs under onnxruntime-node (one
 * intra-op thread): translator_ms (translator.onnx, int8 weights, batch 1), create_ms (photo file -> x: read,
 * decode, detect, mesh, embed, part colours, features, translator), download_bytes (every `create` model file).
 * Medians after warm-up; the photos are the `canada` set of ../shared/faces (train split, one studio face each).
 */
import { readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CharacterCreator, FEATURE_LENGTH } from '@facecraft/shared/create'
import { decodeImage } from '@facecraft/shared/decode'
import { modelsInGroup } from '@facecraft/shared/ml'
import { nodeModelSource } from '../commands/detect.ts'
import { progress } from '../command.ts'
import { facesDir, skinDetailBasis } from '../engine-v2.ts'
import { median, type Suite } from '../suite.ts'

/** Up to `n` photo files of the canada set. */
function benchPhotos(n: number): string[] {
  const dir = facesDir()
  if (!dir)
    throw new Error('bench create needs the photos in ../shared/faces (or set FACECRAFT_FACES to that folder).')
  const canada = join(dir, 'canada')
  return readdirSync(canada).filter((f) => f.endsWith('.jpg')).sort().slice(0, n).map((f) => join(canada, f))
} // prettier-ignore

export const createBench: Suite = {
  name: 'create',
  summary: 'photo -> character under onnxruntime-node (translator_ms, create_ms, download_bytes)',
  async run({ quick }) {
    const models = await nodeModelSource()
    const creator = await CharacterCreator.createFromOptions({
      models,
      skinDetail: skinDetailBasis(),
    })
    try {
      const translator = await creator.faceAnalyzer().models().load('translator')
      const features = new Float32Array(FEATURE_LENGTH).fill(0.1)
      const feeds = { features: { data: features, dims: [1, FEATURE_LENGTH] } }
      const runs = quick ? 200 : 1000
      const translatorTimes: number[] = []
      for (let i = 0; i < runs + 20; i++) {
        const t = performance.now()
        await translator.run(feeds)
        if (i >= 20) translatorTimes.push(performance.now() - t)
      }
      const files = benchPhotos(quick ? 6 : 20)
      const createTimes: number[] = []
      for (const [i, file] of [files[0]!, ...files].entries()) {
        progress(`bench create ${i}/${files.length}`)
        const t = performance.now()
        const { image } = decodeImage(new Uint8Array(await readFile(file)))
        await creator.create(image)
        if (i > 0) createTimes.push(performance.now() - t) // the first is warm-up
      }
      progress('')
      const create = modelsInGroup(models.manifest, 'create')
      return {
        translator_ms: Number(median(translatorTimes).toFixed(3)),
        create_ms: Number(median(createTimes).toFixed(1)),
        download_bytes: create.reduce((s, m) => s + m.bytes, 0),
        download_files: create.map((m) => m.id),
        photos: createTimes.length,
        rig: creator.rigVersion,
        runtime: 'onnxruntime-node cpu, 1 intra-op thread',
      }
    } finally {
      await creator.close()
    }
  },
}
