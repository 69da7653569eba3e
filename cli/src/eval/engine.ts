/**
 * @module cli/eval/engine — `facecraft eval engine`: is the engine face-like enough for the face models?
 * Renders random characters (front view) and measures:
 * - detect_rate: share of renders where exactly one face is found;
 * - landmark_nme: FaceMesh's 68 points vs the engine's own characterLandmarks, mean point error / outer-eye
 *   distance (engine's), over points the engine marks visible, averaged over detected renders;
 * - identity_spread_cos: mean MobileFace cosine over all pairs of different characters (lower = more varied);
 * - identity_stability_cos: mean cosine between a character and itself with every slider moved by +-0.02.
 * Also reports the worst landmarks and the renders the detector missed, for the engine's authors.
 * `--engine 2` (the default: the product engine) runs engine v2's suite (eval/engine2.ts: the same keys plus
 * render_cluster_cos, photo_gap_cos, ...); `--engine 1` the first engine's. The result says which (`engine`).
 */
import { characterLandmarks, renderCharacter } from '@facecraft/shared/engine'
import { cosine, FaceAnalyzer, IBUG68_FROM_MESH } from '@facecraft/shared/face'
import { randomCharacter, SLIDERS, type Character } from '@facecraft/shared/rig'
import { createRng } from '@facecraft/shared/utils'
import { nodeModelSource } from '../commands/detect.ts'
import { progress } from '../command.ts'
import type { Suite } from '../suite.ts'
import { engine2Eval } from './engine2.ts'
import { ENGINE_FLAG, engineId } from './engines.ts'

/** Render size in pixels: the face then spans about 40% of it, the scale of a selfie crop. */
const SIZE = 256
const BACKGROUND: [number, number, number] = [255, 255, 255]

/** The character with every slider moved by +-`step` (random signs from `seed`), clamped to [0, 1]. */
function jitter(c: Character, step: number, seed: number): Character {
  const rng = createRng(seed)
  const sliders = { ...c.sliders }
  for (const s of SLIDERS)
    sliders[s.id] = Math.min(1, Math.max(0, sliders[s.id]! + (rng() < 0.5 ? -step : step)))
  return { ...c, sliders }
}

/** Mean over 68 points (visible ones) of the distance to the engine's points, / engine outer-eye distance. */
function nme(
  ours: Float32Array,
  theirs: Float32Array,
  visible: ArrayLike<boolean | number>,
  errors: Float64Array
) {
  const iod = Math.hypot(theirs[90]! - theirs[72]!, theirs[91]! - theirs[73]!) // iBUG 45 - 36
  let sum = 0
  let n = 0
  for (let k = 0; k < 68; k++) {
    if (!visible[k]) continue
    const e = Math.hypot(ours[2 * k]! - theirs[2 * k]!, ours[2 * k + 1]! - theirs[2 * k + 1]!) / iod
    errors[k] = errors[k]! + e
    sum += e
    n++
  }
  return n ? sum / n : NaN
}

export const engineEval: Suite = {
  name: 'engine',
  summary:
    'face models on random engine renders (detect_rate, landmark_nme, identity_spread_cos, identity_stability_cos; --engine 2 default, or 1)',
  flags: { engine: ENGINE_FLAG },
  async run(options) {
    const { quick, args = {} } = options
    if (engineId(args.engine, '2') === '2')
      return { ...(await engine2Eval.run(options)), engine: 2 }
    const count = quick ? 100 : 500
    const stable = quick ? 20 : 100
    const models = await nodeModelSource()
    const hasEmbedder = models.manifest.models.some((m) => m.id === 'face-embedder')
    const analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 1 })
    const pointErrors = new Float64Array(68)
    const nmes: number[] = []
    const missed: number[] = []
    const embeddings: Float32Array[] = []
    const stability: number[] = []
    try {
      for (let i = 0; i < count; i++) {
        progress(`eval engine ${i + 1}/${count}`)
        const seed = i + 1
        const character = randomCharacter(seed)
        const image = renderCharacter(character, { size: SIZE, background: BACKGROUND })
        const result = await analyzer.detect(image)
        const face = result.faces[0]
        if (result.detections !== 1 || !face) {
          missed.push(seed)
          continue
        }
        const truth = characterLandmarks(character, { size: SIZE })
        nmes.push(nme(face.ibug68, truth.ibug68, truth.visible, pointErrors))
        if (!hasEmbedder) continue
        const e = await analyzer.embed(image, face)
        embeddings.push(e)
        if (i < stable) {
          const moved = renderCharacter(jitter(character, 0.02, seed * 7919), {
            size: SIZE,
            background: BACKGROUND,
          })
          const f2 = (await analyzer.detect(moved)).faces[0]
          if (f2) stability.push(cosine(e, await analyzer.embed(moved, f2)))
        }
      }
    } finally {
      progress('')
      await analyzer.close()
    }
    let pairSum = 0
    let pairs = 0
    for (let a = 0; a < embeddings.length; a++)
      for (let b = a + 1; b < embeddings.length; b++) {
        pairSum += cosine(embeddings[a]!, embeddings[b]!)
        pairs++
      }
    const mean = (v: number[]) => (v.length ? v.reduce((s, x) => s + x, 0) / v.length : null)
    const round = (v: number | null) => (v === null ? null : Number(v.toFixed(4)))
    const detected = count - missed.length
    const worst = [...pointErrors]
      .map((e, k) => ({
        ibug: k,
        mesh: IBUG68_FROM_MESH[k],
        nme: Number((e / Math.max(1, detected)).toFixed(4)),
      }))
      .sort((a, b) => b.nme - a.nme)
      .slice(0, 8)
    if (!hasEmbedder)
      console.error('eval engine: no face-embedder in the model manifest; identity keys are null.')
    return {
      detect_rate: round(detected / count),
      landmark_nme: round(mean(nmes)),
      identity_spread_cos: round(pairs ? pairSum / pairs : null),
      identity_stability_cos: round(mean(stability)),
      renders: count,
      size: SIZE,
      missed_seeds: missed.slice(0, 20),
      worst_landmarks: worst,
    }
  },
}
