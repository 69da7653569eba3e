/**
 * @module cli/eval/imitator-models — the imitator and refine graph for the CLI suites, and the refine loop:
 * targets from an aligned photo (here an engine render) and Adam descent with refine.onnx's loss and gradient.
 * The files come from models/release when it lists `imitator` and `refine`, else from the engine-v1 proof in
 * models/imitator/proof-v1 (not released; see docs/models.md).
 */
import { alignTemplate, partLabels, type FaceAnalyzer } from '@facecraft/shared/face'
import type { RgbaImage } from '@facecraft/shared/image'
import { ModelLoader, type ModelSession, type ModelSource } from '@facecraft/shared/ml'
import { nodeModelSource } from '../commands/detect.ts'
import { pickEngine, type EvalEngine } from './engines.ts'

const PROOF_DIR = new URL('../../../models/imitator/proof-v1/', import.meta.url)

/** Content weight of each part label (background, skin, brows, eyes, nose, lips), as in training. */
export const PART_WEIGHTS = [0, 1, 4, 4, 2, 4]

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

/** What refine.onnx compares a candidate with: an aligned photo and its face features. */
export interface RefineTargets {
  photo: Float32Array // (1, S, S, 3) RGB 0..1
  partWeights: Float32Array // (1, S, S, 1)
  embedding: Float32Array // (1, E) unit
  landmarks: Float32Array // (1, 136) unit frame
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

/** The refine loop's state: candidate parameters and Adam moments. */
export interface Descent {
  x: Float32Array
  logits: Float32Array
  losses: number[]
}

/**
 * `steps` Adam steps (losses has steps + 1 values: before each step and at the end) on (x, style logits) with refine.onnx (batch 1); x is clamped to [0, 1] after each step.
 * Shi et al. descend 50 plain gradient steps from the mean face; here Adam (lr 0.02) on 0..1 sliders: with the
 * engine-v1 proof imitator, plain gradient steps (lr 0.3-3) lowered the loss as much but moved the parameters
 * further from the truth (mean |x - truth| 0.25 -> 0.38 over 4 characters, Adam 0.25 -> 0.26).
 */
export async function descend(
  refine: ModelSession,
  targets: RefineTargets,
  x0: Float32Array,
  logits0: Float32Array,
  { steps = 50, lr = 0.02, beta = 1, weights = [1, 1, 1] } = {}
): Promise<Descent> {
  const size = Math.round(Math.sqrt(targets.photo.length / 3))
  const params = [Float32Array.from(x0), Float32Array.from(logits0)]
  const m = params.map((p) => new Float32Array(p.length))
  const v = params.map((p) => new Float32Array(p.length))
  const losses: number[] = []
  for (let t = 1; t <= steps + 1; t++) {
    const out = await refine.run({
      x: { data: params[0]!, dims: [1, params[0]!.length] },
      style_logits: { data: params[1]!, dims: [1, params[1]!.length] },
      beta: { data: Float32Array.of(beta), dims: [1] },
      photo: { data: targets.photo, dims: [1, size, size, 3] },
      part_weights: { data: targets.partWeights, dims: [1, size, size, 1] },
      target_embedding: { data: targets.embedding, dims: [1, targets.embedding.length] },
      target_landmarks: { data: targets.landmarks, dims: [1, 136] },
      loss_weights: { data: Float32Array.from(weights), dims: [3] },
    })
    losses.push(out.loss!.data[0]!)
    if (t > steps) break // the last run only measures where the descent ended
    const grads = [out.grad_x!.data, out.grad_style_logits!.data]
    params.forEach((p, k) => {
      for (let i = 0; i < p.length; i++) {
        const g = grads[k]![i]!
        m[k]![i] = 0.9 * m[k]![i]! + 0.1 * g
        v[k]![i] = 0.999 * v[k]![i]! + 0.001 * g * g
        const step =
          (lr * m[k]![i]!) / (1 - 0.9 ** t) / (Math.sqrt(v[k]![i]! / (1 - 0.999 ** t)) + 1e-8)
        p[i] = k === 0 ? Math.min(1, Math.max(0, p[i]! - step)) : p[i]! - step
      }
    })
  }
  return { x: params[0]!, logits: params[1]!, losses }
}
