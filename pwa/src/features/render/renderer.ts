/**
 * @module features/render/renderer — the two render Workers: 'preview' draws the editor's live frames, 'thumbs'
 * draws thumbnails, so a burst of picker thumbnails never delays the frame under the player's finger.
 */
import { wrap, type Remote } from 'comlink'
import type { Character } from '@facecraft/shared/rig'
import type { RenderApi } from './render.worker.ts'

export type { Frame } from './render.worker.ts'

const workers = new Map<'preview' | 'thumbs', Remote<RenderApi>>()

/** The Worker for `role`, started on first use. */
export function renderer(role: 'preview' | 'thumbs'): Remote<RenderApi> {
  let remote = workers.get(role)
  if (!remote) {
    const worker = new Worker(new URL('./render.worker.ts', import.meta.url), {
      type: 'module',
      name: `render-${role}`,
    })
    remote = wrap<RenderApi>(worker)
    workers.set(role, remote)
  }
  return remote
}

let warmed = false
/**
 * Starts the preview Worker and builds the engine's model in it ahead of time (a few tenths of a second, off the
 * main thread), so the first frame of the first editor opened is not the one that pays for it.
 */
export function warmUpPreview(character: Character): void {
  if (warmed) return
  warmed = true
  void renderer('preview')
    .frame(character, 192, 0)
    .then((f) => f.bitmap.close())
    .catch(() => undefined)
}

/** Gallery thumbnail size, px: cards are ~160 CSS px wide, so this is sharp on 1.5x screens and fine on 2x. */
export const THUMBNAIL_SIZE = 256

const urls = new Map<string, Promise<string>>()
/** Most object URLs kept; older ones are revoked (pickers ask for many variants while the player edits). */
const MAX_URLS = 400

/** A thumbnail image as an object URL, cached by content (same character: same URL, rendered once). */
export function thumbnailUrl(character: Character, size = THUMBNAIL_SIZE): Promise<string> {
  const key = `${size}|${JSON.stringify(character)}`
  let url = urls.get(key)
  if (!url) {
    url = renderer('thumbs')
      .thumbnail(character, size)
      .then((blob) => URL.createObjectURL(blob))
    urls.set(key, url)
    if (urls.size > MAX_URLS) {
      const [oldest, promise] = urls.entries().next().value!
      urls.delete(oldest)
      void promise.then((u) => URL.revokeObjectURL(u))
    }
  }
  return url
}

/** A thumbnail image Blob for storing with a saved character. */
export function thumbnailBlob(character: Character, size = THUMBNAIL_SIZE): Promise<Blob> {
  return renderer('thumbs').thumbnail(character, size)
}

/** Size of "Save image" pictures, px. */
export const PICTURE_SIZE = 1024

/** A PNG to keep: PICTURE_SIZE px, with the studio background or transparent. */
export function pictureBlob(character: Character, background: boolean): Promise<Blob> {
  return renderer('thumbs').picture(character, PICTURE_SIZE, background)
}

/** A 1200 x 630 PNG share card with the character's name. */
export function cardBlob(character: Character, name: string): Promise<Blob> {
  return renderer('thumbs').card(character, name)
}
