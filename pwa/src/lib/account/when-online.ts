/** @module lib/account/when-online — wait for the network, for account actions that retry once it is back. */
import { ApiError } from './api-client.ts'

/** True for the error an API call throws when the device has no network (not a server answer). */
export const isOfflineError = (error: unknown): boolean =>
  error instanceof ApiError && error.code === 'offline'

/** How long to wait before trying again when the browser already says it is online (ms). */
export const ONLINE_RETRY_MS = 3000

/** Where whenOnline listens (the page by default; tests pass their own). */
export interface NetworkSignals {
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
  online: () => boolean
}

/**
 * Resolves when it is worth trying again: at the next 'online' event or, when the browser already says it is
 * online, after ONLINE_RETRY_MS. Why both: a call can fail as offline while the browser is online (the network came
 * back before the failure was reported, or a blip the browser never saw). Then no 'online' event comes, and an
 * account action that waited for one waited for ever, showing "You're offline" on a working connection.
 */
export function whenOnline(
  signals: NetworkSignals = { events: window, online: () => navigator.onLine },
  retryMs = ONLINE_RETRY_MS
): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      signals.events.removeEventListener('online', done)
      clearTimeout(timer)
      resolve()
    }
    signals.events.addEventListener('online', done)
    const timer = signals.online() ? setTimeout(done, retryMs) : undefined
  })
}
