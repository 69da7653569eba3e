/**
 * @module cli/eval/imitator-models — the imitator and refine graph for the CLI suites, and the refine loop:
 * targets from an aligned photo (here an engine render) and Adam descent with refine.onnx's loss and gradient.
 * The files come from models/release when it lists `imitator` and `refine`, else from the engine-v1 proof in
 * models/imitator/proof-v1 (not released; see docs/models.md).
 */
import {
  PART_WEIGHTS,
  refineLoop,
  type RefineOptions,
  type RefineOutcome,
  type RefineTargets,
} from '@facecraft/shared/create'
import { alignTemplate, partLabels, type FaceAnalyzer } from '@facecraft/shared/face'
import type { RgbaImage } from '@facecraft/shared/image'
import { ModelLoader, type ModelSession, type ModelSource } from '@facecraft/shared/ml'
import { nodeModelSource } from '../commands/detect.ts'
import { pickEngine, type EvalEngine } from './engines.ts'

const PROOF_DIR = new URL('../../../models/imitator/proof-v1/', import.meta.url)

/** Loaded imitator + refine sessions and where they came from. */
export interface ImitatorModels {
  imitator: ModelSession
  refine: ModelSession
  where: string
  /** Side of the aligned frame the imitator renders. */
  size: number
  /** The rig the imitator was trained for, and that rig's engine (to render the truth it imitates). */
  rigVersion: number
  engine: EvalEngine
  loader: ModelLoader
}

/** The released imitator and refine graph (else the v1 proof) with the engine of their rig; throws a message
 * that says how to make them. */
export async function loadImitatorModels(): Promise<ImitatorModels> {
  const has = (s: ModelSource) => ['imitator', 'refine'].every((id) => s.manifest.models.some((m) => m.id === id))
  let source = await nodeModelSource()
  let where = 'models/release'
  if (!has(source)) {
    source = await nodeModelSource(PROOF_DIR).catch(() => source)
    where = 'models/imitator/proof-v1 (engine v1 proof, not released)'
  }
  if (!has(source))
    throw new Error(
      'No imitator in models/release or models/imitator/proof-v1; train and export one (docs/models.md, "Imitator").'
    )
  const entry = source.manifest.models.find((m) => m.id === 'imitator')!
  const rigVersion = Number(entry.rigVersion)
  const engine = pickEngine(String(rigVersion))
  const loader = new ModelLoader(source)
  const [imitator, refine] = await Promise.all([loader.load('imitator'), loader.load('refine')])
  return { imitator, refine, where, size: Number(entry.outputs[0]!.shape[1]), rigVersion, engine, loader }
} // prettier-ignore

/** One-hot blocks of the style indices, concatenated in rig order (imitator.onnx's `styles`). */
export function styleOneHots(
  indices: ArrayLike<number>,
  groups: EvalEngine['groups']
): Float32Array {
  const out = new Float32Array(groups.reduce((n, g) => n + g.options.length, 0))
  let start = 0
  groups.forEach((g, i) => {
    out[start + indices[i]!] = 1
    start += g.options.length
  })
  return out
}

/** Targets from an image that is already in the aligned frame (an engine render or an aligned photo crop). */
export async function frameTargets(
  analyzer: FaceAnalyzer,
  image: RgbaImage
): Promise<RefineTargets> {
  const size = image.width
  const face = (await analyzer.detect(image)).faces[0]
  if (!face) throw new Error('No face found on the aligned image; refine needs a detectable face.')
  // Its 68 points are the frame's template scaled to pixels: alignment is then exactly that scale.
  const frameFace = { ibug68: alignTemplate().map((v) => v * size) }
  const labels = partLabels(face.mesh, size, size).labels
  const photo = new Float32Array(size * size * 3)
  for (let i = 0; i < size * size; i++)
    for (let c = 0; c < 3; c++) photo[i * 3 + c] = image.data[i * 4 + c]! / 255
  return {
    photo,
    partWeights: Float32Array.from(labels, (l) => PART_WEIGHTS[l] ?? 0),
    embedding: await analyzer.embed(image, frameFace),
    landmarks: face.ibug68.map((v) => v / size),
  }
}

/**
 * `steps` Adam steps from (x0, logits0) with the refine graph and CharacterCreator's own loop (create/refine.ts
 * refineLoop), without its early stop or anchor: losses has steps + 1 values (before each step and at the end).
 * Shi et al. descend 50 plain gradient steps from the mean face; here Adam (lr 0.02) on 0..1 sliders: with the
 * engine-v1 proof imitator, plain gradient steps (lr 0.3-3) lowered the loss as much but moved the parameters
 * further from the truth (mean |x - truth| 0.25 -> 0.38 over 4 characters, Adam 0.25 -> 0.26).
 */
export function descend(
  refine: ModelSession,
  targets: RefineTargets,
  x0: Float32Array,
  logits0: Float32Array,
  options: Pick<RefineOptions, 'steps' | 'lr' | 'beta' | 'weights' | 'onProgress'> = {}
): Promise<RefineOutcome> {
  return refineLoop(refine, x0, logits0, targets, { ...options, patience: Infinity, anchor: 0 })
}
