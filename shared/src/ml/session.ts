/** @module ml/session — a verified ONNX session for one manifest entry, with validated float32 inputs. */
import {
  createSession,
  float32Tensor,
  resolveDevice,
  runSession,
  type Device,
  type OrtSession,
  type OrtTensor,
  type RuntimeName,
} from './backend/onnx.ts'
import type { ModelEntry, TensorSpec } from './manifest.ts'

/** A float32 tensor as plain data. `dims` row-major, e.g. (1, 128, 128, 3) NHWC. */
export interface Float32Data {
  data: Float32Array
  dims: readonly number[]
}

/** Where and how sessions run. */
export interface SessionOptions {
  /** 'auto' (default) picks the best for the runtime: cpu in Node, webgpu > wasm in browsers. */
  device?: Device | 'auto'
  runtime?: RuntimeName
}

/** Lower-case hex SHA-256 of `bytes` with WebCrypto (Node >= 20, browsers, Workers). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** Throws unless `bytes` are the file the manifest entry describes (size, then SHA-256). */
export async function verifyModelBytes(entry: ModelEntry, bytes: Uint8Array): Promise<void> {
  const fix = 'download the models again (or rebuild them with models/convert)'
  if (bytes.length !== entry.bytes) {
    throw new Error(
      `Model '${entry.id}' (${entry.file}) is ${bytes.length} bytes, the manifest says ${entry.bytes}; ${fix}.`
    )
  }
  const hash = await sha256Hex(bytes)
  if (hash !== entry.sha256.toLowerCase()) {
    throw new Error(
      `Model '${entry.id}' (${entry.file}) has sha256 ${hash}, the manifest says ${entry.sha256}; ${fix}.`
    )
  }
}

function checkDims(spec: TensorSpec, dims: readonly number[]): string | null {
  if (dims.length !== spec.shape.length)
    return `'${spec.name}' has rank ${dims.length}, expected ${spec.shape.length}`
  for (let i = 0; i < dims.length; i++) {
    const want = spec.shape[i]
    if (typeof want === 'number' && want > 0 && want !== dims[i])
      return `'${spec.name}' has shape [${dims.join(',')}], expected [${spec.shape.join(',')}]`
  }
  return null
}

/**
 * Checks feeds against the signature and reports EVERY problem at once: missing names, unknown names, shapes.
 */
export function validateInputs(entry: ModelEntry, feeds: Record<string, Float32Data>): void {
  const problems: string[] = []
  const missing = entry.inputs.filter((spec) => !(spec.name in feeds)).map((s) => s.name)
  if (missing.length) problems.push(`missing input(s) ${missing.map((n) => `'${n}'`).join(', ')}`)
  const known = new Set(entry.inputs.map((s) => s.name))
  const unknown = Object.keys(feeds).filter((name) => !known.has(name))
  if (unknown.length) problems.push(`unknown input(s) ${unknown.map((n) => `'${n}'`).join(', ')}`)
  for (const spec of entry.inputs) {
    const feed = feeds[spec.name]
    if (!feed) continue
    const size = feed.dims.reduce((a, b) => a * b, 1)
    if (size !== feed.data.length)
      problems.push(
        `'${spec.name}' has ${feed.data.length} values for dims [${feed.dims.join(',')}]`
      )
    const bad = checkDims(spec, feed.dims)
    if (bad) problems.push(bad)
  }
  if (problems.length) {
    const expected = entry.inputs.map((s) => `${s.name} [${s.shape.join(',')}]`).join(', ')
    throw new Error(`Model '${entry.id}': ${problems.join('; ')}. It takes: ${expected}.`)
  }
}

/** One model, loaded and verified, ready to run. */
export class ModelSession {
  private constructor(
    readonly entry: ModelEntry,
    readonly device: Device,
    readonly runtime: RuntimeName,
    private session: OrtSession | null
  ) {}

  /** Verifies `bytes` against `entry` and creates the session. */
  static async create(
    entry: ModelEntry,
    bytes: Uint8Array,
    options: SessionOptions = {}
  ): Promise<ModelSession> {
    const runtime = options.runtime ?? 'default'
    const device = resolveDevice(options.device, runtime)
    await verifyModelBytes(entry, bytes)
    const session = await createSession(bytes, device, runtime)
    return new ModelSession(entry, device, runtime, session)
  }

  /** Runs on validated float32 inputs and returns every output as plain float32 data. */
  async run(feeds: Record<string, Float32Data>): Promise<Record<string, Float32Data>> {
    if (!this.session)
      throw new Error(`Model '${this.entry.id}' was disposed; create the analyzer again.`)
    validateInputs(this.entry, feeds)
    const tensors: Record<string, OrtTensor> = {}
    for (const [name, feed] of Object.entries(feeds))
      tensors[name] = await float32Tensor(feed.data, feed.dims, this.runtime, this.device)
    const outputs = await runSession(this.session, tensors, this.runtime)
    const result: Record<string, Float32Data> = {}
    for (const [name, tensor] of Object.entries(outputs)) {
      result[name] = {
        data: Float32Array.from(tensor.data as Float32Array),
        dims: [...tensor.dims],
      }
      tensor.dispose()
    }
    return result
  }

  /** Releases the session; later runs throw. */
  async dispose(): Promise<void> {
    const session = this.session
    this.session = null
    await session?.release()
  }
}
