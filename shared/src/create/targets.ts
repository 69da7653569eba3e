/** @module create/targets — what refine compares a character with, from a photo's analysed face. */
import { undoNearLensFrame } from './perspective.ts'
import type { FaceAnalyzer } from '../face/face-analyzer.ts'
import { applyAffine, invertAffine } from '../face/affine.ts'
import type { Face } from '../face/types.ts'
import type { RgbaImage } from '../image/types.ts'
import { CreateError } from './errors.ts'
import type { RefineTargets } from './refine.ts'

/** Content weight of each part label (background, skin, brows, eyes, nose, lips), as the imitator trained. */
export const PART_WEIGHTS: readonly number[] = [0, 1, 4, 4, 2, 4]

/**
 * The refine targets of `face` in `image`, in the aligned frame of `size` px (the refine graph's). From a camera
 * `distanceCm` away (create/perspective cameraDistance; null: as taken) the landmarks are moved as the translator's
 * points are, to where a portrait's camera would show them: the imitator draws the character from there.
 */
export async function refineTargets(
  analyzer: FaceAnalyzer,
  image: RgbaImage,
  face: Face,
  size: number,
  distanceCm: number | null = null
): Promise<RefineTargets> {
  const crop = analyzer.alignedCrop(image, face, size)
  const photo = new Float32Array(size * size * 3)
  for (let i = 0; i < size * size; i++)
    for (let c = 0; c < 3; c++) photo[i * 3 + c] = crop.data[i * 4 + c]! / 255
  const labels = analyzer.partLabels(image, face, size).labels
  const toFrame = invertAffine(face.alignToImage)
  if (!toFrame) throw new CreateError('low-quality', 'The face alignment is degenerate; use a larger, sharper photo of the face.')
  const landmarks = new Float32Array(136)
  for (let i = 0; i < 68; i++)
    landmarks.set(applyAffine(toFrame, face.ibug68[i * 2]!, face.ibug68[i * 2 + 1]!), i * 2)
  if (distanceCm !== null) undoNearLensFrame(landmarks, distanceCm)
  return {
    photo,
    partWeights: Float32Array.from(labels, (l) => PART_WEIGHTS[l] ?? 0),
    embedding: await analyzer.embed(image, face),
    landmarks,
  }
} // prettier-ignore
