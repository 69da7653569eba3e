/**
 * @module components/backend-settings — settings: what the face models run on (WebGPU or WASM), why, and a switch
 * (Automatic / WebGPU / WASM) kept on this device. The choice applies from the next model load.
 */
import { useEffect, useState } from 'preact/hooks'
import {
  backendLabel,
  backendPreference,
  backendUsed,
  chooseBackend,
  probeWebGpu,
  setBackendPreference,
  type BackendChoice,
  type BackendPreference,
  type BackendUsed,
  type WebGpuProbe,
} from '../../features/photo/backend.ts'
import styles from './style.module.css'

const LABELS: Record<BackendPreference, string> = {
  auto: 'Automatic',
  webgpu: 'WebGPU',
  wasm: 'WASM',
}

export function BackendSettings() {
  const [probe, setProbe] = useState<WebGpuProbe | null>(null)
  const [preference, setPreference] = useState<BackendPreference | null>(null)
  const [used, setUsed] = useState<BackendUsed | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void probeWebGpu().then(setProbe)
    void backendPreference().then(setPreference)
    void backendUsed().then(setUsed)
  }, [])

  const choose = async (next: BackendPreference) => {
    setError(null)
    try {
      await setBackendPreference(next)
      setPreference(next)
    } catch (e) {
      setError((e as Error).message)
    }
  }

  const choice: BackendChoice | null = probe && preference ? chooseBackend(preference, probe) : null
  return (
    <div class={styles.backend}>
      <h2 id='backend-heading'>Face models run on</h2>
      <p class={styles.muted} data-testid='backend-status'>
        {choice ? statusLine(choice) : 'Checking this browser…'}
      </p>
      {used && (
        <p class={styles.muted} data-testid='backend-used'>
          {used.fallback
            ? `Last time WASM ran instead: ${used.fallback}.`
            : `Last run on ${backendLabel(used.backend, used.adapter)}.`}
        </p>
      )}
      <div class={styles.options} role='radiogroup' aria-labelledby='backend-heading'>
        {(['auto', 'webgpu', 'wasm'] as const).map((p) => (
          <button
            key={p}
            role='radio'
            aria-checked={preference === p}
            disabled={preference === null}
            onClick={() => void choose(p)}
          >
            {LABELS[p]}
          </button>
        ))}
      </div>
      {error && <p class={styles.error}>{error}</p>}
    </div>
  )
}

function statusLine(choice: BackendChoice): string {
  const now = backendLabel(choice.backend, choice.adapter)
  if (choice.backend === 'webgpu') return `${now}: the GPU runs them.`
  if (choice.preference === 'wasm') return `${now}: you chose WASM.`
  return `${now}: ${choice.reason ?? 'WebGPU is not available'}.`
}
