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

/** How long a revoked session id is remembered: every access token of it has expired by then (+ clock skew). */
export const REVOKED_SESSION_MS = (API_LIMITS.accessTokenSeconds + 60) * 1000
