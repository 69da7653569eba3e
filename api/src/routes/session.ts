/** @module routes/session — builds the SessionResponse every sign-in route returns. */
import { API_LIMITS, type SessionResponse } from '@facecraft/shared/api'
import { signAccessToken } from '../lib/tokens.ts'
import { createSession } from '../store/sessions.ts'
import { publicUser, type UserRecord } from '../store/users.ts'
import type { Env } from '../env.ts'

/** Signs an access token for an existing session. */
export async function sessionResponse(
  env: Env,
  user: UserRecord,
  sessionId: string,
  refreshToken: string
): Promise<SessionResponse> {
  const iat = Math.floor(Date.now() / 1000)
  const exp = iat + API_LIMITS.accessTokenSeconds
  const accessToken = await signAccessToken(
    { sub: user.id, sid: sessionId, iat, exp },
    env.TOKEN_SECRET
  )
  return {
    user: publicUser(user),
    accessToken,
    refreshToken,
    expiresIn: API_LIMITS.accessTokenSeconds,
  }
}

/** Starts a new session for `user` (an anonymous account's session also keeps its idle-expiry alarm set). */
export async function newSession(env: Env, user: UserRecord): Promise<SessionResponse> {
  const { sessionId, refreshToken } = await createSession(env, user.id, user.email === null)
  return sessionResponse(env, user, sessionId, refreshToken)
}
