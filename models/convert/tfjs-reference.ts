/**
 * @file Writes TF.js reference inputs and outputs for every model in models.json (tfjs CPU backend, the reference):
 *   - real photos -> models/.work/ref/<id>/*.npy + index.json (faces found by face-api's SSD, never committed);
 *   - one synthetic image per model -> models/tests/fixtures/<id>.<output>.npy + index.json (small, committed).
 * Usage: npx tsx models/convert/tfjs-reference.ts [--fixtures-only] [--max-faces N]
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as tf from '@tensorflow/tfjs'
import jpeg from 'jpeg-js'
import { encodeNpy } from './npy.ts'
import { syntheticImage } from './synthetic.ts'
import { loadFaceApi, loadGraphModelFromDisk, packageFile } from './tfjs-loaders.ts'
import type { FaceApi } from './tfjs-loaders.ts'

const MODELS_DIR = dirname(dirname(fileURLToPath(import.meta.url)))
const REF_DIR = join(MODELS_DIR, '.work', 'ref')
const FIXTURE_DIR = join(MODELS_DIR, 'tests', 'fixtures')
/** Seed of the synthetic fixture image; tests regenerate the same image from it. */
export const FIXTURE_SEED = 20240611

interface ModelSpec {
  kind: 'tfjs-graph' | 'face-api-resnet'
  package: string
  path: string
  input: { name: string; size: number; scale: 'unit' | 'byte' }
  outputs: Record<string, string>
  crop: 'detector' | 'mesh' | 'face' | 'person'
}
type Runner = (x: tf.Tensor4D) => Promise<Record<string, tf.Tensor>>
type Box = { x: number; y: number; width: number; height: number }

const SPECS = JSON.parse(
  readFileSync(join(MODELS_DIR, 'convert', 'models.json'), 'utf8')
) as Record<string, ModelSpec>

async function makeRunner(spec: ModelSpec, faceapi: FaceApi): Promise<Runner> {
  if (spec.kind === 'face-api-resnet') {
    await faceapi.nets.faceRecognitionNet.loadFromDisk(
      dirname(packageFile(spec.package, spec.path))
    )
    return async (x) => ({ embedding: await faceapi.nets.faceRecognitionNet.forward(x) })
  }
  const model = await loadGraphModelFromDisk(packageFile(spec.package, spec.path))
  const names = Object.keys(spec.outputs)
  return async (x) => {
    const out = model.execute(x, Object.values(spec.outputs)) as tf.Tensor | tf.Tensor[]
    const list = Array.isArray(out) ? out : [out]
    return Object.fromEntries(names.map((n, i) => [n, list[i] as tf.Tensor]))
  }
}

/** Square crops (normalised [y1, x1, y2, x2] boxes) for a model around one face box, in photo pixels. */
function cropBoxes(crop: ModelSpec['crop'], face: Box, w: number, h: number): number[][] {
  const cx = face.x + face.width / 2
  const cy = face.y + face.height / 2
  // detector: face about 40% of the frame (short range); mesh: ~25% margin each side; embedders: tight square;
  // person (selfie segmentation): head and shoulders, as create/hair.ts crops it
  const side =
    Math.max(face.width, face.height) * { detector: 2.5, mesh: 1.5, face: 1.1, person: 2.6 }[crop]
  return [[(cy - side / 2) / h, (cx - side / 2) / w, (cy + side / 2) / h, (cx + side / 2) / w]]
}

function save(dir: string, file: string, t: tf.Tensor | { shape: number[]; data: Float32Array }) {
  const data = t instanceof tf.Tensor ? (t.dataSync() as Float32Array) : t.data
  writeFileSync(join(dir, file), encodeNpy({ shape: [...t.shape], data: Float32Array.from(data) }))
}

async function runSample(id: string, run: Runner, x: tf.Tensor4D, dir: string, name: string) {
  const outputs = await run(x)
  save(dir, `${name}.input.npy`, x)
  const files: Record<string, string> = {}
  for (const [out, t] of Object.entries(outputs)) {
    files[out] = `${name}.${out}.npy`
    save(dir, files[out], t)
  }
  tf.dispose(Object.values(outputs))
  return { sample: name, input: `${name}.input.npy`, outputs: files, model: id }
}

async function photoReferences(
  faceapi: FaceApi,
  runners: Record<string, Runner>,
  maxFaces: number
) {
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(
    dirname(
      packageFile('@vladmandic/face-api', 'model/ssd_mobilenetv1_model-weights_manifest.json')
    )
  )
  const index: Record<string, unknown[]> = Object.fromEntries(
    Object.keys(SPECS).map((k) => [k, []])
  )
  for (let p = 1; p <= 6; p++) {
    const file = packageFile('@vladmandic/face-api', `demo/sample${p}.jpg`)
    const img = jpeg.decode(readFileSync(file), { useTArray: true, formatAsRGBA: false })
    const photo = tf.tensor3d(img.data, [img.height, img.width, 3], 'int32')
    const faces = await faceapi.detectAllFaces(
      photo,
      new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 })
    )
    console.log(`sample${p}.jpg: ${img.width}x${img.height}, ${faces.length} faces`)
    const image = tf.expandDims(tf.cast(photo, 'float32'), 0) as tf.Tensor4D
    for (const [id, spec] of Object.entries(SPECS)) {
      const dir = join(REF_DIR, id)
      mkdirSync(dir, { recursive: true })
      const boxes = faces
        .slice(0, maxFaces)
        .map((f) => cropBoxes(spec.crop, f.box, img.width, img.height)[0])
      if (spec.crop === 'detector') {
        const side = Math.max(img.width, img.height) // whole photo, letterboxed to a square
        boxes.push([0, 0, side / img.height, side / img.width])
      }
      for (const [k, box] of boxes.entries()) {
        const size = spec.input.size
        const crop = tf.tidy(() => {
          const c = tf.image.cropAndResize(image, [box as number[]], [0], [size, size], 'bilinear')
          return spec.input.scale === 'unit' ? tf.div(c, 255) : c
        }) as tf.Tensor4D
        index[id]?.push(await runSample(id, runners[id] as Runner, crop, dir, `sample${p}-${k}`))
        crop.dispose()
      }
    }
    tf.dispose([photo, image])
  }
  writeFileSync(join(REF_DIR, 'index.json'), JSON.stringify(index, null, 1))
}

async function fixtureReferences(runners: Record<string, Runner>) {
  const index: Record<string, unknown> = {}
  for (const [id, spec] of Object.entries(SPECS)) {
    const size = spec.input.size
    const image = syntheticImage(size, FIXTURE_SEED)
    const pixels = Float32Array.from(image)
    const x = tf.tidy(() => {
      const t = tf.tensor4d(pixels, [1, size, size, 3])
      return spec.input.scale === 'unit' ? tf.div(t, 255) : t
    }) as tf.Tensor4D
    const outputs = await (runners[id] as Runner)(x)
    const files: Record<string, string> = {}
    for (const [out, t] of Object.entries(outputs)) {
      files[out] = `${id}.${out}.npy`
      save(FIXTURE_DIR, files[out], t)
    }
    // the sha256 of the uint8 image lets synthetic.py prove it makes the very same pixels
    const imageSha256 = createHash('sha256').update(image).digest('hex')
    index[id] = { seed: FIXTURE_SEED, size, scale: spec.input.scale, imageSha256, outputs: files }
    tf.dispose([x, ...Object.values(outputs)])
  }
  writeFileSync(join(FIXTURE_DIR, 'index.json'), JSON.stringify(index, null, 2) + '\n')
}

async function main() {
  const args = process.argv.slice(2)
  const maxFaces = Number(args[args.indexOf('--max-faces') + 1] ?? 99) || 99
  const only = args.includes('--only') ? (args[args.indexOf('--only') + 1] ?? '').split(',') : null
  if (!existsSync(packageFile('@vladmandic/face-api', 'demo/sample1.jpg'))) {
    throw new Error('face-api demo photos missing: run `npm ci` at the repository root first')
  }
  await tf.setBackend('cpu')
  await tf.ready()
  const faceapi = loadFaceApi()
  if (only) for (const id of Object.keys(SPECS)) if (!only.includes(id)) delete SPECS[id]
  const runners: Record<string, Runner> = {}
  for (const [id, spec] of Object.entries(SPECS)) runners[id] = await makeRunner(spec, faceapi)
  mkdirSync(FIXTURE_DIR, { recursive: true })
  if (!only) await fixtureReferences(runners)
  if (!args.includes('--fixtures-only')) await photoReferences(faceapi, runners, maxFaces)
  console.log(`tfjs ${tf.version_core} (${tf.getBackend()}): references written`)
}

await main()
