/** @module face/options — FaceAnalyzer options and their defaults. */
import type { Device, RuntimeName } from '../ml/backend/onnx.ts'
import type { ModelSource } from '../ml/loader.ts'

/** Recognisers in the manifest: MobileFace 256-d (training), FaceRes 1024-d and dlib 128-d (evaluation only). */
export type EmbedderId = 'face-embedder' | 'face-embedder-eval' | 'face-embedder-dlib'

/** How FaceAnalyzer runs. Every field but `models` has a DEFAULT_FACE_OPTIONS value. */
export interface FaceAnalyzerOptions {
  /** The model manifest and a reader for its files. */
  models: ModelSource
  /** 'auto': cpu under onnxruntime-node, webgpu > wasm under onnxruntime-web. */
  device?: Device | 'auto'
  /** 'default' = onnxruntime-node in Node, -web in browsers; 'web' forces onnxruntime-web (WASM in Node). */
  runtime?: RuntimeName
  /** How many faces get a mesh, the subject first (pick.ts) (all detections are still counted). */
  maxFaces?: number
  /** Detector score threshold, 0..1. */
  minDetectionConfidence?: number
  /** IoU above which detections merge. */
  iouThreshold?: number
  /** Detector tile grids (1 = whole image; 2, 3 = finer tiles for small faces in group photos). */
  detectorGrids?: readonly number[]
  /**
   * Finer tile grids tried only when `detectorGrids` find no face (grids already run are skipped): a face small in
   * a large photo, taken from a distance or half-body, is under the detector's smallest size in a whole-image
   * pass. [] never tries them (live camera frames, where a miss is common and must stay cheap).
   */
  detectorFallbackGrids?: readonly number[]
  /** FaceMesh passes: the first crop comes from the detection, later ones from the previous mesh. */
  meshPasses?: number
  /** Faces whose outer-eye-corner distance is below this many pixels get a `face-too-small` warning (the
   * aligned 112-px crop for the recogniser has 40). */
  minInterOcular?: number
  /** |yaw| above this many degrees gets a `profile` warning. */
  maxFrontalYaw?: number
}

/** The defaults of every optional field. */
export const DEFAULT_FACE_OPTIONS = Object.freeze({
  device: 'auto' as Device | 'auto',
  runtime: 'default' as RuntimeName,
  maxFaces: 1,
  minDetectionConfidence: 0.5,
  iouThreshold: 0.3,
  detectorGrids: Object.freeze([1, 2]) as readonly number[],
  // a face 9% of a 1400-px photo's width (about 125 px): missed by grids 1 and 2, found by 3 and 4
  detectorFallbackGrids: Object.freeze([2, 3, 4]) as readonly number[],
  meshPasses: 2,
  minInterOcular: 32,
  maxFrontalYaw: 30,
})

/** Options with every default filled in. */
export type ResolvedFaceOptions = Required<FaceAnalyzerOptions>

/** Fills `undefined` fields with the defaults (undefined means "restore the default"). */
export function resolveOptions(
  base: ResolvedFaceOptions | undefined,
  patch: Partial<FaceAnalyzerOptions>
): ResolvedFaceOptions {
  const out = { ...DEFAULT_FACE_OPTIONS, ...base } as ResolvedFaceOptions
  for (const [key, value] of Object.entries(patch) as [keyof FaceAnalyzerOptions, unknown][]) {
    ;(out as Record<string, unknown>)[key] =
      value === undefined ? (DEFAULT_FACE_OPTIONS as Record<string, unknown>)[key] : value
  }
  if (!out.models)
    throw new Error('FaceAnalyzer needs `models` (a ModelSource: manifest + file reader).')
  return out
}
