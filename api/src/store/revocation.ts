/**
 * @module store/revocation — the vocabulary of access-token revocation shared by the UserIndex Durable Object
 * (which decides) and the routes (which turn its answer into 401). No workerd imports, so Node tests load it.
 */
import { API_LIMITS } from '@facecraft/shared/api'

/** The access token a call is made with: its session and when it was issued (seconds since the epoch). */
export interface SessionRef {
  sid: string
  iat: number
}

/** The answer to any call made with a revoked access token; the route turns it into 401. */
export const REVOKED = 'revoked'
export type Revoked = typeof REVOKED

/**
 * How long a revoked session id is remembered: as long as its refresh token could still be presented (+ clock
 * skew). Refresh asks the Durable Object too, so a stale KV copy of a signed-out session (KV takes up to ~60 s to
 * forget a deleted key elsewhere) can never be refreshed back to life. A row is a few dozen bytes.
 */
export const REVOKED_SESSION_MS = (API_LIMITS.refreshTokenSeconds + 60) * 1000
