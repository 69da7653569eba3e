/**
 * @module routes/auth — /v1/auth/*: register, login, anonymous device accounts, upgrade, refresh (rotating),
 * logout, logout-all; and GET /v1/me. Passwords: PBKDF2-SHA256 (lib/password.ts) of the NFC text, refused when
 * common (lib/password-policy.ts). Emails are claimed atomically (store/email-claim.ts) before any account record
 * is written. Nothing secret is returned except the caller's own new tokens, and nothing secret is logged.
 */
import { Hono, type Context } from 'hono'
import { API_LIMITS, type CredentialsBody, type RefreshBody } from '@facecraft/shared/api'
import type { AppEnv } from '../env.ts'
import { apiError } from '../errors.ts'
import { bearerAuth } from '../middleware/auth/index.ts'
import { jsonBody } from '../middleware/json-body/index.ts'
import {
  clientIp,
  durableObjectKey,
  enforceLimit,
  envInt,
  rateLimit,
  rateLimited,
} from '../middleware/rate-limit/index.ts'
import {
  hashPassword,
  MAX_PBKDF2_ITERATIONS,
  verifyPassword,
  type PasswordHash,
} from '../lib/password.ts'
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from '../lib/password-policy.ts'
import { parseBody, type BodySchema } from '../lib/validate.ts'
import { endAllSessions, endSession, logoutWithToken, rotateSession } from '../store/sessions.ts'
import {
  emailClaim,
  emailKey,
  getUser,
  newUserId,
  normaliseEmail,
  putUser,
  publicUser,
  type UserRecord,
} from '../store/users.ts'
import { methodNotAllowed } from './method-not-allowed.ts'
import { newSession, sessionResponse } from './session.ts'

const CREDENTIALS: BodySchema = {
  email: {
    type: 'string',
    maxLength: API_LIMITS.maxEmailLength,
    // Bytes too: multi-byte characters must not make keys (or the old KV index's 512-byte keys) overflow.
    maxBytes: API_LIMITS.maxEmailLength,
    pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/u,
  },
  password: {
    type: 'string',
    minLength: API_LIMITS.minPasswordLength,
    maxLength: API_LIMITS.maxPasswordLength,
  },
}
const REFRESH: BodySchema = { refreshToken: { type: 'string', maxLength: 200 } }

const iterations = (c: Context<AppEnv>) =>
  Math.min(envInt(c.env.PBKDF2_ITERATIONS, MAX_PBKDF2_ITERATIONS), MAX_PBKDF2_ITERATIONS)

const registerLimit = rateLimit({
  scope: 'register',
  limit: (c) => envInt(c.env.REGISTER_LIMIT_PER_MINUTE, 20),
  keys: (c) => [clientIp(c)],
})
// Anonymous accounts cost storage (1 MiB each) with no email behind them: an hourly cap per IP as well.
const anonymousLimit = rateLimit({
  scope: 'anonymous',
  limit: (c) => envInt(c.env.ANONYMOUS_LIMIT_PER_HOUR, 60),
  keys: (c) => [clientIp(c)],
  windowSeconds: 3600,
})
// Per IP at 5x the per-account limit: slows spraying many accounts from one address.
const signinIpLimit = rateLimit({
  scope: 'signin-ip',
  limit: (c) => 5 * envInt(c.env.SIGNIN_LIMIT_PER_MINUTE, 10),
  keys: (c) => [clientIp(c)],
})
const refreshLimit = rateLimit({
  scope: 'refresh-ip',
  limit: (c) => envInt(c.env.REFRESH_LIMIT_PER_MINUTE, 120),
  keys: (c) => [clientIp(c)],
})

/** The per-account sign-in limit's key: the email's hash, so it holds across every IP. */
const accountKey = async (email: string) => `signin-account:${await emailKey(email)}`

/** 400 with a clear message when the password is a common breached one. */
function refuseCommonPassword(password: string): void {
  if (isCommonPassword(password)) {
    throw apiError(400, 'invalid-body', COMMON_PASSWORD_MESSAGE, {
      issues: [{ path: 'password', message: COMMON_PASSWORD_MESSAGE }],
    })
  }
}

/** True when `password` (or, for hashes made before NFC, its raw form) matches; a damaged hash is false. */
async function passwordMatches(
  stored: PasswordHash,
  password: string,
  raw: unknown
): Promise<boolean> {
  try {
    if (await verifyPassword(password, stored)) return true
    return typeof raw === 'string' && raw !== password && (await verifyPassword(raw, stored))
  } catch (err) {
    console.error('stored password hash unreadable', (err as Error).message)
    return false
  }
}

export const authRoutes = new Hono<AppEnv>()

authRoutes.post('/register', registerLimit, jsonBody(), async (c) => {
  const body = parseBody<CredentialsBody>(c.get('body'), CREDENTIALS)
  refuseCommonPassword(body.password)
  const email = normaliseEmail(body.email)
  const user: UserRecord = {
    id: newUserId(),
    email,
    password: null,
    createdAt: new Date().toISOString(),
  }
  const claim = await emailClaim(c.env, email)
  // The email is ours (atomically) before any record is written: a racing sign-up gets 409.
  if ((await claim.claim(email, user.id)).status === 'taken') {
    throw apiError(409, 'email-taken', 'An account with this email exists; sign in instead.')
  }
  try {
    user.password = await hashPassword(body.password, iterations(c))
    await putUser(c.env.DATA, user)
    await claim.confirm(user.id)
  } catch (err) {
    // Free the email at once rather than after the pending claim's timeout: the person will try again.
    await claim.release(user.id).catch(() => undefined)
    throw err
  }
  return c.json(await newSession(c.env, user), 201)
})

authRoutes.post('/login', signinIpLimit, jsonBody(), async (c) => {
  const raw = (c.get('body') as { password?: unknown } | null)?.password
  const body = parseBody<CredentialsBody>(c.get('body'), CREDENTIALS)
  const email = normaliseEmail(body.email)
  // Per account across all IPs; refused attempts count too (a 429 costs a slot, like a guess).
  const key = await accountKey(email)
  await enforceLimit(c, key, envInt(c.env.SIGNIN_LIMIT_PER_MINUTE, 10))
  const id = await (await emailClaim(c.env, email)).owner(email)
  const user = id ? await getUser(c.env.DATA, id) : null
  if (!user?.password || user.email !== email) {
    // Spend the same time as a real check, so response time does not reveal which emails have accounts.
    await hashPassword(body.password, iterations(c))
    throw apiError(401, 'invalid-credentials', 'Wrong email or password.')
  }
  if (!(await passwordMatches(user.password, body.password, raw))) {
    throw apiError(401, 'invalid-credentials', 'Wrong email or password.')
  }
  // The account's owner is in: their own earlier typos must not lock them out next time.
  c.executionCtx.waitUntil(durableObjectKey(c, key).reset())
  return c.json(await newSession(c.env, user), 200)
})

authRoutes.post(
  '/anonymous',
  registerLimit,
  anonymousLimit,
  jsonBody({ allowEmpty: true }),
  async (c) => {
    parseBody(c.get('body'), {})
    const user = {
      id: newUserId(),
      email: null,
      password: null,
      createdAt: new Date().toISOString(),
    }
    await putUser(c.env.DATA, user)
    return c.json(await newSession(c.env, user), 201)
  }
)

authRoutes.post('/upgrade', registerLimit, bearerAuth(), jsonBody(), async (c) => {
  const body = parseBody<CredentialsBody>(c.get('body'), CREDENTIALS)
  refuseCommonPassword(body.password)
  const { userId, sessionId } = c.get('auth')
  const user = await getUser(c.env.DATA, userId)
  if (!user) throw apiError(401, 'unauthorized', 'This account no longer exists; sign in again.')
  const already = () =>
    apiError(409, 'already-upgraded', 'This account already has an email; sign in with it.')
  if (user.email) throw already()
  const index = c.env.USER_INDEX.get(c.env.USER_INDEX.idFromName(userId))
  // One upgrade of an account at a time (two at once could claim two emails for one account).
  const begun = await index.beginUpgrade()
  if (begun === 'upgraded') throw already()
  if (begun === 'busy') {
    throw apiError(
      409,
      'already-upgraded',
      'This account is being given an email by another request; wait a minute, then sign in with it.'
    )
  }
  const email = normaliseEmail(body.email)
  const claim = await emailClaim(c.env, email)
  let done = false
  try {
    if ((await claim.claim(email, userId)).status === 'taken') {
      throw apiError(409, 'email-taken', 'An account with this email exists; use another email.')
    }
    const upgraded = { ...user, email, password: await hashPassword(body.password, iterations(c)) }
    await putUser(c.env.DATA, upgraded)
    await claim.confirm(userId)
    done = true
    // The device's anonymous session ends; the new session is the account's first real one.
    await endSession(c.env, sessionId, userId)
    return c.json(await newSession(c.env, upgraded), 200)
  } finally {
    // Best effort: a failure here must not turn a finished upgrade into an error (the marker times out anyway).
    if (!done) await claim.release(userId).catch(() => undefined)
    await index.finishUpgrade(done).catch((err: unknown) => {
      console.error('upgrade marker not cleared', (err as Error).name)
    })
  }
})

authRoutes.post('/refresh', refreshLimit, jsonBody(), async (c) => {
  const { refreshToken } = parseBody<RefreshBody>(c.get('body'), REFRESH)
  const rotated = await rotateSession(c.env, refreshToken)
  if (rotated.status === 'rate-limited') throw rateLimited(60)
  const user = rotated.status === 'ok' ? await getUser(c.env.DATA, rotated.userId) : null
  if (rotated.status !== 'ok' || !user) {
    throw apiError(
      401,
      'unauthorized',
      'This refresh token is invalid, used or revoked; sign in again.'
    )
  }
  return c.json(await sessionResponse(c.env, user, rotated.sessionId, rotated.refreshToken), 200)
})

authRoutes.post('/logout', jsonBody(), async (c) => {
  const { refreshToken } = parseBody<RefreshBody>(c.get('body'), REFRESH)
  // Only a real token of the session ends it; anything else is already signed out.
  await logoutWithToken(c.env, refreshToken)
  return c.body(null, 204)
})

authRoutes.post('/logout-all', bearerAuth(), async (c) => {
  await endAllSessions(c.env, c.get('auth').userId)
  return c.body(null, 204)
})

for (const path of [
  '/register',
  '/login',
  '/anonymous',
  '/upgrade',
  '/refresh',
  '/logout',
  '/logout-all',
]) {
  authRoutes.all(path, methodNotAllowed('POST'))
}

export const meRoutes = new Hono<AppEnv>()

meRoutes.get('/', bearerAuth(), async (c) => {
  const user = await getUser(c.env.DATA, c.get('auth').userId)
  if (!user) throw apiError(401, 'unauthorized', 'This account no longer exists; sign in again.')
  return c.json({ user: publicUser(user) })
})
meRoutes.all('/', methodNotAllowed('GET'))
