/**
 * @module store/sessions — refresh sessions in KV. A refresh token is `<sessionId>.<secret>`; KV keeps
 * `session:<sid>` = { userId, secretHash (SHA-256), ... } with a TTL, and `usess:<userId>:<sid>` so sign-out
 * everywhere can find all of a user's sessions. Refreshing replaces the secret (rotation): the old token dies,
 * and presenting a dead secret of a live session revokes that session (token theft detection).
 * Ending sessions also tells the user's UserIndex Durable Object, which is what access-token checks ask
 * (strongly consistent: a revoked access token is refused at once everywhere, not after KV's cache expires).
 */
import { API_LIMITS } from '@facecraft/shared/api'
import type { Env } from '../env.ts'
import { randomToken, sha256Hex } from '../lib/encoding.ts'

/** The bindings ending a session needs. */
export type SessionEnv = Pick<Env, 'DATA' | 'USER_INDEX'>

const userIndex = (env: SessionEnv, userId: string) =>
  env.USER_INDEX.get(env.USER_INDEX.idFromName(userId))

export interface SessionRecord {
  userId: string
  secretHash: string
  createdAt: string
}

const ttl = API_LIMITS.refreshTokenSeconds

/** Starts a session; returns its id and the refresh token to hand to the client. */
export async function createSession(
  kv: KVNamespace,
  userId: string
): Promise<{ sessionId: string; refreshToken: string }> {
  const sessionId = randomToken(12)
  const secret = randomToken(32)
  const record: SessionRecord = {
    userId,
    secretHash: await sha256Hex(secret),
    createdAt: new Date().toISOString(),
  }
  await Promise.all([
    kv.put(`session:${sessionId}`, JSON.stringify(record), { expirationTtl: ttl }),
    kv.put(`usess:${userId}:${sessionId}`, '', { expirationTtl: ttl }),
  ])
  return { sessionId, refreshToken: `${sessionId}.${secret}` }
}

export async function getSession(
  kv: KVNamespace,
  sessionId: string
): Promise<SessionRecord | null> {
  return kv.get<SessionRecord>(`session:${sessionId}`, 'json')
}

/** Splits a refresh token; null when malformed. */
export function parseRefreshToken(token: string): { sessionId: string; secret: string } | null {
  const m = /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(token)
  return m ? { sessionId: m[1]!, secret: m[2]! } : null
}

/**
 * Rotates the secret of the session named by `refreshToken`. Returns the session and the new token, or null
 * when the token is unknown, revoked or already used (a reused token also revokes the session).
 */
export async function rotateSession(
  env: SessionEnv,
  refreshToken: string
): Promise<{ sessionId: string; userId: string; refreshToken: string } | null> {
  const kv = env.DATA
  const parsed = parseRefreshToken(refreshToken)
  if (!parsed) return null
  const session = await getSession(kv, parsed.sessionId)
  if (!session) return null
  if ((await sha256Hex(parsed.secret)) !== session.secretHash) {
    await endSession(env, parsed.sessionId, session.userId)
    return null
  }
  // KV may still hold a session that was signed out moments ago elsewhere; the Durable Object knows for sure.
  const createdAt = Math.floor(Date.parse(session.createdAt) / 1000)
  const live = await userIndex(env, session.userId).checkSession({
    sid: parsed.sessionId,
    iat: createdAt,
  })
  if (!live) {
    await deleteSessionKeys(kv, parsed.sessionId, session.userId)
    return null
  }
  const secret = randomToken(32)
  const next: SessionRecord = { ...session, secretHash: await sha256Hex(secret) }
  await kv.put(`session:${parsed.sessionId}`, JSON.stringify(next), { expirationTtl: ttl })
  return {
    sessionId: parsed.sessionId,
    userId: session.userId,
    refreshToken: `${parsed.sessionId}.${secret}`,
  }
}

function deleteSessionKeys(kv: KVNamespace, sessionId: string, userId: string) {
  return Promise.all([kv.delete(`session:${sessionId}`), kv.delete(`usess:${userId}:${sessionId}`)])
}

/** Ends one session: its access tokens die at once (Durable Object), its refresh token with the KV record. */
export async function endSession(
  env: SessionEnv,
  sessionId: string,
  userId: string
): Promise<void> {
  await userIndex(env, userId).revokeSession(sessionId)
  await deleteSessionKeys(env.DATA, sessionId, userId)
}

/** Revokes every session of a user (sign-out everywhere). */
export async function endAllSessions(env: SessionEnv, userId: string): Promise<void> {
  // First the cutoff: every access token issued so far, and every session created so far (refresh checks it),
  // dies at once, even sessions KV list has not seen yet. Then the refresh tokens' KV records.
  await userIndex(env, userId).revokeAll()
  const kv = env.DATA
  let cursor: string | undefined
  do {
    const page = await kv.list({ prefix: `usess:${userId}:`, cursor })
    await Promise.all(
      page.keys.map((k) => deleteSessionKeys(kv, k.name.slice(k.name.lastIndexOf(':') + 1), userId))
    )
    cursor = page.list_complete ? undefined : page.cursor
  } while (cursor)
}
