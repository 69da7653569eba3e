/**
 * @module routes/auth — /v1/auth/*: register, login, anonymous device accounts, upgrade, refresh (rotating),
 * logout, logout-all; and GET /v1/me. Passwords: PBKDF2-SHA256 (lib/password.ts). Nothing secret is returned
 * except the caller's own new tokens, and nothing secret is logged.
 */
import { Hono, type Context } from 'hono'
import { API_LIMITS, type CredentialsBody, type RefreshBody } from '@facecraft/shared/api'
import type { AppEnv } from '../env.ts'
import { apiError } from '../errors.ts'
import { bearerAuth } from '../middleware/auth/index.ts'
import { jsonBody } from '../middleware/json-body/index.ts'
import { clientIp, envInt, rateLimit } from '../middleware/rate-limit/index.ts'
import { hashPassword, MAX_PBKDF2_ITERATIONS, verifyPassword } from '../lib/password.ts'
import { parseBody, type BodySchema } from '../lib/validate.ts'
import {
  endAllSessions,
  endSession,
  getSession,
  parseRefreshToken,
  rotateSession,
} from '../store/sessions.ts'
import {
  findUserIdByEmail,
  getUser,
  newUserId,
  normaliseEmail,
  putUser,
  publicUser,
} from '../store/users.ts'
import { sha256Hex } from '../lib/encoding.ts'
import { methodNotAllowed } from './method-not-allowed.ts'
import { newSession, sessionResponse } from './session.ts'

const CREDENTIALS: BodySchema = {
  email: {
    type: 'string',
    maxLength: API_LIMITS.maxEmailLength,
    pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
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
// Counted per IP + email (slows guessing one account) and per IP at 5x (slows spraying many accounts).
const signinLimit = rateLimit({
  scope: 'signin',
  limit: (c) => envInt(c.env.SIGNIN_LIMIT_PER_MINUTE, 10),
  keys: (c) => {
    const email = (c.get('body') as { email?: unknown }).email
    return [`${clientIp(c)}:${typeof email === 'string' ? normaliseEmail(email) : ''}`]
  },
})
const signinIpLimit = rateLimit({
  scope: 'signin-ip',
  limit: (c) => 5 * envInt(c.env.SIGNIN_LIMIT_PER_MINUTE, 10),
  keys: (c) => [clientIp(c)],
})

export const authRoutes = new Hono<AppEnv>()

authRoutes.post('/register', registerLimit, jsonBody(), async (c) => {
  const body = parseBody<CredentialsBody>(c.get('body'), CREDENTIALS)
  const email = normaliseEmail(body.email)
  if (await findUserIdByEmail(c.env.DATA, email)) {
    throw apiError(409, 'email-taken', 'An account with this email exists; sign in instead.')
  }
  const user = {
    id: newUserId(),
    email,
    password: await hashPassword(body.password, iterations(c)),
    createdAt: new Date().toISOString(),
  }
  await putUser(c.env.DATA, user)
  return c.json(await newSession(c.env, user), 201)
})

authRoutes.post('/login', signinIpLimit, jsonBody(), signinLimit, async (c) => {
  const body = parseBody<CredentialsBody>(c.get('body'), CREDENTIALS)
  const id = await findUserIdByEmail(c.env.DATA, normaliseEmail(body.email))
  const user = id ? await getUser(c.env.DATA, id) : null
  if (!user?.password) {
    // Spend the same time as a real check, so response time does not reveal which emails have accounts.
    await hashPassword(body.password, iterations(c))
    throw apiError(401, 'invalid-credentials', 'Wrong email or password.')
  }
  if (!(await verifyPassword(body.password, user.password))) {
    throw apiError(401, 'invalid-credentials', 'Wrong email or password.')
  }
  return c.json(await newSession(c.env, user), 200)
})

authRoutes.post('/anonymous', registerLimit, jsonBody({ allowEmpty: true }), async (c) => {
  parseBody(c.get('body'), {})
  const user = { id: newUserId(), email: null, password: null, createdAt: new Date().toISOString() }
  await putUser(c.env.DATA, user)
  return c.json(await newSession(c.env, user), 201)
})

authRoutes.post('/upgrade', bearerAuth(), jsonBody(), async (c) => {
  const body = parseBody<CredentialsBody>(c.get('body'), CREDENTIALS)
  const { userId, sessionId } = c.get('auth')
  const user = await getUser(c.env.DATA, userId)
  if (!user) throw apiError(401, 'unauthorized', 'This account no longer exists; sign in again.')
  if (user.email)
    throw apiError(409, 'already-upgraded', 'This account already has an email; sign in with it.')
  const email = normaliseEmail(body.email)
  if (await findUserIdByEmail(c.env.DATA, email)) {
    throw apiError(409, 'email-taken', 'An account with this email exists; use another email.')
  }
  const upgraded = { ...user, email, password: await hashPassword(body.password, iterations(c)) }
  await putUser(c.env.DATA, upgraded)
  // The device's anonymous session ends; the new session is the account's first real one.
  await endSession(c.env, sessionId, userId)
  return c.json(await newSession(c.env, upgraded), 200)
})

authRoutes.post('/refresh', jsonBody(), async (c) => {
  const { refreshToken } = parseBody<RefreshBody>(c.get('body'), REFRESH)
  const rotated = await rotateSession(c.env, refreshToken)
  const user = rotated && (await getUser(c.env.DATA, rotated.userId))
  if (!rotated || !user) {
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
  const parsed = parseRefreshToken(refreshToken)
  const session = parsed && (await getSession(c.env.DATA, parsed.sessionId))
  // Only the holder of the current secret may end the session; anything else is already signed out.
  if (parsed && session && (await sha256Hex(parsed.secret)) === session.secretHash) {
    await endSession(c.env, parsed.sessionId, session.userId)
  }
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
