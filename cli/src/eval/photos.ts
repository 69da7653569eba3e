/**
 * @module cli/eval/photos — real photos through the face pipeline for evaluations: decode, pick the face, and
 * the recognisers' embeddings, with a clear error for a photo without a usable face.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { encode as encodeJpeg } from 'jpeg-js'
import { decodeImage } from '@facecraft/shared/decode'
import {
  alignedCrop,
  alignmentFor,
  applyAffine,
  type EmbedderId,
  type Face,
  type FaceAnalyzer,
} from '@facecraft/shared/face'
import { BACKGROUND } from './engines.ts'
import { createImage, type RgbaImage } from '@facecraft/shared/image'

/** A photo with its chosen face. */
export interface AnalysedPhoto {
  file: string
  image: RgbaImage
  face: Face
}

/** Decodes `file` and finds its face; throws naming the file when it cannot be read or has no face. */
export async function analysePhoto(analyzer: FaceAnalyzer, file: string): Promise<AnalysedPhoto> {
  let image: RgbaImage
  try {
    image = decodeImage(new Uint8Array(await readFile(file))).image
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`)
  }
  const result = await analyzer.detect(image)
  const face = result.faces[0]
  if (!face)
    throw new Error(`${file}: no face found; use a frontal photo with the face clearly visible.`)
  return { file, image, face }
}

/** Embeddings of one photo by several recognisers, keyed by model id. */
export async function embedAll(
  analyzer: FaceAnalyzer,
  photo: { image: RgbaImage; face: Pick<Face, 'ibug68'> },
  models: readonly EmbedderId[]
): Promise<Record<string, Float32Array>> {
  const out: Record<string, Float32Array> = {}
  for (const m of models) out[m] = await analyzer.embed(photo.image, photo.face, m)
  return out
}

/** A short name for progress lines. */
export const shortName = (file: string) => basename(file)

/** The aligned crop of an engine render; where the frame reaches beyond the render, the backdrop (not black). */
export function renderCrop(image: RgbaImage, ibug68: Float32Array, size: number): RgbaImage {
  const toImage = alignmentFor(ibug68)
  const crop = alignedCrop(image, toImage, size)
  const m = (2 * Math.hypot(toImage[0], toImage[3])) / size + 1 // 2 output pixels, in image pixels, + 1
  for (let v = 0; v < size; v++)
    for (let u = 0; u < size; u++) {
      const [x, y] = applyAffine(toImage, (u + 0.5) / size, (v + 0.5) / size)
      // Samples near the edge are blended with the black outside (over a pyramid level's pixel): backdrop too.
      if (x >= m && y >= m && x < image.width - m && y < image.height - m) continue
      crop.data.set([...BACKGROUND, 255], (v * size + u) * 4)
    }
  return crop
}

/** `image` flipped left to right: the light and the face's own asymmetries on the other side (a control that keeps
 * the person: cli/scripts/detail-transfer.ts, photo-variants.ts). */
export function mirrored(image: RgbaImage): RgbaImage {
  const out = createImage(image.width, image.height)
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++) {
      const s = (y * image.width + (image.width - 1 - x)) * 4
      out.data.set(image.data.subarray(s, s + 4), (y * image.width + x) * 4)
    }
  return out
}

/** `image` at `scale` (< 1) of its size, each pixel the mean of the pixels under it (a box filter): fewer pixels,
 * as a smaller photo of the same scene (photo-variants.ts, detail-reliability.ts). */
export function boxShrunk(image: RgbaImage, scale: number): RgbaImage {
  const w = Math.round(image.width * scale)
  const h = Math.round(image.height * scale)
  const out = createImage(w, h)
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const [x0, x1] = [Math.floor(x / scale), Math.max(Math.floor(x / scale) + 1, Math.floor((x + 1) / scale))]
      const [y0, y1] = [Math.floor(y / scale), Math.max(Math.floor(y / scale) + 1, Math.floor((y + 1) / scale))]
      for (let c = 0; c < 4; c++) {
        let sum = 0
        for (let v = y0; v < y1; v++) for (let u = x0; u < x1; u++) sum += image.data[(v * image.width + u) * 4 + c]!
        out.data[(y * w + x) * 4 + c] = Math.round(sum / ((x1 - x0) * (y1 - y0)))
      }
    }
  return out
} // prettier-ignore

/** `image` coded as a JPEG of `quality` (jpeg-js) and decoded again: what a camera or a messenger leaves of it. */
export function jpegCoded(image: RgbaImage, quality: number): RgbaImage {
  return decodeImage(new Uint8Array(jpegBytes(image, quality))).image
}

/** The JPEG file of `image` at `quality` (jpeg-js). */
export function jpegBytes(image: RgbaImage, quality: number): Uint8Array {
  return new Uint8Array(encodeJpeg({ ...image, data: Buffer.from(image.data) }, quality).data)
}
