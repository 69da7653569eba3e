/**
 * @module dataset/worker — a worker thread that makes whole shards: it owns one FaceAnalyzer (one onnxruntime
 * thread) and answers each {shard} job with per-sample 'tick' messages and a final 'done'.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { writeShard, type fieldSpecs } from './format.ts'
import { datasetEngine } from './engines.ts'
import { releaseModels } from './models.ts'
import { makeSample, sampleCharacter, type Sample } from './sample.ts'

/** What the main thread sends once (workerData) and per job. */
export interface WorkerSetup {
  dir: string
  rig: number
  seed: number
  size: number
  priorShare: number
  /** Plausible samples carry random skin detail (`--detail`). */
  detail: boolean
  fields: ReturnType<typeof fieldSpecs>
}
export interface ShardJob {
  name: string
  start: number
  count: number
}

const setup = workerData as WorkerSetup
const engine = datasetEngine(setup.rig)
// detectorGrids [1]: the render is one centred face, the finer tiles only cost time.
const analyzer = await FaceAnalyzer.createFromOptions({
  models: await releaseModels(),
  maxFaces: 1,
  detectorGrids: [1],
})

parentPort!.on('message', (job: ShardJob | null) => {
  if (job === null) {
    void analyzer.close().then(() => process.exit(0))
    return
  }
  void (async () => {
    const samples: Sample[] = []
    for (let i = 0; i < job.count; i++) {
      const character = sampleCharacter(
        engine,
        setup.seed,
        job.start + i,
        setup.priorShare,
        setup.detail
      )
      samples.push(await makeSample(engine, analyzer, character, setup.size))
      parentPort!.postMessage({ type: 'tick', face: samples.at(-1)!.face })
    }
    await writeShard(setup.dir, job.name, samples, setup.fields)
    parentPort!.postMessage({ type: 'done', name: job.name })
  })().catch((error: unknown) => parentPort!.postMessage({ type: 'error', message: String(error) }))
})
parentPort!.postMessage({ type: 'ready' })
