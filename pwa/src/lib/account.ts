/** @module lib/account — sign in, register, anonymous device account, upgrade, sign out. */
import type { CredentialsBody, SessionResponse } from '@facecraft/shared/api'
import { api } from './api-client.ts'
import { loadSession, saveSession } from './session.ts'

export type SignInMode = 'login' | 'register'

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

/** Signs out every device of this account (a lost phone): all refresh tokens die; then signs out here. */
export async function signOutEverywhere(): Promise<void> {
  await api('/v1/auth/logout-all', { method: 'POST', auth: true })
  await saveSession(null)
}

/** Signs out on this device (the server revokes the refresh token); characters stay on the device. */
export async function signOut(): Promise<void> {
  const session = await loadSession()
  if (session) {
    // Best effort: signing out offline still forgets the session here.
    await api('/v1/auth/logout', {
      method: 'POST',
      body: { refreshToken: session.refreshToken },
    }).catch(() => undefined)
  }
  await saveSession(null)
}
