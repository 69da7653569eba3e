/**
 * @module features/photo/backend — which ONNX Runtime backend the face models run on: WebGPU when this browser
 * gives a WebGPU adapter, else WASM; the player may force either in settings (persisted). WebGPU's runtime (27 MB)
 * is downloaded from the Worker's /ort/ route only when WebGPU is chosen; a WASM-only device never fetches it.
 * The inference Worker applies the choice (worker/runtime.ts) and falls back to WASM if WebGPU fails to start,
 * recording why ({@link recordBackendUsed}), so settings show what really ran.
 */
import { getSetting, setSetting } from '../../lib/store/db.ts'

/** The player's setting: 'auto' = WebGPU when an adapter exists, else WASM. */
export type BackendPreference = 'auto' | 'webgpu' | 'wasm'
/** What the models run on. */
export type Backend = 'webgpu' | 'wasm'

export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'webgpu', 'wasm']

const PREFERENCE_KEY = 'inference.backend'
const USED_KEY = 'inference.backendUsed'

/** What this browser offers: an adapter name, or why there is none. */
export interface WebGpuProbe {
  /** e.g. 'google swiftshader'; null when there is no adapter. */
  adapter: string | null
  /** Why WebGPU cannot be used here (null when it can). */
  reason: string | null
}

/** The backend to use and, when WebGPU was wanted but not chosen, why. */
export interface BackendChoice {
  preference: BackendPreference
  backend: Backend
  /** WebGPU's adapter when the choice is WebGPU. */
  adapter: string | null
  /** Set when the preference asked for WebGPU (or auto) and WASM is used instead. */
  reason: string | null
}

/** What the inference Worker last ran on (it may have fallen back to WASM). */
export interface BackendUsed {
  backend: Backend
  adapter: string | null
  /** Why WebGPU was chosen but WASM ran (e.g. the WebGPU runtime could not be downloaded offline). */
  fallback: string | null
  at: number
}

/** Decides the backend from the preference and what the browser offers (pure). */
export function chooseBackend(preference: BackendPreference, probe: WebGpuProbe): BackendChoice {
  if (preference === 'wasm') return { preference, backend: 'wasm', adapter: null, reason: null }
  if (probe.adapter) return { preference, backend: 'webgpu', adapter: probe.adapter, reason: null }
  return { preference, backend: 'wasm', adapter: null, reason: probe.reason }
}

/** A short name of an adapter from its info: vendor and architecture, else the description. */
export function adapterName(info: {
  vendor?: string
  architecture?: string
  description?: string
}): string {
  return (
    [info.vendor, info.architecture].filter(Boolean).join(' ') || info.description || 'unknown GPU'
  )
}

/** The parts of navigator.gpu this module uses (WebGPU's types are not in TypeScript's DOM lib). */
interface GpuLike {
  requestAdapter(): Promise<{
    info?: { vendor?: string; architecture?: string; description?: string }
  } | null>
}

/** Asks the browser for a WebGPU adapter (the window or a Worker; both have navigator.gpu where supported). */
export async function probeWebGpu(
  gpu: GpuLike | undefined = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu
): Promise<WebGpuProbe> {
  if (!gpu) return { adapter: null, reason: 'this browser has no WebGPU' }
  try {
    const adapter = await gpu.requestAdapter()
    if (!adapter) return { adapter: null, reason: 'this browser offers no WebGPU adapter here' }
    return { adapter: adapterName(adapter.info ?? {}), reason: null }
  } catch (error) {
    return { adapter: null, reason: `WebGPU failed: ${(error as Error).message}` }
  }
}

/** The stored preference ('auto' when unset or unreadable). */
export async function backendPreference(): Promise<BackendPreference> {
  const stored = await getSetting<string>(PREFERENCE_KEY).catch(() => null)
  return BACKEND_PREFERENCES.includes(stored as BackendPreference)
    ? (stored as BackendPreference)
    : 'auto'
}

/** Stores the preference; the next model load uses it. */
export function setBackendPreference(preference: BackendPreference): Promise<void> {
  return setSetting(PREFERENCE_KEY, preference === 'auto' ? null : preference)
}

/** The backend for the next model load: the stored preference applied to this browser. */
export async function currentBackend(): Promise<BackendChoice> {
  return chooseBackend(await backendPreference(), await probeWebGpu())
}

/** Records what the Worker ran on (shown in settings). */
export function recordBackendUsed(used: Omit<BackendUsed, 'at'>): Promise<void> {
  return setSetting(USED_KEY, { ...used, at: Date.now() }).catch(() => undefined)
}

/** What the Worker last ran on, or null before any model load. */
export function backendUsed(): Promise<BackendUsed | null> {
  return getSetting<BackendUsed>(USED_KEY).catch(() => null)
}

/** 'WebGPU (google swiftshader)' / 'WASM' */
export function backendLabel(backend: Backend, adapter: string | null): string {
  return backend === 'webgpu' ? `WebGPU${adapter ? ` (${adapter})` : ''}` : 'WASM (CPU)'
}
