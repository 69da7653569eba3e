import { describe, expect, it } from 'vitest'
import { adapterName, backendLabel, chooseBackend, probeWebGpu } from './backend.ts'

const gpu = (adapter: { info?: Record<string, string> } | null, fail = false) => ({
  requestAdapter: () => (fail ? Promise.reject(new Error('lost')) : Promise.resolve(adapter)),
})

describe('backend choice', () => {
  it('runs WebGPU when there is an adapter and the player did not force WASM', () => {
    const probe = { adapter: 'google swiftshader', reason: null }
    expect(chooseBackend('auto', probe)).toEqual({
      preference: 'auto',
      backend: 'webgpu',
      adapter: 'google swiftshader',
      reason: null,
    })
    expect(chooseBackend('webgpu', probe).backend).toBe('webgpu')
    expect(chooseBackend('wasm', probe)).toMatchObject({ backend: 'wasm', reason: null })
  })
  it('falls back to WASM without an adapter and says why, even when WebGPU was asked for', () => {
    const none = { adapter: null, reason: 'this browser offers no WebGPU adapter here' }
    expect(chooseBackend('auto', none)).toMatchObject({ backend: 'wasm', reason: none.reason })
    expect(chooseBackend('webgpu', none)).toMatchObject({ backend: 'wasm', reason: none.reason })
  })
})

describe('WebGPU probe', () => {
  it('names the adapter, or says there is none / no WebGPU / it failed', async () => {
    const info = { vendor: 'google', architecture: 'swiftshader' }
    expect(await probeWebGpu(gpu({ info }))).toEqual({
      adapter: 'google swiftshader',
      reason: null,
    })
    expect((await probeWebGpu(gpu(null))).reason).toMatch(/no WebGPU adapter/)
    expect((await probeWebGpu(undefined)).reason).toMatch(/no WebGPU/)
    expect((await probeWebGpu(gpu(null, true))).reason).toBe('WebGPU failed: lost')
  })
  it('labels backends for settings', () => {
    expect(adapterName({ description: 'Mali-G78' })).toBe('Mali-G78')
    expect(adapterName({})).toBe('unknown GPU')
    expect(backendLabel('webgpu', 'apple metal-3')).toBe('WebGPU (apple metal-3)')
    expect(backendLabel('wasm', null)).toBe('WASM (CPU)')
  })
})
