/**
 * @module features/render/render.worker — engine v2 (the CC0 head, textured look shader) off the main thread, so
 * a render never blocks touch input. The head pack is fetched on first use (a static asset the service worker
 * precaches). Exposed with comlink; pixels come back as transferred buffers (no copy).
 */
import { expose, transfer } from 'comlink'
import { renderCharacterV2, type RenderOptionsV2 } from '@facecraft/shared/engine-v2'
import headPackUrl from '@facecraft/shared/assets/head-v2.bin?url'
import skinDetailUrl from '@facecraft/shared/assets/skin-detail-v5.bin?url'
import type { RgbaImage } from '@facecraft/shared/image'
import type { Character } from '@facecraft/shared/rig'
import { ensureHeadPack } from './head-pack.ts'
import { IdleWarmup } from './idle-warmup.ts'

/** Renders a rig v2 character once the head pack is in (the first call waits for it). */
async function renderCharacter(character: Character, options: RenderOptionsV2): Promise<RgbaImage> {
  await ensureHeadPack(headPackUrl, fetch, skinDetailUrl)
  return renderCharacterV2(character, options)
}

/** How long the Worker must have had nothing to draw before it builds the thumbnails' level of detail, ms. */
const LOD_IDLE_MS = 400

/** The last thumbnail's character: the level of detail is built on it (its parts are the ones in use). */
let lastThumbnail: Character | null = null

/**
 * The thumbnails' level of detail (engine/v2/lod), built in the Worker's first idle moment by a tiny render that
 * asks for it (features/render/idle-warmup: why not on the first thumbnail).
 */
const thumbnailLod = new IdleWarmup(() => {
  if (!lastThumbnail) return
  renderCharacterV2(lastThumbnail, { size: 16, lod: true })
  // Said on the Worker's global, where tests and devtools can see it (module state cannot be reached from there).
  ;(self as { facecraftThumbnailLod?: boolean }).facecraftThumbnailLod = true
}, LOD_IDLE_MS)

/** A rendered frame, `size` x `size` px, ready to draw (a bitmap transfers without copying). */
export interface Frame {
  size: number
  bitmap: ImageBitmap
  /** Time the engine took, ms. */
  renderMs: number
}

const api = {
  /**
   * Renders `character` at `size` px with head yaw `yaw` degrees (+ turns the nose to the subject's left) and
   * pitch `pitch` degrees (+ looks down on the head). Time spent waiting for the head pack is not counted.
   */
  async frame(character: Character, size: number, yaw: number, pitch = 0): Promise<Frame> {
    await ensureHeadPack(headPackUrl, fetch, skinDetailUrl)
    const start = performance.now()
    const image = await renderCharacter(character, { size, yaw, pitch, background: 'transparent' })
    const renderMs = performance.now() - start
    const bitmap = await createImageBitmap(toImageData(image))
    return transfer({ size, bitmap, renderMs }, [bitmap])
  },

  /**
   * A thumbnail (front view, transparent background) for the gallery and the style pickers: WebP (~10x smaller
   * than PNG, which matters for a gallery kept in IndexedDB), or PNG where the browser cannot encode WebP.
   */
  async thumbnail(character: Character, size: number): Promise<Blob> {
    // lod: once built (thumbnailLod), thumbnails of at most LOD_MAX_SIZE (256) px draw the engine's level of
    // detail: the gallery (256), the samples (192) and the style pickers (160) look the same and render 12-27%
    // faster; larger pictures keep full detail.
    const options = { size, yaw: 0, background: 'transparent', lod: thumbnailLod.ready } as const
    const image = await renderCharacter(character, options)
    lastThumbnail = character
    thumbnailLod.touch()
    const canvas = new OffscreenCanvas(size, size)
    const context = canvas.getContext('2d')
    if (!context)
      throw new Error('This browser cannot draw in a Worker (no OffscreenCanvas 2D); update it.')
    context.putImageData(toImageData(image), 0, 0)
    return canvas.convertToBlob({ type: 'image/webp', quality: 0.9 })
  },

  /**
   * A picture to keep: `size` px PNG, front view, on a soft studio background or transparent (for game engines
   * and editing apps).
   */
  async picture(character: Character, size: number, background: boolean): Promise<Blob> {
    const image = await renderCharacter(character, { size, yaw: 0, background: 'transparent' })
    const { canvas, context } = canvasOf(size, size)
    if (background) paintStudio(context, size, size, size / 2, size * 0.42)
    context.drawImage(await createImageBitmap(toImageData(image)), 0, 0)
    return canvas.convertToBlob({ type: 'image/png' })
  },

  /** A 1200 x 630 share card (the size chat apps and social sites show large): the head, the name, the app. */
  async card(character: Character, name: string): Promise<Blob> {
    const [w, h, head] = [1200, 630, 600]
    const image = await renderCharacter(character, {
      size: head,
      yaw: -12,
      background: 'transparent',
    })
    const { canvas, context } = canvasOf(w, h)
    paintStudio(context, w, h, 330, h * 0.45)
    context.drawImage(await createImageBitmap(toImageData(image)), 30, 15)
    context.fillStyle = '#f4f1ff'
    context.textBaseline = 'alphabetic'
    let px = 76
    const font = (size: number) => `800 ${size}px system-ui, sans-serif`
    context.font = font(px)
    // Long names shrink to fit the right half rather than run off the card.
    while (px > 36 && context.measureText(name).width > 520) context.font = font((px -= 4))
    context.fillText(name, 640, 300, 520)
    context.font = '500 34px system-ui, sans-serif'
    context.fillStyle = '#ffb347'
    context.fillText('made with facecraft', 640, 370)
    return canvas.convertToBlob({ type: 'image/png' })
  },
}

function canvasOf(width: number, height: number) {
  const canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d')
  if (!context)
    throw new Error('This browser cannot draw in a Worker (no OffscreenCanvas 2D); update it.')
  return { canvas, context }
}

/** The app's backdrop: a soft violet light behind the head, fading to the app's background colour. */
function paintStudio(
  context: OffscreenCanvasRenderingContext2D,
  width: number,
  height: number,
  cx: number,
  cy: number
): void {
  const light = context.createRadialGradient(cx, cy, 0, cx, cy, Math.max(width, height) * 0.75)
  light.addColorStop(0, '#5a5290')
  light.addColorStop(1, '#1d1b2e')
  context.fillStyle = light
  context.fillRect(0, 0, width, height)
}

/** The engine's pixels as ImageData, without copying. */
function toImageData(image: RgbaImage): ImageData {
  // The engine allocates a plain ArrayBuffer (never shared), which is what ImageData requires.
  return new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height)
}

export type RenderApi = typeof api

expose(api)
