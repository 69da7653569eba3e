/**
 * @file Loads the reference TF.js models from node_modules with no network: human-models graph models through a
 * custom IOHandler, and face-api's dlib ResNet through face-api's own code (its Node build, on the tfjs CPU backend).
 */
import { readFileSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as tf from '@tensorflow/tfjs'

const require = createRequire(import.meta.url)
const HERE = dirname(fileURLToPath(import.meta.url))

/** Absolute path of `file` inside an installed npm package. */
export function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file)
}

/** Concatenates the .bin shards of a weights manifest into one ArrayBuffer, in manifest order. */
function readShards(manifest: tf.io.WeightsManifestConfig, dir: string): ArrayBuffer {
  const parts = manifest.flatMap((group) => group.paths.map((p) => readFileSync(join(dir, p))))
  const total = parts.reduce((n, p) => n + p.byteLength, 0)
  const out = new Uint8Array(total)
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.byteLength
  }
  return out.buffer
}

/** A TF.js graph model read from `modelJson` on disk (an IOHandler over fs, so no fetch or file:// URL). */
export async function loadGraphModelFromDisk(modelJson: string): Promise<tf.GraphModel> {
  const spec = JSON.parse(readFileSync(modelJson, 'utf8')) as tf.io.ModelJSON
  const handler: tf.io.IOHandler = {
    load: async () => ({
      modelTopology: spec.modelTopology,
      format: spec.format,
      generatedBy: spec.generatedBy,
      convertedBy: spec.convertedBy,
      signature: spec.signature,
      weightSpecs: spec.weightsManifest.flatMap((g) => g.weights),
      weightData: readShards(spec.weightsManifest, dirname(modelJson)),
    }),
  }
  return tf.loadGraphModel(handler)
}

/** The subset of @vladmandic/face-api this project uses as a reference. */
export interface FaceApi {
  nets: {
    faceRecognitionNet: {
      loadFromDisk(dir: string): Promise<void>
      forward(input: tf.Tensor4D): Promise<tf.Tensor2D>
    }
    ssdMobilenetv1: { loadFromDisk(dir: string): Promise<void> }
  }
  detectAllFaces(
    input: tf.Tensor3D,
    options: unknown
  ): Promise<{ box: { x: number; y: number; width: number; height: number } }[]>
  SsdMobilenetv1Options: new (o: { minConfidence: number }) => unknown
}

/** face-api's Node build bound to the tfjs package here (CPU backend); see tfjs-backend-wasm-stub.cjs. */
export function loadFaceApi(): FaceApi {
  const mod = Module as unknown as { _resolveFilename: (req: string, ...rest: unknown[]) => string }
  const resolve = mod._resolveFilename
  mod._resolveFilename = function (req: string, ...rest: unknown[]) {
    if (req === '@tensorflow/tfjs-backend-wasm') return join(HERE, 'tfjs-backend-wasm-stub.cjs')
    return resolve.call(this, req, ...rest)
  }
  try {
    return require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApi
  } finally {
    mod._resolveFilename = resolve
  }
}
