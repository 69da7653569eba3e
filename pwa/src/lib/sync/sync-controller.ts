/**
 * @module lib/sync/sync-controller — when to sync: at start, when the network returns, when the tab comes back, and
 * shortly after each local change. One sync at a time; a request during a sync runs once more afterwards.
 */
import { ApiError } from '../account/api-client.ts'
import { onGalleryChange } from '../store/gallery.ts'
import { loadSession, onSessionChange } from '../account/session.ts'
import { listConflicts, syncNow } from './sync.ts'

export type SyncState = 'signed-out' | 'idle' | 'syncing' | 'offline' | 'error'

export interface SyncStatus {
  state: SyncState
  /** Player-facing detail for 'error' and 'offline'. */
  message: string | null
  conflicts: number
  lastSyncedAt: string | null
}

/** Wait after a local edit before syncing, so a burst of saves is one upload (ms). */
const EDIT_DEBOUNCE_MS = 1500

let status: SyncStatus = { state: 'signed-out', message: null, conflicts: 0, lastSyncedAt: null }
const listeners = new Set<(s: SyncStatus) => void>()
let running: Promise<void> | null = null
let again = false
let debounce: ReturnType<typeof setTimeout> | undefined
let started = false
/** Gallery writes made by sync itself must not schedule another sync. */
let syncing = false

/** The current status. */
export const getSyncStatus = (): SyncStatus => status

/** Calls `listener` on every status change; returns the unsubscribe function. */
export function onSyncStatus(listener: (s: SyncStatus) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function setStatus(next: Partial<SyncStatus>): void {
  status = { ...status, ...next }
  for (const listener of listeners) listener(status)
}

/** Resolves once no sync is running (at once when none is): e.g. before sign-out removes records. */
export async function syncSettled(): Promise<void> {
  while (running) await running
}

/** Syncs now (or right after the sync in progress); resolves when done. Never throws. */
export function requestSync(): Promise<void> {
  if (running) {
    again = true
    return running
  }
  running = (async () => {
    do {
      again = false
      await runOnce()
    } while (again)
  })().finally(() => (running = null))
  return running
}

async function runOnce(): Promise<void> {
  if (!(await loadSession())) return setStatus({ state: 'signed-out', message: null, conflicts: 0 })
  if (!navigator.onLine) return setStatus({ state: 'offline', message: offlineMessage() })
  setStatus({ state: 'syncing', message: null })
  syncing = true
  try {
    const report = await syncNow()
    setStatus({
      state: 'idle',
      conflicts: report.conflicts,
      lastSyncedAt: new Date().toISOString(),
    })
  } catch (error) {
    const offline = error instanceof ApiError && error.code === 'offline'
    setStatus({
      state: offline ? 'offline' : 'error',
      message: offline ? offlineMessage() : (error as Error).message,
      conflicts: (await listConflicts()).length,
    })
  } finally {
    syncing = false
  }
}

const offlineMessage = () =>
  "Offline: changes are saved on this device and sync when you're back online."

/** Wires the triggers once per page. */
export function startSync(): void {
  if (started) return
  started = true
  window.addEventListener('online', () => void requestSync())
  window.addEventListener('offline', () =>
    setStatus({ state: 'offline', message: offlineMessage() })
  )
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void requestSync()
  })
  onSessionChange(() => void requestSync())
  onGalleryChange(() => {
    if (syncing) return
    clearTimeout(debounce)
    debounce = setTimeout(() => void requestSync(), EDIT_DEBOUNCE_MS)
  })
  void requestSync()
}
