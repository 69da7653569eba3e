/**
 * @module features/photo/worker/runtime — the ONE place the PWA makes ONNX Runtime sessions: the face analyzer and
 * the CharacterCreator that shares its model loader (detect, create and refine all run on one onnxruntime-web
 * instance in the one inference Worker; a second Worker would load a second 10+ MB wasm). The backend choice
 * (WASM today; WebGPU when an adapter exists) belongs here.
 */
import { CharacterCreator } from '@facecraft/shared/create'
import { FaceAnalyzer } from '@facecraft/shared/face'
import type { ModelVariant } from '@facecraft/shared/api'
import type { ModelSource } from '@facecraft/shared/ml'

/** How many faces get a mesh (and a box the player can tap) in a photo with several. */
export const MAX_FACES = 6

/** The analyzer and creator over `models`, on the backend of the installed `variant`. */
export async function openCreator(
  models: ModelSource,
  variant: ModelVariant
): Promise<CharacterCreator> {
  const device = variant === 'webgpu' ? 'auto' : 'wasm'
  // The default detector grids (whole image, then 2x2 tiles) also find smaller faces, so the player sees every
  // face to choose from; the creator itself then works on the face they chose.
  const analyzer = await FaceAnalyzer.createFromOptions({ models, device, maxFaces: MAX_FACES })
  return CharacterCreator.createFromOptions({ models, device, analyzer })
}
