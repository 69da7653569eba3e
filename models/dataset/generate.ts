/**
 * @module dataset/generate — makes (x, render, landmarks, features) pairs from the current engine and rig, in
 * worker threads, into shards (format.ts). Seedable and resumable: rerun the same command after a stop and only
 * the missing shards are made; every sample depends only on (seed, index).
 * @example
 * npx tsx dataset/generate.ts --out .work/dataset --count 4096 --workers 2   # from models/
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import { alignTemplate } from '@facecraft/shared/face'
import { findModel } from '@facecraft/shared/ml'
import {
  FORMAT,
  FORMAT_VERSION,
  fieldSpecs,
  planShards,
  shardDone,
  type DatasetIndex,
} from './format.ts'
import { datasetEngine } from './engines.ts'
import { releaseModels } from './models.ts'
import { BACKGROUND, frameEmbedWindow } from './sample.ts'
import type { ShardJob, WorkerSetup } from './worker.ts'

/** Command-line options and their defaults. */
export interface GenerateOptions {
  out: string
  /** Rig (and engine) version: 2 is the product's MakeHuman head, 1 the v1 proof. */
  rig: number
  count: number
  seed: number
  size: number
  priorShare: number
  /** The plausible samples carry the dice's random skin detail (rig 2), as photo-made characters carry theirs. */
  detail?: boolean
  shardSize: number
  workers: number
}

const USAGE = `Usage: npx tsx dataset/generate.ts --out DIR [--rig 2] [--count 4096] [--seed 1] [--size 128]
         [--prior-share 0.5] [--detail] [--shard-size 256] [--workers N]
Rerun the same command to resume; the index (DIR/dataset.json) must match the options.`

/** The worker module beside this one: worker.ts under tsx, worker.js in the bundle (dataset/bundle.mjs). */
const WORKER = new URL(
  import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js',
  import.meta.url
)

/** A worker thread running `module`. A TypeScript module gets tsx's loader registered inside the thread first
 * (workers do not inherit the loader hooks of the thread that made them); the bundle's JavaScript runs as it is. */
function moduleWorker(module: URL, workerData: unknown): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, { workerData })
  const api = import.meta.resolve('tsx/esm/api')
  const boot = `import(${JSON.stringify(api)}).then((t) => { t.register(); return import(${JSON.stringify(module.href)}) })`
  return new Worker(boot, { eval: true, workerData })
}

/** The index for `o` (shards planned, none necessarily made yet). */
export async function makeIndex(o: GenerateOptions): Promise<DatasetIndex> {
  const recogniser = findModel((await releaseModels()).manifest, 'face-embedder')
  const embedding = Number(recogniser.outputs[0]!.shape.at(-1))
  if (o.detail && o.rig !== 2) throw new Error('Rig v1 has no skin detail; --detail needs --rig 2.')
  const engine = datasetEngine(o.rig)
  const fields = fieldSpecs(o.size, engine.vectorLength, engine.styleCount, embedding)
  return {
    format: FORMAT,
    version: FORMAT_VERSION,
    rig: JSON.parse(JSON.stringify(engine.rig)) as unknown,
    rigVersion: engine.rigVersion,
    engine: { name: engine.name, view: 'front (canonical aligned frame)', background: BACKGROUND },
    size: o.size,
    seed: o.seed,
    priorShare: o.priorShare,
    ...(o.detail ? { detail: true } : {}),
    count: o.count,
    shardSize: o.shardSize,
    frame: { template: [...alignTemplate()], embedWindow: frameEmbedWindow() },
    recogniser: { id: recogniser.id, sha256: recogniser.sha256 },
    fields: Object.fromEntries(Object.entries(fields).map(([k, { dtype, shape, meaning }]) => [k, { dtype, shape, meaning }])),
    shards: planShards(o.count, o.shardSize),
  } // prettier-ignore
}

/** Refuses to resume into a folder made with other settings (it would mix two datasets). */
async function checkExisting(dir: string, index: DatasetIndex): Promise<void> {
  let old: DatasetIndex
  try {
    old = JSON.parse(await readFile(join(dir, 'dataset.json'), 'utf8')) as DatasetIndex
  } catch {
    return
  }
  for (const key of ['seed', 'size', 'priorShare', 'shardSize', 'rigVersion', 'detail'] as const)
    if ((old[key] ?? false) !== (index[key] ?? false))
      throw new Error(
        `${dir} holds a dataset with ${key} ${old[key] ?? false}, not ${index[key] ?? false}; pass the same options or a new --out.`
      )
  if (JSON.stringify(old.rig) !== JSON.stringify(index.rig))
    throw new Error(`${dir} was made with another rig schema; use a new --out for this rig.`)
}

/** Makes every missing shard with `o.workers` threads; reports progress on stderr. */
export async function generate(
  o: GenerateOptions,
  log: (line: string) => void = (line) => void process.stderr.write(line)
) {
  const dir = resolve(o.out)
  await mkdir(dir, { recursive: true })
  const index = await makeIndex(o)
  await checkExisting(dir, index)
  await writeFile(join(dir, 'dataset.json'), JSON.stringify(index, null, 1) + '\n')
  const todo: ShardJob[] = []
  for (const s of index.shards) if (!(await shardDone(dir, s.name, s.count))) todo.push(s)
  const total = todo.reduce((n, s) => n + s.count, 0)
  const fields = fieldSpecs(
    o.size,
    index.fields.x!.shape[0]!,
    index.fields.styles!.shape[0]!,
    index.fields.embedding!.shape[0]!
  )
  const setup: WorkerSetup = {
    dir,
    rig: o.rig,
    seed: o.seed,
    size: o.size,
    priorShare: o.priorShare,
    detail: o.detail ?? false,
    fields,
  }
  const start = performance.now()
  let made = 0
  let faces = 0
  let readyAt = 0
  const rate = () => made / ((performance.now() - readyAt) / 1000)
  const jobs = [...todo]
  const workers = Math.max(1, Math.min(o.workers, jobs.length))
  await Promise.all(
    Array.from(
      { length: jobs.length ? workers : 0 },
      () =>
        new Promise<void>((done, fail) => {
          const worker = moduleWorker(WORKER, setup)
          const next = () => worker.postMessage(jobs.shift() ?? null)
          worker.on('message', (m: { type: string; face?: number; message?: string }) => {
          if (m.type === 'ready') {
            readyAt ||= performance.now()
            next()
          } else if (m.type === 'tick') {
            made++
            faces += m.face ?? 0
            if (made % 16 === 0 || made === total)
              log(`\rdataset ${made}/${total} new samples, ${rate().toFixed(1)}/s, face found ${((100 * faces) / made).toFixed(1)}%  `)
          } else if (m.type === 'done') next()
          else if (m.type === 'error') fail(new Error(`dataset worker: ${m.message}`))
        }) // prettier-ignore
          worker.on('error', fail)
          worker.on('exit', (code) =>
            code === 0 ? done() : fail(new Error(`dataset worker exited ${code}`))
          )
        })
    )
  )
  const seconds = (performance.now() - start) / 1000
  log(
    `\n${dir}: ${index.count} samples in ${index.shards.length} shards (${made} made now in ${seconds.toFixed(1)} s)\n`
  )
  return { made, faces, seconds, samplesPerSecond: made ? rate() : 0, index }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      rig: { type: 'string', default: '2' },
      count: { type: 'string', default: '4096' },
      seed: { type: 'string', default: '1' },
      size: { type: 'string', default: '128' },
      'prior-share': { type: 'string', default: '0.5' },
      detail: { type: 'boolean', default: false },
      'shard-size': { type: 'string', default: '256' },
      workers: { type: 'string', default: String(Math.max(1, availableParallelism())) },
      help: { type: 'boolean' },
    },
  })
  if (values.help || !values.out) {
    console.error(USAGE)
    return values.help ? 0 : 2
  }
  const num = (name: keyof typeof values) => {
    const v = Number(values[name])
    if (!Number.isFinite(v)) throw new Error(`--${name} must be a number, got ${String(values[name])}\n${USAGE}`)
    return v
  }
  const result = await generate({
    out: values.out,
    rig: num('rig'),
    count: num('count'),
    seed: num('seed'),
    size: num('size'),
    priorShare: num('prior-share'),
    detail: values.detail,
    shardSize: num('shard-size'),
    workers: num('workers'),
  })
  console.log(JSON.stringify({ made: result.made, samplesPerSecond: Number(result.samplesPerSecond.toFixed(2)), seconds: Number(result.seconds.toFixed(1)) }))
  return 0
} // prettier-ignore

if (import.meta.url === `file://${process.argv[1]}`)
  process.exitCode = await main(process.argv.slice(2))
