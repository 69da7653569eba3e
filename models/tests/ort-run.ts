/**
 * @file Runs an ONNX model under onnxruntime-node (one thread) on .npy inputs and writes .npy outputs, for the
 * Python tests (Debian's python3 has no onnxruntime): `tsx tests/ort-run.ts MODEL DIR` reads DIR/in/<input>.npy
 * for every model input and writes DIR/out/<output>.npy.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { decodeNpy, encodeNpy } from '../convert/npy.ts'

const [modelPath, dir] = process.argv.slice(2)
if (!modelPath || !dir) throw new Error('usage: tsx tests/ort-run.ts MODEL DIR')
const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1 })
const feeds: Record<string, ort.Tensor> = {}
for (const name of session.inputNames) {
  const { data, shape } = decodeNpy(readFileSync(join(dir, 'in', `${name}.npy`)))
  feeds[name] = new ort.Tensor('float32', data, shape)
}
const outputs = await session.run(feeds)
mkdirSync(join(dir, 'out'), { recursive: true })
for (const [name, tensor] of Object.entries(outputs)) {
  const npy = encodeNpy({ shape: [...tensor.dims], data: tensor.data as Float32Array })
  writeFileSync(join(dir, 'out', `${name}.npy`), npy)
}
await session.release()
