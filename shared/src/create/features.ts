/**
 * @module create/features — the translator's input vector, computed ONCE here for photos and engine renders alike:
 * the training set (models/translator/features.ts) and CharacterCreator call this same function, so a photo at
 * inference gets exactly the vector the translator was trained on.
 *
 * Layout (float32, FEATURE_LENGTH = 480), in this order:
 *   [0, 256)    recogniser embedding (MobileFace `face-embedder`, unit length, FaceMesh-aligned crop)
 *   [256, 460)  68 mesh points (IBUG68_FROM_MESH) of the pose-normalised mesh (normaliseMesh: centred, frontal,
 *               outer eye corners 1 apart), flat [x, y, z] * 68; x towards the subject's left, y down
 *   [460, 475)  median sRGB / 255 of skin, brows, eyes, nose, lips (FACE_PARTS order); 0 where missing
 *   [475, 480)  1 where that part's colour was measured, 0 where it was missing (the NaN mask)
 */
import { FACE_PARTS } from '../face/parts.ts'
import { IBUG68_FROM_MESH } from '../face/ibug68.ts'
import { normaliseMesh } from '../face/pose.ts'
import type { PartColors } from '../face/masks.ts'

/** Embedding length the layout expects (MobileFace). */
export const FEATURE_EMBEDDING = 256
/** Mesh points in the geometry block. */
export const FEATURE_POINTS = IBUG68_FROM_MESH.length
/** Offsets of each block in the vector. */
export const FEATURE_OFFSETS = Object.freeze({
  embedding: 0,
  landmarks: FEATURE_EMBEDDING,
  colors: FEATURE_EMBEDDING + FEATURE_POINTS * 3,
  colorMask: FEATURE_EMBEDDING + FEATURE_POINTS * 3 + FACE_PARTS.length * 3,
})
/** Length of the feature vector. */
export const FEATURE_LENGTH = FEATURE_OFFSETS.colorMask + FACE_PARTS.length
/** Version of the layout; the translator's manifest entry records it and the creator refuses another. */
export const FEATURE_VERSION = 1

/** What the features are made of: one face's analysis. */
export interface FeatureSource {
  /** (256,) unit-length `face-embedder` embedding of the face's aligned crop. */
  embedding: Float32Array
  /** (468 * 3,) FaceMesh, any consistent units (image pixels, or the unit frame): normalisation removes them. */
  mesh: Float32Array
  /** (5 * 3,) median sRGB 0..255 per FACE_PARTS part; NaN where the part was not seen. */
  partColors: Float32Array
}

/** The translator input for one face; throws when the embedding or mesh is missing (NaN) or mis-sized. */
export function translatorFeatures(source: FeatureSource, out?: Float32Array): Float32Array {
  const { embedding, mesh, partColors } = source
  if (embedding.length !== FEATURE_EMBEDDING || mesh.length !== 468 * 3 || partColors.length !== 15)
    throw new Error(
      `translatorFeatures needs a ${FEATURE_EMBEDDING}-d embedding, a 468-point mesh and 5 part colours; got ` +
        `${embedding.length}, ${mesh.length / 3}, ${partColors.length / 3}. Use the 'face-embedder' recogniser.`
    )
  if (!allFinite(embedding) || !allFinite(mesh))
    throw new Error(
      'translatorFeatures: the face has no embedding or mesh (NaN); analyse a photo with a face.'
    )
  const f = out ?? new Float32Array(FEATURE_LENGTH)
  f.set(embedding, FEATURE_OFFSETS.embedding)
  f.set(featurePoints(mesh), FEATURE_OFFSETS.landmarks)
  for (let p = 0; p < FACE_PARTS.length; p++) {
    const rgb = partColors.subarray(p * 3, p * 3 + 3)
    const seen = allFinite(rgb)
    for (let k = 0; k < 3; k++) f[FEATURE_OFFSETS.colors + p * 3 + k] = seen ? rgb[k]! / 255 : 0
    f[FEATURE_OFFSETS.colorMask + p] = seen ? 1 : 0
  }
  return f
}

/** The geometry block alone: the 68 points of the pose-normalised mesh, flat [x, y, z] * 68. */
export function featurePoints(mesh: Float32Array): Float32Array {
  const normalised = normaliseMesh(mesh)
  const out = new Float32Array(FEATURE_POINTS * 3)
  IBUG68_FROM_MESH.forEach((v, i) => {
    for (let k = 0; k < 3; k++) out[i * 3 + k] = normalised[v * 3 + k]!
  })
  return out
}

function allFinite(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false
  return true
}

/** FaceAnalyzer's part colours (a record, null where missing) as the flat (5 * 3,) array, NaN where missing. */
export function partColorArray(colors: PartColors): Float32Array {
  const out = new Float32Array(FACE_PARTS.length * 3).fill(NaN)
  FACE_PARTS.forEach((part, k) => {
    const rgb = colors[part]
    if (rgb) out.set(rgb, k * 3)
  })
  return out
}
