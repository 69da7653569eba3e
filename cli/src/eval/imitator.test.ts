/**
 * @file The refine loop with the shipped (or proof) refine.onnx: from the rig's default face toward the engine render
 * of a known character, 50 Adam steps must halve the loss on each character and, on average over the characters,
 * bring the ENGINE's render of the result closer to the target and the parameters closer to the truth. Colour and
 * slider errors are reported, not asserted: with the released engine-v2 imitator (its error, l1 ~0.017, is as large
 * as the difference between a plausible face and the default one) the descent lowered parameter error on 2 of 3
 * characters but moved colours away from the truth on all 3 (docs/models.md, "Engine v2 release").
 */
import { FaceAnalyzer } from '@facecraft/shared/face'
import { afterAll, describe, expect, it } from 'vitest'
import { nodeModelSource } from '../commands/detect.ts'
import { descend, frameTargets, loadImitatorModels, styleOneHots } from './imitator-models.ts'
import { nme } from './imitator.ts'

const models = await loadImitatorModels()
const analyzer = await FaceAnalyzer.createFromOptions({
  models: await nodeModelSource(),
  detectorGrids: [1],
})
afterAll(async () => {
  await analyzer.close()
  await models.loader.dispose()
})

/** Mean |a - b| over indices [from, to). */
function meanAbs(a: ArrayLike<number>, b: ArrayLike<number>, from = 0, to = a.length): number {
  let sum = 0
  for (let i = from; i < to; i++) sum += Math.abs(a[i]! - b[i]!)
  return sum / (to - from)
}
const runs: Record<'loss' | 'engineL1' | 'colourError' | 'sliderError' | 'paramError', number[]>[] =
  []

describe('refine descent', () => {
  it.each([11, 12, 13])(
    'character %i: the refine loss at least halves',
    async (seed) => {
      const { engine } = models
      const truth = engine.random(seed)
      const styles = truth.styles
      const render = engine.aligned(truth, models.size).image
      const targets = await frameTargets(analyzer, render)
      const want = truth.x
      const start = Float32Array.from(engine.mean().x)
      // Styles start at the truth (logits 1, beta 10: ~one-hot): this checks the continuous descent.
      const result = await descend(
        models.refine,
        targets,
        start,
        styleOneHots(styles, engine.groups),
        {
          beta: 10,
        }
      )
      const engineL1 = (x: Float32Array) =>
        meanAbs(engine.aligned({ x: Float64Array.from(x), styles }, models.size).image.data, render.data) / 255 // prettier-ignore
      const n = engine.sliderCount
      const figures = {
        loss: [result.losses[0]!, result.losses.at(-1)!],
        engineL1: [engineL1(start), engineL1(result.x)],
        colourError: [meanAbs(start, want, n), meanAbs(result.x, want, n)],
        sliderError: [meanAbs(start, want, 0, n), meanAbs(result.x, want, 0, n)],
        paramError: [meanAbs(start, want), meanAbs(result.x, want)],
      }
      const text = Object.entries(figures).map(
        ([k, [a, b]]) => `${k} ${a!.toFixed(4)} -> ${b!.toFixed(4)}`
      )
      console.error(`refine seed ${seed} (${models.where}): ${text.join(', ')}`)
      expect(figures.loss[1]!).toBeLessThan(0.5 * figures.loss[0]!)
      runs.push(figures)
    },
    60_000
  )

  // The truth a player sees is the render: the ENGINE renders must get clearly closer. Parameters are not all
  // identifiable from a 128 px front view (most sliders barely change it: 119 of 167 have R^2 < 0.1 from the
  // features), so descent may trade invisible sliders; it must not wander off, though (mean error within 1.5x).
  // Not every character: with dlib's identity term (session 14) the descent from the mean face can follow the
  // imitator where it is wrong for dlib (it was trained to MobileFace's view): character 11's imitator render gets
  // closer (content 0.073 -> 0.029) while its engine render moves away (L1 0.042 -> 0.053; 0.048 with session 15's
  // imitator, fine-tuned with dlib's identity too). No character may get more than 1.5x further.
  it('the engine renders move toward the truth, without the parameters wandering off', () => {
    expect(runs).toHaveLength(3)
    const meanL1 = (k: number) => runs.reduce((s, r) => s + r.engineL1[k]!, 0) / runs.length
    expect(meanL1(1)).toBeLessThan(0.7 * meanL1(0))
    expect(runs.filter((r) => r.engineL1[1]! < 0.7 * r.engineL1[0]!).length).toBeGreaterThanOrEqual(
      2
    )
    for (const run of runs) expect(run.engineL1[1]!).toBeLessThan(1.5 * run.engineL1[0]!)
    const mean = (k: number) => runs.reduce((s, r) => s + r.paramError[k]!, 0) / runs.length
    expect(mean(1)).toBeLessThan(1.5 * mean(0))
  })

  it('nme is 0 for identical points and scales with the outer-eye distance', () => {
    const truth = new Float32Array(136).map((_, i) => i)
    const visible = new Uint8Array(68).fill(1)
    expect(nme(truth, truth, visible)).toBe(0)
    const moved = truth.map((v, i) => (i % 2 ? v : v + 1))
    const iod = Math.hypot(truth[90]! - truth[72]!, truth[91]! - truth[73]!)
    expect(nme(moved, truth, visible)).toBeCloseTo(1 / iod, 6)
  })
})
