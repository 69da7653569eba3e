/**
 * @module features/photo/worker/runtime — the ONE place the PWA makes ONNX Runtime sessions: the face analyzer and
 * the CharacterCreator that shares its model loader (detect, create and refine all run on one onnxruntime-web
 * instance in the one inference Worker; a second Worker would load a second 10+ MB wasm). It applies the backend
 * chosen on the main thread (features/photo/backend.ts): WebGPU loads onnxruntime-web's WebGPU build, whose runtime
 * comes from the Worker's versioned R2 route /ort/<version>/ (api/src/routes/files.ts); if WebGPU cannot start
 * (no adapter after all, the runtime not downloadable offline, a model it cannot run) it falls back to WASM and
 * says why, so the photo flow never dead-ends on the backend.
 */
import skinDetailUrl from '@facecraft/shared/assets/skin-detail-v5.bin?url'
import { CharacterCreator } from '@facecraft/shared/create'
import { decodeSkinDetail, type SkinDetailBasis } from '@facecraft/shared/detail'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { setWebGpuRuntimeBase, webGpuAdapterName, type ModelSource } from '@facecraft/shared/ml'
import type { Backend } from '../backend.ts'

/** How many faces get a mesh (and a box the player can tap) in a photo with several. */
export const MAX_FACES = 6

/** A creator and what it really runs on. */
export interface OpenedCreator {
  creator: CharacterCreator
  backend: Backend
  /** The WebGPU adapter, e.g. 'google swiftshader'; null on WASM. */
  adapter: string | null
  /** Why WebGPU was asked for but WASM runs; null otherwise. */
  fallback: string | null
}

/** The analyzer and creator over `models` on `device`, with every create model's session made up front. */
async function open(models: ModelSource, device: Backend): Promise<CharacterCreator> {
  // The default detector grids (whole image, then 2x2 tiles) also find smaller faces, so the player sees every
  // face to choose from; the creator itself then works on the face they chose.
  const analyzer = await FaceAnalyzer.createFromOptions({ models, device, maxFaces: MAX_FACES })
  try {
    const skinDetail = await loadSkinDetail()
    const creator = await CharacterCreator.createFromOptions({
      models,
      device,
      analyzer,
      skinDetail,
    })
    // The embedder is otherwise made on the first create: made here, a WebGPU failure shows now, with a fallback.
    await analyzer.models().load('face-embedder')
    return creator
  } catch (error) {
    await analyzer.close().catch(() => undefined)
    throw error
  }
}

/**
 * The skin-detail basis (a static asset the service worker precaches beside the head pack), or null when it
 * cannot be had: characters are then made without skin detail, which they can live without (the flow goes on).
 */
async function loadSkinDetail(): Promise<SkinDetailBasis | null> {
  try {
    const response = await fetch(skinDetailUrl)
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    return decodeSkinDetail(new Uint8Array(await response.arrayBuffer()))
  } catch (error) {
    console.warn(
      `Skin detail unavailable, characters are made without it (${(error as Error).message})`
    )
    return null
  }
}

/** Opens the creator on `backend`, falling back from WebGPU to WASM (see the module header). */
export async function openCreator(models: ModelSource, backend: Backend): Promise<OpenedCreator> {
  if (backend === 'webgpu') {
    setWebGpuRuntimeBase(new URL('/ort/', self.location.href).href)
    try {
      const creator = await open(models, 'webgpu')
      return { creator, backend, adapter: await webGpuAdapterName(), fallback: null }
    } catch (error) {
      const fallback = `WebGPU could not start (${String((error as Error)?.message ?? error).slice(0, 200)})`
      console.warn(`${fallback}; running on WASM`)
      return { creator: await open(models, 'wasm'), backend: 'wasm', adapter: null, fallback }
    }
  }
  return { creator: await open(models, 'wasm'), backend: 'wasm', adapter: null, fallback: null }
}
