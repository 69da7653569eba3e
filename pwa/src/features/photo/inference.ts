/**
 * @module features/photo/inference — the main thread's side of the one inference Worker (ONNX Runtime: detect,
 * create, refine), started on first use because it is large.
 */
import { proxy, transfer, wrap, type Remote } from 'comlink'
import type { Box } from '@facecraft/shared/face'
import type { Character } from '@facecraft/shared/rig'
import { currentBackend, recordBackendUsed } from './backend.ts'
import type {
  BackendInUse,
  Created,
  InferenceApi,
  Outcome,
  PhotoAnalysis,
  Refined,
  RefineStep,
  WorkerModels,
} from './inference.worker.ts'
import type { LiveHint } from './worker/live-hint.ts'

export type {
  BackendInUse,
  Created,
  Failure,
  Outcome,
  PhotoAnalysis,
  PhotoFace,
  Refined,
  RefineStep,
  WorkerModels,
} from './inference.worker.ts'
export type { LiveHint, LiveHintCode } from './worker/live-hint.ts'

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

/**
 * Loads the installed model groups into the Worker (cheap when they are loaded already) on the backend chosen
 * for this browser (features/photo/backend.ts), and records what they really run on (shown in settings).
 */
export async function loadModels(models: WorkerModels): Promise<BackendInUse> {
  const choice = await currentBackend()
  const used = await worker().load(models, choice.backend)
  await recordBackendUsed(used)
  return used
}

/** The faces in a photo file (the Worker decodes it); the photo is kept there for createCharacter(). */
export function analyzePhoto(file: Blob): Promise<Outcome<{ analysis: PhotoAnalysis }>> {
  return worker().analyze(file)
}

/** A live hint for one camera frame (the bitmap is handed over and closed). */
export function checkFrame(frame: ImageBitmap): Promise<LiveHint & { ms: number }> {
  return worker().frame(transfer(frame, [frame]))
}

/** A character from face `index` of the photo analysed last. */
export function createCharacter(index: number): Promise<Outcome<Created>> {
  return worker().create(index)
}

/**
 * Refines `character` toward the face at `box` of `photo`, step by step; cancelRefine() stops it. When WebGPU
 * failed and WASM refined instead, that is recorded for settings (as a fallback at load is).
 */
export async function refineCharacter(
  photo: Blob,
  box: Box,
  character: Character,
  onStep: (step: RefineStep) => void
): Promise<Outcome<Refined>> {
  const out = await worker().refine(photo, box, character, proxy(onStep))
  if (out.ok && out.fallback)
    await recordBackendUsed({ backend: 'wasm', adapter: null, fallback: out.fallback })
  return out
}

/** Stops the running refinement (it then answers with code 'aborted'). */
export function cancelRefine(): Promise<void> {
  return worker().cancelRefine()
}
