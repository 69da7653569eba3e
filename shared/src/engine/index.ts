/**
 * @module engine — the facecraft character engine: a character (rig parameters) in, a rendered head and its
 * landmarks out. Pure TypeScript, deterministic, the same bytes in Node and browsers.
 * @example
 * import { renderCharacter } from '@facecraft/shared/engine'
 * const image = renderCharacter(randomCharacter(7), { size: 128, background: [255, 255, 255] })
 */
import type { RgbaImage } from '../image/types.ts'
import type { Character } from '../rig/schema.ts'
import { getEngine, type RenderOptions } from './engine.ts'
import type { CharacterLandmarks } from './landmarks.ts'

export { Engine, getEngine, checkSize, DEFAULT_SIZE, type RenderOptions } from './engine.ts'
export { FRONT_VIEW } from './front-view.ts'
export type { CharacterLandmarks } from './landmarks.ts'

/** Renders a character (front view unless `yaw` is given) with the shared engine. */
export function renderCharacter(character: Character, options?: RenderOptions): RgbaImage {
  return getEngine().render(character, options)
}

/** Image-space landmarks (68 iBUG points, visibility, named extras) for a render with the same options. */
export function characterLandmarks(
  character: Character,
  options?: RenderOptions
): CharacterLandmarks {
  return getEngine().landmarks(character, options)
}

/** Triangles drawn for the default character at the default level of detail. */
export function triangleCount(): number {
  return getEngine().triangleCount()
}
