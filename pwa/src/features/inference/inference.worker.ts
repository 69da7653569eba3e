/**
 * @module features/inference/inference.worker — the face models (onnxruntime-web via shared/face) off the main
 * thread. Models are read from the model store's verified Cache API copy, so this works offline. Today it finds
 * the face and its landmarks in a photo; the photo -> character translator plugs in here next.
 */
import { expose } from 'comlink'
import { FaceAnalyzer } from '@facecraft/shared/face'
import type { RgbaImage } from '@facecraft/shared/image'
import type { ModelManifest, ModelSource } from '@facecraft/shared/ml'
import type { InstalledModels } from '../../lib/model-store.ts'

/** Longest side a photo is analysed at, px: the detector and mesh work on small crops anyway. */
const MAX_SIDE = 1024

/** One face found in a photo, in the analysed image's pixels. */
export interface PhotoFace {
  box: { x: number; y: number; width: number; height: number }
  /** 68 iBUG points, flat [x, y] * 68, analysed-image pixels. */
  ibug68: Float32Array
  /** Head pose in degrees (yaw > 0: the subject turned to their left). */
  pose: { yaw: number; pitch: number; roll: number }
}

export interface PhotoAnalysis {
  width: number
  height: number
  faces: PhotoFace[]
  /** Player-facing problems (no face, too small, profile...), worst first. */
  warnings: string[]
  ms: number
}

let analyzer: Promise<FaceAnalyzer> | null = null
let loadedRelease: string | null = null

const api = {
  /** Loads the detector and mesh of an installed release (again only when the release changed). */
  async load(installed: InstalledModels): Promise<void> {
    if (analyzer && loadedRelease === installed.release) return void (await analyzer)
    loadedRelease = installed.release
    analyzer = FaceAnalyzer.createFromOptions({
      models: cacheSource(installed),
      device: installed.variant === 'webgpu' ? 'auto' : 'wasm',
    })
    try {
      await analyzer
    } catch (error) {
      analyzer = null
      throw error
    }
  },

  /** Finds faces in a photo (decoded by the browser, EXIF orientation applied). */
  async analyze(photo: ImageBitmap): Promise<PhotoAnalysis> {
    if (!analyzer) throw new Error('Face models are not loaded yet; download them first.')
    const start = performance.now()
    const image = toRgba(photo)
    const result = await (await analyzer).detect(image)
    return {
      width: image.width,
      height: image.height,
      faces: result.faces.map((f) => ({
        box: { ...f.box },
        ibug68: f.ibug68,
        pose: { ...f.pose },
      })),
      warnings: result.warnings.map((w) => w.message),
      ms: performance.now() - start,
    }
  },
}

/** A ModelSource over the model store's cache: file paths are the release's URLs. */
function cacheSource(installed: InstalledModels): ModelSource {
  const manifest: ModelManifest = {
    schema: 1,
    release: installed.release,
    rigVersion: installed.rigVersion,
    models: installed.files.map((f) => ({ ...f, file: f.url })),
  }
  return {
    manifest,
    async read(file) {
      const response = await (await caches.open(installed.cacheName)).match(file)
      if (!response) {
        throw new Error(`${file} is missing from this device; download the face models again.`)
      }
      return new Uint8Array(await response.arrayBuffer())
    },
  }
}

/** Draws the photo at most MAX_SIDE px on its longest side and reads its pixels. */
function toRgba(photo: ImageBitmap): RgbaImage {
  const scale = Math.min(1, MAX_SIDE / Math.max(photo.width, photo.height))
  const width = Math.max(1, Math.round(photo.width * scale))
  const height = Math.max(1, Math.round(photo.height * scale))
  const context = new OffscreenCanvas(width, height).getContext('2d')
  if (!context)
    throw new Error(
      'This browser cannot read photos in a Worker (no OffscreenCanvas 2D); update it.'
    )
  context.drawImage(photo, 0, 0, width, height)
  photo.close()
  return { width, height, data: context.getImageData(0, 0, width, height).data }
}

export type InferenceApi = typeof api

expose(api)
