/**
 * @module middleware/auth — verifies `Authorization: Bearer <accessToken>` on every request it guards: the HMAC
 * signature and the expiry here, in the isolate (no I/O), and that the session has not been revoked in the
 * user's UserIndex Durable Object, the strongly consistent place where logout, logout-all and refresh-token
 * theft revoke sessions. Routes whose one Durable Object call already carries the token (the character routes)
 * pass `revocation: 'in-route'`: the object answers 'revoked' inside that same call, so a request costs one
 * round trip, not two. Any failure is 401 'unauthorized'; on success `c.get('auth')` holds the user, session
 * and issue time.
 */
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../env.ts'
import { apiError, type ApiError } from '../../errors.ts'
import { verifyAccessToken } from '../../lib/tokens.ts'
import type { SessionRef } from '../../store/revocation.ts'

export interface BearerAuthOptions {
  /** The realm named in WWW-Authenticate. */
  realm?: string
  /**
   * 'here' (default): ask the user's Durable Object before the route runs. 'in-route': the route's own Durable
   * Object call checks it (every call of such a route must pass {@link sessionRef} and map 'revoked' with
   * {@link revokedError}); the route must make that call before any side effect.
   */
  revocation?: 'here' | 'in-route'
}

/** The access token's session, as the UserIndex Durable Object's methods take it. */
export function sessionRef(c: Context<AppEnv>): SessionRef {
  const { sessionId, issuedAt } = c.get('auth')
  return { sid: sessionId, iat: issuedAt }
}

const WWW_AUTHENTICATE = (realm: string) => ({ 'WWW-Authenticate': `Bearer realm="${realm}"` })

/** The 401 for a revoked session (for routes that check revocation in their own Durable Object call). */
export function revokedError(realm = 'facecraft'): ApiError {
  return apiError(401, 'unauthorized', 'This session was signed out; sign in again.', {
    headers: WWW_AUTHENTICATE(realm),
  })
}

/** Requires a valid, unrevoked access token; see the module header. */
export function bearerAuth({ realm = 'facecraft', revocation = 'here' }: BearerAuthOptions = {}) {
  if (!/^[\w.-]+$/.test(realm))
    throw new Error(`bearerAuth: realm must be a plain token, got '${realm}'`)
  const deny = (message: string) =>
    apiError(401, 'unauthorized', message, { headers: WWW_AUTHENTICATE(realm) })
  return createMiddleware<AppEnv>(async function bearerAuthMiddleware(c, next) {
    const header = c.req.header('authorization') ?? ''
    // The scheme is case-insensitive (RFC 9110 11.1).
    const match = /^Bearer +([\w.-]+)$/i.exec(header)
    if (!match) throw deny('Sign in: send Authorization: Bearer <accessToken>.')
    const claims = await verifyAccessToken(match[1]!, c.env.TOKEN_SECRET)
    if (!claims) throw deny('The access token is invalid or expired; refresh it or sign in again.')
    c.set('auth', { userId: claims.sub, sessionId: claims.sid, issuedAt: claims.iat })
    if (revocation === 'here') {
      const index = c.env.USER_INDEX.get(c.env.USER_INDEX.idFromName(claims.sub))
      if (!(await index.checkSession(sessionRef(c)))) throw revokedError(realm)
    }
    await next()
  })
}
