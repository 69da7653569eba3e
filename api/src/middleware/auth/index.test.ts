/** @file bearer-auth in Node: rejections before any storage is touched, and construction errors. */
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
})
