/**
 * @module lib/account/session — the signed-in account (or anonymous device account), kept in IndexedDB settings, with
 * change events for the UI. Signed out is the default: everything works locally without an account.
 */
import type { ApiUser, SessionResponse } from '@facecraft/shared/api'
import { getSetting, setSetting } from '../store/db.ts'

const KEY = 'session'
const listeners = new Set<(user: ApiUser | null) => void>()

/** The stored session, or null when signed out. */
export function loadSession(): Promise<SessionResponse | null> {
  return getSetting<SessionResponse>(KEY)
}

/** Stores (or with null, forgets) the session and tells listeners. */
export async function saveSession(session: SessionResponse | null): Promise<void> {
  await setSetting(KEY, session)
  for (const listener of listeners) listener(session?.user ?? null)
}

/** Calls `listener` with the user after every sign-in, refresh or sign-out; returns the unsubscribe function. */
export function onSessionChange(listener: (user: ApiUser | null) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
