/**
 * @file Runs each released .onnx with onnxruntime-node on the TF.js reference samples in models/.work/ref and
 * writes the max abs difference per model to models/.work/onnx-check.json (read by release.py for the manifest).
 * Usage: npx tsx models/convert/check-onnx.ts [--tolerance 1e-3]; exits 1 when a model is over the tolerance.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as ort from 'onnxruntime-node'
import { decodeNpy } from './npy.ts'

const MODELS_DIR = dirname(dirname(fileURLToPath(import.meta.url)))
const REF_DIR = join(MODELS_DIR, '.work', 'ref')

interface Sample {
  sample: string
  input: string
  outputs: Record<string, string>
}

/** Largest |a - b| over two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`)
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)))
  return worst
}

async function checkModel(id: string, samples: Sample[]) {
  const session = await ort.InferenceSession.create(join(MODELS_DIR, 'release', `${id}.onnx`), {
    intraOpNumThreads: 1,
  })
  const perOutput: Record<string, number> = {}
  for (const s of samples) {
    const x = decodeNpy(readFileSync(join(REF_DIR, id, s.input)))
    const feeds = { [session.inputNames[0] as string]: new ort.Tensor('float32', x.data, x.shape) }
    const result = await session.run(feeds)
    for (const [name, file] of Object.entries(s.outputs)) {
      const ref = decodeNpy(readFileSync(join(REF_DIR, id, file)))
      const got = result[name]
      if (!got) throw new Error(`${id}.onnx has no output ${name}`)
      if (got.dims.join() !== ref.shape.join()) {
        throw new Error(`${id}.${name}: shape [${got.dims}] != tfjs [${ref.shape}]`)
      }
      const d = maxAbsDiff(got.data as Float32Array, ref.data)
      perOutput[name] = Math.max(perOutput[name] ?? 0, d)
    }
  }
  await session.release()
  return { maxAbsDiff: Math.max(...Object.values(perOutput)), perOutput, samples: samples.length }
}

async function main() {
  const args = process.argv.slice(2)
  const tolerance = Number(args[args.indexOf('--tolerance') + 1] ?? 1e-3) || 1e-3
  const indexFile = join(REF_DIR, 'index.json')
  if (!existsSync(indexFile)) throw new Error('no TF.js references: run tfjs-reference.ts first')
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as Record<string, Sample[]>
  const outFile = join(MODELS_DIR, '.work', 'onnx-check.json')
  const checks = existsSync(outFile) ? JSON.parse(readFileSync(outFile, 'utf8')) : {}
  let failed = 0
  for (const [id, samples] of Object.entries(index)) {
    if (!samples.length || !existsSync(join(MODELS_DIR, 'release', `${id}.onnx`))) continue
    const check = await checkModel(id, samples)
    checks[id] = check
    const ok = check.maxAbsDiff <= tolerance
    if (!ok) failed++
    console.log(
      `${id}: onnxruntime-node vs tfjs max|d| ${check.maxAbsDiff.toExponential(2)} over ${check.samples} samples ${ok ? 'ok' : 'FAILED'}`
    )
  }
  writeFileSync(outFile, JSON.stringify(checks, null, 1))
  process.exit(failed ? 1 : 0)
}

await main()
