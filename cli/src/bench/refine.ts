/**
 * @module cli/bench/refine — `facecraft bench refine`: on-device refinement cost under onnxruntime-node, one
 * thread: imitator_ms (imitator.onnx, batch 1), step_ms (one refine step: refine.onnx's loss + gradient and the
 * optimiser, as every step after the first runs), first_step_ms (the first, which also computes the photo's dlib
 * embedding in graphs with dlib), steps50_ms (50 Adam steps incl. the optimiser), download_bytes (the `refine`
 * group's files: what a phone downloads to refine, i.e. refine.onnx; imitator.onnx is group `eval` since the
 * refine graph embeds it). Medians after warm-up.
 */
import { FaceAnalyzer } from '@facecraft/shared/face'
import { modelsInGroup } from '@facecraft/shared/ml'
import { nodeModelSource } from '../commands/detect.ts'
import { progress } from '../command.ts'
import { median, type Suite } from '../suite.ts'
import { descend, frameTargets, loadImitatorModels, styleOneHots } from '../eval/imitator-models.ts'

export const refineBench: Suite = {
  name: 'refine',
  summary:
    'imitator + refine.onnx under onnxruntime-node (imitator_ms, step_ms, first_step_ms, steps50_ms, download_bytes)',
  async run({ quick }) {
    const models = await loadImitatorModels()
    const analyzer = await FaceAnalyzer.createFromOptions({
      models: await nodeModelSource(),
      maxFaces: 1,
      detectorGrids: [1],
    })
    try {
      const { engine } = models
      const target = engine.aligned(engine.random(4242), models.size).image
      const targets = await frameTargets(analyzer, target)
      const start = engine.mean()
      const x = Float32Array.from(start.x)
      const styles = styleOneHots(start.styles, engine.groups)
      const feeds = {
        x: { data: x, dims: [1, x.length] },
        styles: { data: styles, dims: [1, styles.length] },
      }
      const runs = quick ? 20 : 100
      const imitatorTimes: number[] = []
      for (let i = 0; i < runs + 3; i++) {
        const t = performance.now()
        await models.imitator.run(feeds)
        if (i >= 3) imitatorTimes.push(performance.now() - t)
      }
      // a refine's steps one by one, as the progress callback sees them (the first descent warms up)
      const stepTimes: number[] = []
      const firstTimes: number[] = []
      for (let i = 0; i < (quick ? 4 : 12); i++) {
        progress(`bench refine steps ${i + 1}`)
        let last = performance.now()
        const onProgress = ({ step }: { step: number }) => {
          const now = performance.now()
          if (i > 0) (step === 0 ? firstTimes : stepTimes).push(now - last)
          last = now
        }
        await descend(models.refine, targets, x, styles, { steps: 5, onProgress })
      }
      const loops: number[] = []
      let losses: number[] = []
      for (let i = 0; i < (quick ? 2 : 5); i++) {
        progress(`bench refine 50 steps ${i + 1}`)
        const t = performance.now()
        losses = (await descend(models.refine, targets, x, styles, { steps: 49 })).losses // 50 runs
        loops.push(performance.now() - t)
      }
      progress('')
      // A manifest without groups (the v1 proof release) counts every file, as clients read it.
      const download = modelsInGroup(models.loader.source.manifest, 'refine').reduce(
        (sum, m) => sum + m.bytes,
        0
      )
      return {
        imitator_ms: Number(median(imitatorTimes).toFixed(2)),
        step_ms: Number(median(stepTimes).toFixed(2)),
        first_step_ms: Number(median(firstTimes).toFixed(2)),
        steps50_ms: Number(median(loops).toFixed(1)),
        download_bytes: download,
        loss_first: Number(losses[0]!.toFixed(4)),
        loss_after_50: Number(losses.at(-1)!.toFixed(4)),
        runtime: 'onnxruntime-node cpu, 1 intra-op thread',
        rig: models.rigVersion,
        models: models.where,
      }
    } finally {
      await analyzer.close()
      await models.loader.dispose()
    }
  },
}
