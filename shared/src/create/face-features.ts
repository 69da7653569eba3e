/**
 * @module create/face-features — the translator features of one analysed face, the single path every caller
 * takes (CharacterCreator on photos, models/translator/photo-features.ts on the training photos). Part colours are
 * measured in the face's aligned crop at COLOR_FRAME_SIZE px: the frame and size the training renders are drawn
 * in (models/dataset: 128-px renders in the canonical frame), and far cheaper than labelling the whole photo.
 */
import type { FaceAnalyzer } from '../face/face-analyzer.ts'
import { partColors } from '../face/masks.ts'
import type { Face } from '../face/types.ts'
import type { RgbaImage } from '../image/types.ts'
import { partColorArray, translatorFeatures } from './features.ts'

/** Side of the aligned crop the part colours are measured in (the dataset's render size). */
export const COLOR_FRAME_SIZE = 128

/** translatorFeatures of `face` in `image`: `face-embedder` embedding, mesh, aligned-crop part colours. */
export async function faceFeatures(
  analyzer: FaceAnalyzer,
  image: RgbaImage,
  face: Face
): Promise<Float32Array> {
  const crop = analyzer.alignedCrop(image, face, COLOR_FRAME_SIZE)
  const labels = analyzer.partLabels(image, face, COLOR_FRAME_SIZE)
  return translatorFeatures({
    embedding: await analyzer.embed(image, face),
    mesh: face.mesh,
    partColors: partColorArray(partColors(crop, labels)),
  })
}
