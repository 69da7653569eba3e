/**
 * @file bearer-auth in Node: rejections before any storage is touched, the revocation question put to the user's
 * Durable Object (a stand-in here; the real one is exercised by test/auth.test.ts in workerd), and construction
 * errors.
 */
import { describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import type { AppEnv, Env } from '../../env.ts'
import { onError } from '../../errors.ts'
import { signAccessToken } from '../../lib/tokens.ts'
import { bearerAuth } from './index.ts'

const SECRET = 's'.repeat(40)
const app = new Hono<AppEnv>()
app.get('/', bearerAuth(), (c) => c.json(c.get('auth')))
app.onError(onError)
// A DATA binding that fails loudly: none of these requests may reach storage.
const env = {
  TOKEN_SECRET: SECRET,
  DATA: new Proxy(
    {},
    {
      get: () => {
        throw new Error('touched KV')
      },
    }
  ),
} as unknown as Env

describe('bearerAuth', () => {
  it.each([
    ['no header', {}],
    ['wrong scheme', { authorization: 'Token abc' }],
    ['garbage', { authorization: 'Bearer not.a.token' }],
  ])('%s -> 401 unauthorized with WWW-Authenticate', async (_name, headers) => {
    const res = await app.request('/', { headers }, env)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="facecraft"')
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized')
  })

  it('rejects an expired token without a storage lookup', async () => {
    const now = Math.floor(Date.now() / 1000)
    const token = await signAccessToken(
      { sub: 'u', sid: 's', iat: now - 100, exp: now - 1 },
      SECRET
    )
    const res = await app.request('/', { headers: { authorization: `Bearer ${token}` } }, env)
    expect(res.status).toBe(401)
  })

  it('rejects a bad realm at construction', () => {
    expect(() => bearerAuth({ realm: 'a"b' })).toThrow(/realm/)
  })

  describe('revocation', () => {
    const now = Math.floor(Date.now() / 1000)
    const asked: Array<{ user: string; session: unknown }> = []
    /** A USER_INDEX binding whose objects answer `live` and record what they were asked. */
    const withIndex = (live: boolean) =>
      ({
        TOKEN_SECRET: SECRET,
        USER_INDEX: {
          idFromName: (name: string) => name,
          get: (user: string) => ({
            checkSession: async (session: unknown) => {
              asked.push({ user, session })
              return live
            },
          }),
        },
      }) as unknown as Env
    const token = () => signAccessToken({ sub: 'u1', sid: 's1', iat: now, exp: now + 60 }, SECRET)
    const inRoute = new Hono<AppEnv>()
    inRoute.get('/', bearerAuth({ revocation: 'in-route' }), (c) => c.json(c.get('auth')))
    inRoute.onError(onError)

    it("asks the user's Durable Object about the session and refuses a revoked one", async () => {
      asked.length = 0
      const headers = { authorization: `Bearer ${await token()}` }
      const ok = await app.request('/', { headers }, withIndex(true))
      expect(ok.status).toBe(200)
      expect(await ok.json()).toEqual({ userId: 'u1', sessionId: 's1', issuedAt: now })
      const revoked = await app.request('/', { headers }, withIndex(false))
      expect(revoked.status).toBe(401)
      expect(revoked.headers.get('www-authenticate')).toBe('Bearer realm="facecraft"')
      expect(asked).toEqual([
        { user: 'u1', session: { sid: 's1', iat: now } },
        { user: 'u1', session: { sid: 's1', iat: now } },
      ])
    })

    it("leaves the question to the route with revocation: 'in-route'", async () => {
      asked.length = 0
      const headers = { authorization: `Bearer ${await token()}` }
      const res = await inRoute.request('/', { headers }, withIndex(false))
      expect(res.status).toBe(200)
      expect(asked).toEqual([])
    })
  })
})
