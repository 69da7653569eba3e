/**
 * @module store/sessions — refresh sessions, held by the user's UserIndex Durable Object (store/user-index.ts,
 * lib/refresh-token.ts): created at sign-in, rotated by compare-and-swap on refresh, ended by logout, logout-all,
 * upgrade or a replayed token. Sessions of the first version lived in KV (`session:<sid>` = { userId, secretHash,
 * createdAt }, `usess:<userId>:<sid>`); such a token still refreshes once, which moves its session into the
 * Durable Object and deletes the KV keys.
 */
import type { Env } from '../env.ts'
import { sha256Hex } from '../lib/encoding.ts'
import { formatRefreshToken, parseRefreshToken } from '../lib/refresh-token.ts'
import type { RefreshResult } from './user-index.ts'
import { getUser } from './users.ts'

/** The bindings sessions need. */
export type SessionEnv = Pick<Env, 'DATA' | 'USER_INDEX'>

const userIndex = (env: SessionEnv, userId: string) =>
  env.USER_INDEX.get(env.USER_INDEX.idFromName(userId))

/** A first-version session record in KV. */
interface LegacySession {
  userId: string
  secretHash: string
  createdAt: string
}

/** What a refresh ended with; only 'ok' carries a new token. */
export type Rotation =
  | { status: 'ok'; sessionId: string; userId: string; refreshToken: string }
  | { status: 'invalid' | 'replayed' | 'rate-limited' }

/** Starts a session; returns its id and the refresh token to hand to the client. */
export async function createSession(
  env: SessionEnv,
  userId: string,
  anonymous: boolean
): Promise<{ sessionId: string; refreshToken: string }> {
  const made = await userIndex(env, userId).createSession(userId, anonymous)
  if (made.status !== 'ok') throw new Error('session not created')
  return {
    sessionId: made.sessionId,
    refreshToken: formatRefreshToken(userId, made.sessionId, made.generation, made.mac),
  }
}

/** A first-version KV session, checked; null when absent or damaged (logged). */
async function legacySession(kv: KVNamespace, sessionId: string): Promise<LegacySession | null> {
  const text = await kv.get(`session:${sessionId}`)
  if (text === null) return null
  try {
    const s = JSON.parse(text) as Partial<LegacySession> | null
    if (
      s &&
      typeof s.userId === 'string' &&
      /^[A-Za-z0-9_-]{22}$/.test(s.userId) &&
      typeof s.secretHash === 'string' &&
      typeof s.createdAt === 'string' &&
      Number.isFinite(Date.parse(s.createdAt))
    ) {
      return s as LegacySession
    }
  } catch {
    // fall through
  }
  console.error('legacy session record unreadable; treated as absent', sessionId.slice(0, 4))
  return null
}

function deleteLegacyKeys(kv: KVNamespace, sessionId: string, userId: string) {
  return Promise.all([kv.delete(`session:${sessionId}`), kv.delete(`usess:${userId}:${sessionId}`)])
}

function rotation(userId: string, result: RefreshResult): Rotation {
  if (result.status !== 'ok') return { status: result.status }
  return {
    status: 'ok',
    sessionId: result.sessionId,
    userId,
    refreshToken: formatRefreshToken(userId, result.sessionId, result.generation, result.mac),
  }
}

/**
 * Refreshes with `refreshToken`: the new token, or why not ('invalid': unknown, forged, expired or revoked;
 * 'replayed': a token of the session from before its last rotation, so the session was ended).
 */
export async function rotateSession(env: SessionEnv, refreshToken: string): Promise<Rotation> {
  const parsed = parseRefreshToken(refreshToken)
  if (!parsed) return { status: 'invalid' }
  if (parsed.kind === 'v2') {
    const { userId, sessionId, generation, mac } = parsed
    return rotation(
      userId,
      await userIndex(env, userId).refresh(userId, sessionId, generation, mac)
    )
  }
  const session = await legacySession(env.DATA, parsed.sessionId)
  // A wrong secret is a plain 401: it proves nothing about the session, so it must not end it.
  if (!session || (await sha256Hex(parsed.secret)) !== session.secretHash)
    return { status: 'invalid' }
  const user = await getUser(env.DATA, session.userId)
  const result = await userIndex(env, session.userId).adoptLegacySession(
    session.userId,
    parsed.sessionId,
    Date.parse(session.createdAt),
    user?.email === null
  )
  await deleteLegacyKeys(env.DATA, parsed.sessionId, session.userId)
  return rotation(session.userId, result)
}

/** Ends the session of `refreshToken` if it is one of that session's real tokens; otherwise does nothing. */
export async function logoutWithToken(env: SessionEnv, refreshToken: string): Promise<void> {
  const parsed = parseRefreshToken(refreshToken)
  if (!parsed) return
  if (parsed.kind === 'v2') {
    const { userId, sessionId, generation, mac } = parsed
    await userIndex(env, userId).logout(sessionId, generation, mac)
    return
  }
  const session = await legacySession(env.DATA, parsed.sessionId)
  if (session && (await sha256Hex(parsed.secret)) === session.secretHash) {
    await endSession(env, parsed.sessionId, session.userId)
  }
}

/** Ends one session: its access tokens and refresh token die at once (Durable Object). */
export async function endSession(
  env: SessionEnv,
  sessionId: string,
  userId: string
): Promise<void> {
  await userIndex(env, userId).revokeSession(sessionId)
  await deleteLegacyKeys(env.DATA, sessionId, userId)
}

/** Revokes every session of a user (sign-out everywhere), first-version KV sessions included. */
export async function endAllSessions(env: SessionEnv, userId: string): Promise<void> {
  // The cutoff ends every access token issued so far and every session (refresh checks it) at once.
  await userIndex(env, userId).revokeAll()
  const kv = env.DATA
  let cursor: string | undefined
  do {
    const page = await kv.list({ prefix: `usess:${userId}:`, cursor })
    await Promise.all(
      page.keys.map((k) => deleteLegacyKeys(kv, k.name.slice(k.name.lastIndexOf(':') + 1), userId))
    )
    cursor = page.list_complete ? undefined : page.cursor
  } while (cursor)
}
