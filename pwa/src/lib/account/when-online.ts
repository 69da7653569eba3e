/** @module lib/account/when-online — wait for the network, for account actions that retry once it is back. */
import { ApiError } from './api-client.ts'

/** True for the error an API call throws when the device has no network (not a server answer). */
export const isOfflineError = (error: unknown): boolean =>
  error instanceof ApiError && error.code === 'offline'

/** Resolves at the next 'online' event. */
export function whenOnline(): Promise<void> {
  return new Promise((resolve) =>
    window.addEventListener('online', () => resolve(), { once: true })
  )
}
