/**
 * @module create/refine — the on-device refine loop: Adam on (x, style logits) with the loss and gradient that
 * refine.onnx computes (the frozen imitator + recogniser, models/imitator), x clamped to [0, 1], early stop when the
 * loss stalls, cancel with an AbortSignal. Built over the graph's manifest signature, so any rig's refine graph runs.
 */
import type { ModelEntry } from '../ml/manifest.ts'
import type { Float32Data, ModelSession } from '../ml/session.ts'
import { CreateError } from './errors.ts'

/** What refine.onnx compares a candidate with: one aligned photo and its face features. */
export interface RefineTargets {
  /** (S * S * 3) the photo's aligned crop (FaceAnalyzer.alignedCrop at the graph's size), RGB 0..1, row-major. */
  photo: Float32Array
  /** (S * S) content weight per pixel of that crop (part labels -> PART_WEIGHTS). */
  partWeights: Float32Array
  /** (E) the photo's `face-embedder` embedding, unit length. */
  embedding: Float32Array
  /** (136) the photo's 68 iBUG points in the unit aligned frame, flat [x, y], x right, y down. */
  landmarks: Float32Array
}

/** Progress after each step. */
export interface RefineProgress {
  step: number
  steps: number
  /** Loss of the parameters before this step's update. */
  loss: number
  /** The graph's named terms (its term outputs, e.g. content, landmark, dlib, sex) at that point. */
  terms: Record<string, number>
}

/** Options of one refinement. */
export interface RefineOptions {
  /** Adam steps at most (Shi et al.: 50 iterations). */
  steps?: number
  /** Adam step size in [0,1] parameter units. */
  lr?: number
  /** softmax sharpness of the style relaxation (Shi et al.: 100 iterative, 1 one-shot). */
  beta?: number
  /** How the render should read, for graphs with a `sex` term (input target_sex): +1 male, -1 female, 0 either.
   * CharacterCreator.refine sets 2 * who.gender - 1, so the term holds the character on its own slider's side. */
  sex?: number
  /** Weights of the graph's terms, in the graph's `loss_weights` order (its term outputs: identity, content,
   * landmark, dlib, sex). Default: TERM_WEIGHTS of each. */
  weights?: readonly number[]
  /** Stop when the best loss has not improved by `minImprovement` (relative) for this many steps. */
  patience?: number
  minImprovement?: number
  onProgress?: (p: RefineProgress) => void
  signal?: AbortSignal
  /** Weight of a pull of x toward its start: `anchor * sum((x - x0)^2)` joins the loss (term `anchor`). Why: Adam
   * moves every parameter about `lr` per step however small its gradient, so sliders the imitator barely sees
   * drift on noise and the character stops looking like a person; the pull holds those near the translator's
   * choice while the ones the likeness terms really move still move. 0 turns it off. */
  anchor?: number
  /** Indices of x the descent leaves at their start (CharacterCreator.refine fills them from parameter ids). */
  hold?: readonly number[]
  /** Indices of style logits it leaves at their start (whole style groups, so the group's choice stays). */
  holdStyles?: readonly number[]
  /** Pairs of x indices that move together: both take the mean of their two gradients, so they keep the difference
   * they started with (CharacterCreator ties each left slider to its right one). */
  tie?: readonly (readonly [number, number])[]
}

/** Default weight of each term a refine graph may output, by name. dlib 3 and sex 0.2 were chosen on London and on
 * the 84 train photos the translator holds out (docs/likeness.md, "Session 14"): dlib 1 gave less likeness, and
 * without the sex term FaceRes read 6 more London characters as the other sex (gender_agree 0.922); sex 0.3 cost
 * likeness on both sets for one more London person. */
export const TERM_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  identity: 1,
  content: 1,
  landmark: 1,
  dlib: 3,
  sex: 0.2,
})

/** Defaults of RefineOptions (the descent the refine bench and imitator tests measured); `weights` defaults to
 * TERM_WEIGHTS of the graph's terms. */
export const DEFAULT_REFINE_OPTIONS = Object.freeze({
  steps: 50,
  lr: 0.02,
  beta: 1,
  patience: 10,
  minImprovement: 1e-3,
  anchor: 0,
})

/** The best parameters seen and the loss history. */
export interface RefineOutcome {
  x: Float32Array
  logits: Float32Array
  /** Loss before each step (and after the last). */
  losses: number[]
  bestLoss: number
  /** Steps taken; fewer than asked when the loss stalled (`stoppedEarly`). */
  steps: number
  stoppedEarly: boolean
}

const REQUIRED = ['x', 'style_logits', 'photo', 'part_weights', 'target_landmarks']
/** The refine graph's output of the photo's dlib embedding it used, and the input it is fed back to (graphs with
 * dlib): fed zeros, the graph computes the embedding (a dlib forward); fed it back, later steps skip that. */
const PHOTO_DLIB = { input: 'photo_dlib', output: 'photo_dlib_used' }
const NOT_TERMS = new Set(['loss', 'grad_x', 'grad_style_logits', PHOTO_DLIB.output])

/** The graph's sizes and term names (its outputs other than the total and the gradients) from its manifest
 * signature; one error naming every missing input. `embedding` is 0 for a graph without MobileFace's term (no
 * target_embedding input). */
export function refineSignature(entry: ModelEntry): { continuous: number; styles: number; size: number; embedding: number; terms: string[] } {
  const dims = new Map(entry.inputs.map((i) => [i.name, i.shape.map(Number)]))
  const missing = REQUIRED.filter((n) => !dims.has(n))
  if (missing.length)
    throw new CreateError(
      'wrong-rig',
      `Model '${entry.id}' is not a refine graph: it lacks input(s) ${missing.join(', ')}; re-export it with models/imitator/export.py.`
    )
  return {
    continuous: dims.get('x')![1]!,
    styles: dims.get('style_logits')![1]!,
    size: dims.get('photo')![1]!,
    embedding: dims.get('target_embedding')?.[1] ?? 0,
    terms: entry.outputs.map((o) => o.name).filter((n) => !NOT_TERMS.has(n)),
  }
} // prettier-ignore

/** The refine graph's inputs other than x and style_logits: the targets, beta, the term weights (`weights`, else
 * TERM_WEIGHTS of the graph's terms) and, for graphs with dlib, zeros for photo_dlib (the first step computes it;
 * refineLoop feeds later steps what the graph returned). */
export function refineFeeds(
  entry: ModelEntry,
  targets: RefineTargets,
  {
    beta = DEFAULT_REFINE_OPTIONS.beta,
    weights,
    sex = 0,
  }: Pick<RefineOptions, 'beta' | 'weights' | 'sex'> = {}
): Record<string, Float32Data> {
  const sig = refineSignature(entry)
  if (!(Math.abs(sex) <= 1))
    throw new CreateError(
      'bad-options',
      `Refine's sex must be in [-1, 1] (+1 male, -1 female, 0 either); got ${sex}.`
    )
  const names = new Set(entry.inputs.map((i) => i.name))
  const feeds: Record<string, Float32Data> = {
    photo: { data: targets.photo, dims: [1, sig.size, sig.size, 3] },
    part_weights: { data: targets.partWeights, dims: [1, sig.size, sig.size, 1] },
    target_landmarks: { data: targets.landmarks, dims: [1, 136] },
  }
  if (names.has('target_embedding'))
    feeds.target_embedding = { data: targets.embedding, dims: [1, sig.embedding] }
  if (names.has('beta')) feeds.beta = { data: Float32Array.of(beta), dims: [1] }
  if (names.has('target_sex')) feeds.target_sex = { data: Float32Array.of(sex), dims: [1] }
  const photoDlib = entry.inputs.find((i) => i.name === PHOTO_DLIB.input)
  if (photoDlib) {
    const dims = photoDlib.shape.map(Number)
    feeds[PHOTO_DLIB.input] = { data: new Float32Array(dims.reduce((a, b) => a * b, 1)), dims }
  }
  if (names.has('loss_weights')) {
    const w = weights ?? sig.terms.map((t) => TERM_WEIGHTS[t] ?? 1)
    if (w.length !== sig.terms.length)
      throw new CreateError(
        'bad-options',
        `Refine weights have ${w.length} values; '${entry.id}' has ${sig.terms.length} terms (${sig.terms.join(', ')}), one weight each.`
      )
    feeds.loss_weights = { data: Float32Array.from(w), dims: [w.length] }
  }
  return feeds
}

/** Runs the refine loop from (x0, logits0) toward `targets` with the refine graph `session`. */
export async function refineLoop(
  session: ModelSession,
  x0: Float32Array,
  logits0: Float32Array,
  targets: RefineTargets,
  options: RefineOptions = {}
): Promise<RefineOutcome> {
  const o = { ...DEFAULT_REFINE_OPTIONS, ...options }
  const sig = refineSignature(session.entry)
  const fixed = refineFeeds(session.entry, targets, o)
  const params = [Float32Array.from(x0), Float32Array.from(logits0)]
  const adam = params.map((p) => ({ m: new Float32Array(p.length), v: new Float32Array(p.length) }))
  const best = { loss: Infinity, x: params[0]!.slice(), logits: params[1]!.slice(), step: 0 }
  const losses: number[] = []
  let t = 0
  for (; t <= o.steps; t++) {
    if (o.signal?.aborted) throw new CreateError('aborted', 'Refinement was cancelled.')
    const out = await session.run({
      ...fixed,
      x: { data: params[0]!, dims: [1, sig.continuous] },
      style_logits: { data: params[1]!, dims: [1, sig.styles] },
    })
    // the session's outputs are the caller's own arrays (ModelSession.run copies them out): no copy needed
    const used = out[PHOTO_DLIB.output]
    if (used && fixed[PHOTO_DLIB.input]) fixed[PHOTO_DLIB.input] = used
    const pull = anchorTerm(params[0]!, x0, o.anchor)
    const loss = out.loss!.data[0]! + pull.value
    losses.push(loss)
    if (loss < best.loss * (1 - o.minImprovement)) Object.assign(best, { step: t })
    if (loss < best.loss)
      Object.assign(best, { loss, x: params[0]!.slice(), logits: params[1]!.slice() })
    const terms = Object.fromEntries(
      sig.terms.filter((k) => out[k]).map((k) => [k, out[k]!.data[0]!])
    )
    if (o.anchor) terms.anchor = pull.value
    o.onProgress?.({ step: t, steps: o.steps, loss, terms })
    if (t === o.steps || t - best.step >= o.patience) break
    adamStep(
      params,
      [
        held(tied(added(out.grad_x!.data, pull.grad), o.tie), o.hold),
        held(out.grad_style_logits!.data, o.holdStyles),
      ],
      adam,
      t + 1,
      o.lr
    )
  }
  return {
    x: best.x,
    logits: best.logits,
    losses,
    bestLoss: best.loss,
    steps: t,
    stoppedEarly: t < o.steps,
  }
}

/** The anchor term `weight * sum((x - x0)^2)` and its gradient (null when the weight is 0). */
function anchorTerm(x: Float32Array, x0: Float32Array, weight: number): { value: number; grad: Float32Array | null } {
  if (!weight) return { value: 0, grad: null }
  const grad = new Float32Array(x.length)
  let value = 0
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - x0[i]!
    value += d * d
    grad[i] = 2 * weight * d
  }
  return { value: weight * value, grad }
} // prettier-ignore

/** a + b elementwise (a copy; `a` itself when b is null). */
function added(a: Float32Array, b: Float32Array | null): Float32Array {
  if (!b) return a
  return a.map((v, i) => v + b[i]!)
}

/** `grad` with each tied pair set to the pair's mean (a copy; the same array when nothing is tied). */
function tied(
  grad: Float32Array,
  tie: readonly (readonly [number, number])[] | undefined
): Float32Array {
  if (!tie?.length) return grad
  const g = Float32Array.from(grad)
  for (const [a, b] of tie) g[a] = g[b] = (grad[a]! + grad[b]!) / 2
  return g
}

/** `grad` with the entries at `hold` zeroed (a copy; the same array when nothing is held). */
function held(grad: Float32Array, hold: readonly number[] | undefined): Float32Array {
  if (!hold?.length) return grad
  const g = Float32Array.from(grad)
  for (const i of hold) g[i] = 0
  return g
}

/** One Adam update (beta1 0.9, beta2 0.999) of every parameter block; block 0 (x) is clamped to [0, 1]. */
function adamStep(
  params: Float32Array[],
  grads: Float32Array[],
  state: { m: Float32Array; v: Float32Array }[],
  t: number,
  lr: number
): void {
  params.forEach((p, k) => {
    const { m, v } = state[k]!
    const g = grads[k]!
    for (let i = 0; i < p.length; i++) {
      m[i] = 0.9 * m[i]! + 0.1 * g[i]!
      v[i] = 0.999 * v[i]! + 0.001 * g[i]! * g[i]!
      const step = (lr * m[i]!) / (1 - 0.9 ** t) / (Math.sqrt(v[i]! / (1 - 0.999 ** t)) + 1e-8)
      p[i] = k === 0 ? Math.min(1, Math.max(0, p[i]! - step)) : p[i]! - step
    }
  })
}
