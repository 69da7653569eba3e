/**
 * @module features/render/render.worker — the engine's software renderer, off the main thread so a render never
 * blocks touch input. Exposed with comlink; pixels come back as transferred buffers (no copy).
 */
import { expose, transfer } from 'comlink'
import { renderCharacter } from '@facecraft/shared/engine'
import type { RgbaImage } from '@facecraft/shared/image'
import type { Character } from '@facecraft/shared/rig'

/** A rendered frame, `size` x `size` px, ready to draw (a bitmap transfers without copying). */
export interface Frame {
  size: number
  bitmap: ImageBitmap
  /** Time the engine took, ms. */
  renderMs: number
}

const api = {
  /** Renders `character` at `size` px with head yaw `yaw` degrees (+ turns the nose to the subject's left). */
  async frame(character: Character, size: number, yaw: number): Promise<Frame> {
    const start = performance.now()
    const image = renderCharacter(character, { size, yaw, background: 'transparent' })
    const renderMs = performance.now() - start
    const bitmap = await createImageBitmap(toImageData(image))
    return transfer({ size, bitmap, renderMs }, [bitmap])
  },

  /**
   * A thumbnail (front view, transparent background) for the gallery and the style pickers: WebP (~10x smaller
   * than PNG, which matters for a gallery kept in IndexedDB), or PNG where the browser cannot encode WebP.
   */
  async thumbnail(character: Character, size: number): Promise<Blob> {
    const image = renderCharacter(character, { size, yaw: 0, background: 'transparent' })
    const canvas = new OffscreenCanvas(size, size)
    const context = canvas.getContext('2d')
    if (!context)
      throw new Error('This browser cannot draw in a Worker (no OffscreenCanvas 2D); update it.')
    context.putImageData(toImageData(image), 0, 0)
    return canvas.convertToBlob({ type: 'image/webp', quality: 0.9 })
  },
}

/** The engine's pixels as ImageData, without copying. */
function toImageData(image: RgbaImage): ImageData {
  // The engine allocates a plain ArrayBuffer (never shared), which is what ImageData requires.
  return new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height)
}

export type RenderApi = typeof api

expose(api)
