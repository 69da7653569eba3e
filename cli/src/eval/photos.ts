/**
 * @module cli/eval/photos — real photos through the face pipeline for evaluations: decode, pick the face, and
 * the recognisers' embeddings, with a clear error for a photo without a usable face.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { decodeImage } from '@facecraft/shared/decode'
import type { EmbedderId, Face, FaceAnalyzer } from '@facecraft/shared/face'
import type { RgbaImage } from '@facecraft/shared/image'

/** A photo with its chosen face. */
export interface AnalysedPhoto {
  file: string
  image: RgbaImage
  face: Face
}

/** Decodes `file` and finds its face; throws naming the file when there is none. */
export async function analysePhoto(analyzer: FaceAnalyzer, file: string): Promise<AnalysedPhoto> {
  const { image } = decodeImage(new Uint8Array(await readFile(file)))
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
