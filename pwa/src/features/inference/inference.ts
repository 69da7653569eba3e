/** @module features/inference — the face-model Worker, started on first use (it is large: ONNX Runtime). */
import { transfer, wrap, type Remote } from 'comlink'
import type { InstalledModels } from '../../lib/model-store.ts'
import type { InferenceApi, PhotoAnalysis } from './inference.worker.ts'

export type { PhotoAnalysis, PhotoFace } from './inference.worker.ts'

let remote: Remote<InferenceApi> | null = null

function worker(): Remote<InferenceApi> {
  remote ??= wrap<InferenceApi>(
    new Worker(new URL('./inference.worker.ts', import.meta.url), {
      type: 'module',
      name: 'inference',
    })
  )
  return remote
}

/** Finds the faces in a photo file with the installed models. Throws with a message for the player. */
export async function analyzePhoto(file: Blob, models: InstalledModels): Promise<PhotoAnalysis> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  } catch {
    throw new Error('This file is not a photo this browser can open; choose a JPEG or PNG.')
  }
  await worker().load(models)
  return worker().analyze(transfer(bitmap, [bitmap]))
}
