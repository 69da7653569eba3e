/**
 * @module cli/eval/imitator — `facecraft eval imitator`: the imitator against the engine on held-out characters
 * (random characters from seeds the dataset generator never uses), in the aligned frame at the imitator's size:
 * - l1: mean |G(x) - render| per RGB value, 0..1 scale; psnr in dB;
 * - id_cos / id_cos_eval: cosine of MobileFace / FaceRes embeddings of G(x) and the render (frame window);
 * - landmark_nme: FaceMesh's 68 points on G(x) vs the engine's, / the engine's outer-eye distance;
 * - landmark_head_nme: the landmark head's 68 points vs the engine's, same normalisation;
 * - landmark_nme_engine: FaceMesh on the engine render itself vs the engine's points, the floor landmark_nme can
 *   reach (FaceMesh and the engine place some points differently).
 */
import { alignTemplate, cosine, FaceAnalyzer } from '@facecraft/shared/face'
import { createImage, type RgbaImage } from '@facecraft/shared/image'
import { nodeModelSource } from '../commands/detect.ts'
import { progress } from '../command.ts'
import type { Suite } from '../suite.ts'
import { loadImitatorModels, styleOneHots } from './imitator-models.ts'

/** Held-out seeds: the engine's random(seed) from here (v1: uniform; v2: the plausible prior); the dataset
 * draws through its own per-sample seed mixing, so these characters are not in it. */
const EVAL_SEED = 700_001

/** NHWC 0..1 floats -> an opaque image. */
function toImage(nhwc: Float32Array, size: number): RgbaImage {
  const out = createImage(size, size)
  for (let i = 0; i < size * size; i++) {
    for (let c = 0; c < 3; c++) out.data[i * 4 + c] = Math.round(nhwc[i * 3 + c]! * 255)
    out.data[i * 4 + 3] = 255
  }
  return out
}

/** Mean point distance over the visible points / outer-eye distance of `truth` (pixels). */
export function nme(points: ArrayLike<number>, truth: Float32Array, visible: Uint8Array): number {
  const iod = Math.hypot(truth[90]! - truth[72]!, truth[91]! - truth[73]!)
  let sum = 0
  let n = 0
  for (let k = 0; k < 68; k++) {
    if (!visible[k]) continue
    sum += Math.hypot(points[2 * k]! - truth[2 * k]!, points[2 * k + 1]! - truth[2 * k + 1]!)
    n++
  }
  return sum / n / iod
}

export const imitatorEval: Suite = {
  name: 'imitator',
  summary:
    'imitator vs engine on held-out characters (l1, psnr, id_cos, id_cos_eval, landmark_nme, landmark_head_nme)',
  async run({ quick }) {
    const models = await loadImitatorModels()
    const analyzer = await FaceAnalyzer.createFromOptions({
      models: await nodeModelSource(),
      maxFaces: 1,
      detectorGrids: [1],
    })
    const { size } = models
    // Both images ARE the aligned frame: its 68 points are the template scaled to pixels (the recogniser window follows).
    const frame = { ibug68: alignTemplate().map((v) => v * size) }
    const count = quick ? 40 : 300
    const sums = { l1: 0, mse: 0, id: 0, idEval: 0, nme: 0, head: 0, engine: 0 }
    let detected = 0
    let engineDetected = 0
    try {
      for (let i = 0; i < count; i++) {
        progress(`eval imitator ${i + 1}/${count}`)
        const params = models.engine.random(EVAL_SEED + i)
        const { image: render, ...truth } = models.engine.aligned(params, size)
        const visible = truth.visible ?? new Uint8Array(68).fill(1)
        const x = Float32Array.from(params.x)
        const styles = styleOneHots(params.styles, models.engine.groups)
        const out = await models.imitator.run({
          x: { data: x, dims: [1, x.length] },
          styles: { data: styles, dims: [1, styles.length] },
        })
        const image = toImage(out.image!.data, size)
        let l1 = 0
        let mse = 0
        for (let p = 0; p < size * size; p++)
          for (let c = 0; c < 3; c++) {
            const d = (image.data[p * 4 + c]! - render.data[p * 4 + c]!) / 255
            l1 += Math.abs(d)
            mse += d * d
          }
        sums.l1 += l1 / (size * size * 3)
        sums.mse += mse / (size * size * 3)
        sums.id += cosine(await analyzer.embed(image, frame), await analyzer.embed(render, frame))
        sums.idEval += cosine(
          await analyzer.embed(image, frame, 'face-embedder-eval'),
          await analyzer.embed(render, frame, 'face-embedder-eval')
        )
        sums.head += nme(
          out.landmarks!.data.map((v) => v * size),
          truth.ibug68,
          visible
        )
        const onRender = (await analyzer.detect(render)).faces[0]
        if (onRender) {
          sums.engine += nme(onRender.ibug68, truth.ibug68, visible)
          engineDetected++
        }
        const face = (await analyzer.detect(image)).faces[0]
        if (face) {
          sums.nme += nme(face.ibug68, truth.ibug68, visible)
          detected++
        }
      }
    } finally {
      progress('')
      await analyzer.close()
      await models.loader.dispose()
    }
    const r = (v: number, d = 4) => Number(v.toFixed(d))
    return {
      l1: r(sums.l1 / count),
      psnr: r(10 * Math.log10(1 / (sums.mse / count)), 2),
      id_cos: r(sums.id / count),
      id_cos_eval: r(sums.idEval / count),
      landmark_nme: detected ? r(sums.nme / detected) : null,
      landmark_head_nme: r(sums.head / count),
      landmark_nme_engine: engineDetected ? r(sums.engine / engineDetected) : null,
      detect_rate: r(detected / count),
      characters: count,
      size,
      rig: models.rigVersion,
      models: models.where,
    }
  },
}
