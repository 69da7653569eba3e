/**
 * @module engine/v2 — engine v2: the CC0 MakeHuman head, posed by rig v2 characters. Built beside v1 (v1 stays
 * the app's default until the switch). The asset pack is bytes the caller loads (Node: read
 * shared/assets/head-v2/head-v2.bin; browsers/Workers: fetch it) and hands to `useHeadPack` once.
 * @example
 * useHeadPack(bytes)
 * const image = renderCharacterV2(randomPlausibleCharacter(7), { size: 256, background: [255, 255, 255] })
 */
import type { RgbaImage } from '../../image/types.ts'
import type { Character } from '../../rig/schema.ts'
import { HeadAssets } from './assets.ts'
import { CharacterEngineV2 } from './character.ts'
import type { RenderOptionsV2, ShaderFactory } from './engine.ts'
import type { CharacterLandmarksV2 } from './landmarks.ts'
import { createHeadShader } from './look/index.ts'

export { HeadAssets } from './assets.ts'
export { CharacterEngineV2, characterAppearance, characterWeights } from './character.ts'
export {
  EngineV2,
  type LodShader,
  type RenderOptionsV2,
  type ShaderFactory,
  type HeadParts,
} from './engine.ts'
export { LOD_MAX_SIZE, type LodTriangles } from './lod.ts'
export { createLambertShader } from './lambert.ts'
export { DISTANCE_MIN_V2, VIEW_V2, headView, type FrameAffine } from './view.ts'
export { PACK_VERSION } from './pack.ts'
export type { CharacterLandmarksV2 } from './landmarks.ts'
export * from './mesh-types.ts'

let current: CharacterEngineV2 | null = null

/** Loads the head asset pack (once per process; a second call with new bytes replaces it). */
export function useHeadPack(bytes: Uint8Array): CharacterEngineV2 {
  current = new CharacterEngineV2(HeadAssets.fromBytes(bytes))
  return current
}

/** The engine of the loaded pack (throws a clear error before useHeadPack). */
export function getEngineV2(): CharacterEngineV2 {
  if (!current) {
    throw new Error(
      'Engine v2 has no head pack: call useHeadPack(bytes of shared/assets/head-v2/head-v2.bin) first.'
    )
  }
  return current
}

/** The look layer's textured shader, as the geometry engine takes it (the product's shader). */
export const lookShader: ShaderFactory = createHeadShader as unknown as ShaderFactory

/**
 * Renders a rig v2 character (front view unless `yaw` is given) with the look layer's textured shader, or
 * with `shader` (e.g. createLambertShader for geometry previews).
 */
export function renderCharacterV2(
  character: Character,
  options?: RenderOptionsV2,
  shader: ShaderFactory = lookShader
): RgbaImage {
  return getEngineV2().render(character, options, shader)
}

/** Image-space landmarks (68 iBUG points from mesh vertices, visibility, named extras) for a render. */
export function characterLandmarksV2(
  character: Character,
  options?: RenderOptionsV2
): CharacterLandmarksV2 {
  return getEngineV2().landmarks(character, options)
}
