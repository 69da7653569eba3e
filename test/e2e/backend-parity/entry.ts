/**
 * @file The page of test/e2e/backend.test.ts: the real face models, person segmenter and translator (shared's CharacterCreator,
 * through shared/src/ml/backend/onnx.ts, the one onnxruntime module) on a photo, on one device, with the models
 * from the Worker's /models/ and the WebGPU runtime from its /ort/ route (R2), exactly as the app loads them.
 */
import { CharacterCreator } from '@facecraft/shared/create'
import { fetchModelSource, setWebGpuRuntimeBase, webGpuAdapterName } from '@facecraft/shared/ml'
import type { RgbaImage } from '@facecraft/shared/image'

/** What one run reports, as plain arrays (page.evaluate copies JSON). */
export interface ParityRun {
  device: string
  adapter: string | null
  box: { x: number; y: number; width: number; height: number }
  score: number
  ibug68: number[]
  x: number[]
  styleProbabilities: number[]
  /** The hair read through the person segmenter (create/hair-mask.ts). */
  hair: { color: number[] | null; cheek: number | null; low: number | null } | null
  createMs: number
}

async function photoPixels(url: string): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(await (await fetch(url)).blob())
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
  const context = canvas.getContext('2d')!
  context.drawImage(bitmap, 0, 0)
  const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height)
  return { width, height, data }
}

async function run(device: 'wasm' | 'webgpu', photoUrl: string): Promise<ParityRun> {
  setWebGpuRuntimeBase(new URL('/ort/', location.href).href)
  const models = await fetchModelSource(new URL('/models/manifest.json', location.href))
  const creator = await CharacterCreator.createFromOptions({ models, device })
  const image = await photoPixels(photoUrl)
  // The first create compiles shaders / warms up; the second is the one compared and timed.
  await creator.create(image)
  const start = performance.now()
  const result = await creator.create(image)
  const createMs = performance.now() - start
  const session = await creator.faceAnalyzer().models().load('translator')
  const out: ParityRun = {
    device: session.device,
    adapter: await webGpuAdapterName(),
    box: { ...result.face.box },
    score: result.face.score,
    ibug68: [...result.face.ibug68],
    x: [...result.x],
    styleProbabilities: [...result.styleProbabilities],
    hair: result.hair && {
      color: result.hair.color && [...result.hair.color],
      cheek: result.hair.cheek,
      low: result.hair.low,
    },
    createMs,
  }
  await creator.close()
  return out
}

;(globalThis as { runParity?: typeof run }).runParity = run
