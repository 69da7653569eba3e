/**
 * @module middleware/auth — verifies `Authorization: Bearer <accessToken>` on every request it guards: the HMAC
 * signature, the expiry, and that the session is still alive in KV (so logout / logout-all revoke at once).
 * Any failure is 401 'unauthorized'; on success `c.get('auth')` holds the user and session ids.
 */
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../env.ts'
import { apiError } from '../../errors.ts'
import { verifyAccessToken } from '../../lib/tokens.ts'
import { getSession } from '../../store/sessions.ts'

export interface BearerAuthOptions {
  /** The realm named in WWW-Authenticate. */
  realm?: string
}

/** Requires a valid, unrevoked access token; see the module header. */
export function bearerAuth({ realm = 'facecraft' }: BearerAuthOptions = {}) {
  if (!/^[\w.-]+$/.test(realm))
    throw new Error(`bearerAuth: realm must be a plain token, got '${realm}'`)
  const deny = (message: string) =>
    apiError(401, 'unauthorized', message, {
      headers: { 'WWW-Authenticate': `Bearer realm="${realm}"` },
    })
  return createMiddleware<AppEnv>(async function bearerAuthMiddleware(c, next) {
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer ([\w.-]+)$/.exec(header)
    if (!match) throw deny('Sign in: send Authorization: Bearer <accessToken>.')
    const claims = await verifyAccessToken(match[1]!, c.env.TOKEN_SECRET)
    if (!claims) throw deny('The access token is invalid or expired; refresh it or sign in again.')
    const session = await getSession(c.env.DATA, claims.sid)
    if (!session || session.userId !== claims.sub) {
      throw deny('This session was signed out; sign in again.')
    }
    c.set('auth', { userId: claims.sub, sessionId: claims.sid })
    await next()
  })
}
