/** @file ModelSession and ModelLoader on a tiny fixture model (y = 2a + b), under onnxruntime-node and -web. */
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { apis, resolveDevice, runtimePackage, supportedDevices } from './backend/onnx.ts'
import type { ModelEntry, ModelManifest } from './manifest.ts'
import { ModelLoader } from './loader.ts'
import { ModelSession, validateInputs } from './session.ts'

const BYTES = new Uint8Array(readFileSync(new URL('./fixtures/axpb.onnx', import.meta.url)))
const ENTRY: ModelEntry = {
  id: 'axpb',
  file: 'axpb.onnx',
  sha256: 'a602a626021b7cf4f705d958cfc028500caa19ba1314d80eb50e599016d58efb',
  bytes: BYTES.length,
  inputs: [
    { name: 'a', shape: [1, 3], dtype: 'float32' },
    { name: 'b', shape: [1, 3], dtype: 'float32' },
  ],
  outputs: [{ name: 'y', shape: [1, 3], dtype: 'float32' }],
}
const MANIFEST: ModelManifest = { schema: 1, release: 'test', models: [ENTRY] }
const feeds = {
  a: { data: Float32Array.from([1, 2, 3]), dims: [1, 3] },
  b: { data: Float32Array.from([0.5, 0, -1]), dims: [1, 3] },
}

describe('backend', () => {
  it('detects capabilities once into a frozen object', () => {
    expect(Object.isFrozen(apis)).toBe(true)
    expect(apis.isNode).toBe(true)
    expect(apis.hasSubtleCrypto).toBe(true)
  })
  it('resolves #onnxruntime to onnxruntime-node in Node, and loads -web on request', async () => {
    expect(await runtimePackage('default')).toBe('onnxruntime-node')
    expect(await runtimePackage('web')).toBe('onnxruntime-web')
  })
  it('lists devices by priority and rejects unknown ones with the valid list', () => {
    expect(supportedDevices('default')).toEqual(['cpu'])
    expect(supportedDevices('web')).toEqual(['wasm'])
    expect(resolveDevice('auto', 'web')).toBe('wasm')
    expect(() => resolveDevice('tpu')).toThrow(
      /Unknown or unavailable device 'tpu'.*one of: auto, cpu/
    )
    expect(() => resolveDevice('webgpu', 'web')).toThrow(/one of: auto, wasm/)
  })
})

describe.each(['default', 'web'] as const)('ModelSession on the %s runtime', (runtime) => {
  const sessions: ModelSession[] = []
  afterAll(async () => Promise.all(sessions.map((s) => s.dispose())))

  it('runs the verified model', async () => {
    const session = await ModelSession.create(ENTRY, BYTES, { runtime })
    sessions.push(session)
    const { y } = await session.run(feeds)
    expect([...y!.data]).toEqual([2.5, 4, 5])
    expect(y!.dims).toEqual([1, 3])
  })

  it('chains concurrent runs and gives each its own result', async () => {
    const session = await ModelSession.create(ENTRY, BYTES, { runtime })
    sessions.push(session)
    const runs = await Promise.all(
      [1, 2, 3, 4].map((k) =>
        session.run({ a: { data: Float32Array.from([k, k, k]), dims: [1, 3] }, b: feeds.b })
      )
    )
    expect(runs.map((r) => r.y!.data[0])).toEqual([2.5, 4.5, 6.5, 8.5])
  })
})

describe('verification and validation', () => {
  it('refuses a file whose hash does not match, saying what to do', async () => {
    const tampered = BYTES.slice()
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 1
    await expect(ModelSession.create(ENTRY, tampered)).rejects.toThrow(
      /sha256 [0-9a-f]{64}, the manifest says a602.*download the models again/
    )
    await expect(ModelSession.create(ENTRY, BYTES.subarray(1))).rejects.toThrow(
      /bytes, the manifest says/
    )
  })

  it('reports every input problem in one error', () => {
    expect(() =>
      validateInputs(
        { ...ENTRY, inputs: [...ENTRY.inputs, { name: 'c', shape: [1], dtype: 'float32' }] },
        {
          b: { data: new Float32Array(4), dims: [1, 4] },
          z: { data: new Float32Array(1), dims: [1] },
        }
      )
    ).toThrow(
      /missing input\(s\) 'a', 'c'; unknown input\(s\) 'z'; 'b' has shape \[1,4\], expected \[1,3\]/
    )
  })

  it('rejects runs after dispose', async () => {
    const session = await ModelSession.create(ENTRY, BYTES)
    await session.dispose()
    await expect(session.run(feeds)).rejects.toThrow(/disposed/)
  })
})

describe('ModelLoader', () => {
  it('dedupes concurrent loads and retries after a failure', async () => {
    let reads = 0
    let fail = true
    const loader = new ModelLoader({
      manifest: MANIFEST,
      async read() {
        reads++
        if (fail) throw new Error('offline')
        return BYTES
      },
    })
    await expect(loader.load('axpb')).rejects.toThrow('offline')
    fail = false
    const [s1, s2] = await Promise.all([loader.load('axpb'), loader.load('axpb')])
    expect(s1).toBe(s2)
    expect(reads).toBe(2)
    expect(() => loader.load('nope')).toThrow(
      /Model 'nope' is not in manifest release test \(it has: axpb\)/
    )
    await loader.dispose()
  })
})
