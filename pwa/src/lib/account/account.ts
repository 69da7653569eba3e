/** @module lib/account/account — sign in, register, anonymous device account, upgrade, sign out. */
import type { CredentialsBody, SessionResponse } from '@facecraft/shared/api'
import { api } from './api-client.ts'
import { listAll, removeRecord } from '../store/gallery.ts'
import { recordsToRemove, signOutSummary, type SignOutSummary } from '../sync/ownership.ts'
import { loadSession, saveSession } from './session.ts'
import { dropConflict, forgetCursor } from '../sync/sync.ts'
import { syncSettled } from '../sync/sync-controller.ts'

export type SignInMode = 'login' | 'register'

/** What happens to the account's characters on this device at sign-out: the player's choice, asked every time. */
export type SignOutChoice = 'keep' | 'remove'

/** Signs in with email and password (or registers), and stores the session. */
export async function signIn(mode: SignInMode, credentials: CredentialsBody): Promise<void> {
  const status = mode === 'login' ? 'login' : 'register'
  await saveSession(
    await api<SessionResponse>(`/v1/auth/${status}`, { method: 'POST', body: credentials })
  )
}

/** Creates an anonymous device account: sync and sharing without an email; upgrade later to keep it. */
export async function startAnonymous(): Promise<void> {
  await saveSession(await api<SessionResponse>('/v1/auth/anonymous', { method: 'POST', body: {} }))
}

/** Adds an email and password to the anonymous account (same user id, characters stay). */
export async function upgradeAccount(credentials: CredentialsBody): Promise<void> {
  const session = await api<SessionResponse>('/v1/auth/upgrade', {
    method: 'POST',
    auth: true,
    body: credentials,
  })
  await saveSession(session)
}

/** The signed-in account's characters on this device, for the sign-out question; null when signed out. */
export async function currentSignOutSummary(): Promise<SignOutSummary | null> {
  const session = await loadSession()
  return session ? signOutSummary(await listAll(), session.user.id) : null
}

/** Signs out every device of this account (a lost phone): all refresh tokens die; then signs out here. */
export async function signOutEverywhere(choice: SignOutChoice): Promise<void> {
  const session = await loadSession()
  await api('/v1/auth/logout-all', { method: 'POST', auth: true })
  await saveSession(null)
  if (session) await leaveDevice(session.user.id, choice)
}

/**
 * Signs out on this device (the server revokes the refresh token). 'keep' leaves the account's characters here,
 * still its own (they sync again only when it signs back in, never into another account); 'remove' deletes them
 * from this device (the account's server copies stay).
 */
export async function signOut(choice: SignOutChoice): Promise<void> {
  const session = await loadSession()
  if (session) {
    // Best effort: signing out offline still forgets the session here.
    await api('/v1/auth/logout', {
      method: 'POST',
      body: { refreshToken: session.refreshToken },
    }).catch(() => undefined)
  }
  await saveSession(null)
  if (session) await leaveDevice(session.user.id, choice)
}

async function leaveDevice(userId: string, choice: SignOutChoice): Promise<void> {
  if (choice === 'keep') return
  // A sync that started before sign-out could still store a pulled record after the removal: let it end first
  // (the session is already gone, so it cannot start another request).
  await syncSettled()
  const ids = recordsToRemove(await listAll(), userId)
  for (const id of ids) {
    await dropConflict(id)
    await removeRecord(id)
  }
  // Its records left this device, so a later sign-in of this account must pull everything again.
  await forgetCursor(userId)
}
