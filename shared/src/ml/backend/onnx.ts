/**
 * @module ml/backend/onnx — the ONLY importer of onnxruntime in the repo. `#onnxruntime` resolves to
 * onnxruntime-node under the `node` condition and to onnxruntime-web everywhere else (shared/package.json
 * "imports"); `runtime: 'web'` loads onnxruntime-web explicitly (its WASM backend also runs in Node, for parity).
 * The `webgpu` device loads onnxruntime-web's WebGPU build (`onnxruntime-web/webgpu`) on first use only: its
 * 27 MB runtime wasm is fetched from {@link setWebGpuRuntimeBase} (the app's Worker serves it from R2), so a
 * WASM-only device never downloads it. Sessions and tensors of one device come from one build (each bundles its
 * own Tensor class).
 */
// Ambient types of '#onnxruntime', loaded wherever this file compiles (cli, pwa, api tsconfigs do not include it).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./onnxruntime.d.ts" />
import * as defaultOrt from '#onnxruntime'

type Ort = typeof defaultOrt
/** An onnxruntime session (node or web; both implement onnxruntime-common's interface). */
export type OrtSession = defaultOrt.InferenceSession
/** An onnxruntime tensor. */
export type OrtTensor = defaultOrt.Tensor

/** Which onnxruntime package: `default` = what the platform resolves (-node in Node, -web in browsers). */
export type RuntimeName = 'default' | 'web'
/** Execution devices, best first. `cpu` is onnxruntime-node's; `webgpu` and `wasm` are onnxruntime-web's. */
export type Device = 'webgpu' | 'wasm' | 'cpu'

/** What this platform offers, detected once. */
export interface Apis {
  /** Running under Node (process.versions.node exists). */
  readonly isNode: boolean
  /** navigator.gpu exists (an adapter may still be missing; onnxruntime-web then fails and we fall back). */
  readonly hasWebGpu: boolean
  readonly hasWasm: boolean
  /** crypto.subtle.digest exists (Node >= 20, browsers in secure contexts, Workers): used to verify model hashes. */
  readonly hasSubtleCrypto: boolean
}

const g = globalThis as {
  process?: { versions?: { node?: string } }
  navigator?: { gpu?: unknown }
  WebAssembly?: unknown
}

/** The platform's capabilities, detected once at load. */
export const apis: Apis = Object.freeze({
  isNode: typeof g.process?.versions?.node === 'string',
  hasWebGpu: typeof g.navigator?.gpu !== 'undefined',
  hasWasm: typeof g.WebAssembly === 'object',
  hasSubtleCrypto: typeof crypto === 'object' && typeof crypto.subtle?.digest === 'function',
})

/** Devices in priority order for a runtime on this platform. */
export function supportedDevices(runtime: RuntimeName = 'default'): readonly Device[] {
  if (runtime === 'default' && apis.isNode) return ['cpu']
  const devices: Device[] = []
  if (apis.hasWebGpu && !apis.isNode) devices.push('webgpu')
  if (apis.hasWasm) devices.push('wasm')
  return devices
}

/** Checks `device` (or picks the best when `auto`/undefined); an unknown device throws and lists the valid ones. */
export function resolveDevice(
  device: string | undefined,
  runtime: RuntimeName = 'default'
): Device {
  const valid = supportedDevices(runtime)
  if (device === undefined || device === 'auto') {
    if (!valid[0]) throw new Error('No ONNX execution device is available here (no WebAssembly).')
    return valid[0]
  }
  if (!(valid as readonly string[]).includes(device)) {
    throw new Error(
      `Unknown or unavailable device '${device}' for the ${runtime} runtime here; use one of: auto, ${valid.join(', ')}.`
    )
  }
  return device as Device
}

let webOrt: Promise<Ort> | undefined
let webGpuOrt: Promise<Ort> | undefined
let webGpuBase: string | null = null

/**
 * Where the WebGPU build finds its runtime files: an absolute URL prefix ending in `/`, to which the
 * onnxruntime-web version and `/` are appended (e.g. 'https://app.example/ort/' -> .../ort/1.30.0/
 * ort-wasm-simd-threaded.asyncify.{mjs,wasm}). Versioned, so a cached runtime never meets another version's JS.
 */
export function setWebGpuRuntimeBase(base: string): void {
  if (!/^(https?|blob|file):/.test(base) || !base.endsWith('/')) {
    throw new Error(
      `The WebGPU runtime base must be an absolute URL ending in '/' (got '${base}').`
    )
  }
  webGpuBase = base
}

/** Loads onnxruntime-web's WebGPU build (browsers only); a failure (offline, no base) is not cached. */
function loadWebGpuRuntime(): Promise<Ort> {
  if (apis.isNode) throw new Error('The webgpu device needs a browser; use cpu or wasm here.')
  if (!webGpuBase) {
    throw new Error(
      'The WebGPU runtime location is not set (setWebGpuRuntimeBase); use the wasm device.'
    )
  }
  const base = webGpuBase
  webGpuOrt ??= import('onnxruntime-web/webgpu').then((mod) => {
    const ort = mod as unknown as Ort
    configureWeb(ort)
    ort.env.wasm.wasmPaths = `${base}${ort.env.versions.web}/`
    return ort
  })
  webGpuOrt.catch(() => (webGpuOrt = undefined))
  return webGpuOrt
}

let webGpuStarted = false

/**
 * The GPU the WebGPU build runs on, e.g. 'google swiftshader' (a software adapter) or 'apple metal-3', once a
 * WebGPU session exists; null before that or where there is none. For the app's settings and for tests that must
 * know WebGPU really ran.
 */
export async function webGpuAdapterName(): Promise<string | null> {
  const ort = webGpuStarted && webGpuOrt ? await webGpuOrt.catch(() => null) : null
  if (!ort) return null
  try {
    const device = (await ort.env.webgpu.device) as {
      adapterInfo?: { vendor?: string; architecture?: string; description?: string }
    }
    const info = device?.adapterInfo
    if (!info) return 'unknown GPU'
    return (
      [info.vendor, info.architecture].filter(Boolean).join(' ') ||
      info.description ||
      'unknown GPU'
    )
  } catch {
    return null
  }
}

/** The onnxruntime build that runs `device` under `runtime`. */
function ortFor(device: Device, runtime: RuntimeName): Promise<Ort> {
  return device === 'webgpu' ? loadWebGpuRuntime() : loadRuntime(runtime)
}

/** Loads the runtime. The web runtime in Node runs WASM from node_modules with one thread (no worker files). */
export function loadRuntime(runtime: RuntimeName = 'default'): Promise<Ort> {
  if (runtime === 'default' && (apis.isNode || !webOrt)) {
    if (!apis.isNode) configureWeb(defaultOrt)
    return Promise.resolve(defaultOrt)
  }
  webOrt ??= import('onnxruntime-web').then((mod) => {
    const ort = mod as unknown as Ort
    configureWeb(ort)
    return ort
  })
  return webOrt
}

const configured = new WeakSet<object>()
function configureWeb(ort: Ort): void {
  if (configured.has(ort.env)) return
  configured.add(ort.env)
  // Deterministic, portable numbers: one thread and no proxy worker (SharedArrayBuffer needs COOP/COEP anyway).
  ort.env.wasm.numThreads = 1
  ort.env.wasm.proxy = false
  if (apis.isNode && !ort.env.wasm.wasmPaths) {
    ort.env.wasm.wasmPaths = new URL(
      '../../../../node_modules/onnxruntime-web/dist/',
      import.meta.url
    ).href
  }
}

// Browser-style chaining: WASM/WebGPU sessions must not be created or run concurrently, so every call on the
// web runtime goes through one promise. onnxruntime-node is thread-safe and is not chained.
let chain: Promise<unknown> = Promise.resolve()
function chained<T>(runtime: RuntimeName, task: () => Promise<T>): Promise<T> {
  if (runtime === 'default' && apis.isNode) return task()
  const next = chain.then(task, task)
  chain = next.catch(() => undefined)
  return next
}

/** Creates a session on `device` from model bytes. */
export async function createSession(
  bytes: Uint8Array,
  device: Device,
  runtime: RuntimeName = 'default'
): Promise<OrtSession> {
  const ort = await ortFor(device, runtime)
  const session = await chained(runtime, () =>
    ort.InferenceSession.create(bytes, {
      executionProviders: [device],
      graphOptimizationLevel: 'all',
      // One intra-op thread in Node too: the CLI and tests share 2 cores, and it is what RESEARCH.md timed.
      intraOpNumThreads: 1,
    })
  )
  if (device === 'webgpu') webGpuStarted = true
  return session
}

/** A float32 input tensor of shape `dims`, from the build that runs `device` (default: the runtime's own). */
export async function float32Tensor(
  data: Float32Array,
  dims: readonly number[],
  runtime: RuntimeName = 'default',
  device?: Device
): Promise<OrtTensor> {
  const ort = await (device ? ortFor(device, runtime) : loadRuntime(runtime))
  return new ort.Tensor('float32', data, dims)
}

/** Runs `session` on `feeds`, chained on the web runtime. */
export function runSession(
  session: OrtSession,
  feeds: Record<string, OrtTensor>,
  runtime: RuntimeName = 'default'
): Promise<Record<string, OrtTensor>> {
  return chained(runtime, () => session.run(feeds))
}

/** The npm package behind `runtime` on this platform: 'onnxruntime-node' or 'onnxruntime-web'. */
export async function runtimePackage(runtime: RuntimeName = 'default'): Promise<string> {
  const ort = await loadRuntime(runtime)
  // Only onnxruntime-node exports listSupportedBackends (its native binding's list).
  return 'listSupportedBackends' in ort ? 'onnxruntime-node' : 'onnxruntime-web'
}
