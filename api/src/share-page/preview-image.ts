/**
 * @module share-page/preview-image — the Open Graph image of a shared character: 1200 x 630 (the size chat apps
 * and social sites show large), the rig v2 head rendered by the same pure-TypeScript engine v2 as the app (its
 * look shader), on the app's background colour. Deterministic: the same character always gives the same bytes.
 * The engine is passed in (the Worker's comes from head-pack.ts, Node tests read the pack from disk).
 */
import { lookShader, type CharacterEngineV2 } from '@facecraft/shared/engine-v2'
import { createImage, encodePng, type RgbaImage } from '@facecraft/shared/image'
import type { Character } from '@facecraft/shared/rig'

export const PREVIEW_WIDTH = 1200
export const PREVIEW_HEIGHT = 630
/**
 * Rendered head size, px. Engine v2 frames head and shoulders with room above the hair, so the render is taller
 * than the card and its top CROP_TOP rows are cut: the face is larger and the shoulders run off the card's bottom
 * edge. Above 384 px engine v2 renders without supersampling (its edge filter instead), so a large render costs
 * mostly the character's textures, not its pixels.
 */
const HEAD_SIZE = 720
/** Rows cut from the top of the render (the rest fill the card's height exactly). */
const CROP_TOP = HEAD_SIZE - 630
/** The app's background colour (#1d1b2e), sRGB 0-255. */
export const PREVIEW_BACKGROUND = [29, 27, 46] as const

/** The preview of a rig v2 character as pixels: the head centred on a PREVIEW_WIDTH x PREVIEW_HEIGHT background. */
export function previewPixels(engine: CharacterEngineV2, character: Character): RgbaImage {
  const head = engine.render(
    character,
    { size: HEAD_SIZE, background: PREVIEW_BACKGROUND },
    lookShader
  )
  const out = createImage(PREVIEW_WIDTH, PREVIEW_HEIGHT)
  const [r, g, b] = PREVIEW_BACKGROUND
  for (let i = 0; i < out.data.length; i += 4) {
    out.data[i] = r
    out.data[i + 1] = g
    out.data[i + 2] = b
    out.data[i + 3] = 255
  }
  const left = (PREVIEW_WIDTH - HEAD_SIZE) >> 1
  const row = HEAD_SIZE * 4
  for (let y = 0; y < PREVIEW_HEIGHT; y++) {
    const from = (y + CROP_TOP) * row
    out.data.set(head.data.subarray(from, from + row), y * PREVIEW_WIDTH * 4 + left * 4)
  }
  return out
}

/** The preview of a rig v2 character as PNG bytes. */
export function previewPng(engine: CharacterEngineV2, character: Character): Uint8Array {
  return encodePng(previewPixels(engine, character))
}
