/** @file security-headers: set on every response, errors included; a route's Cache-Control wins. */
import { describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import type { AppEnv } from '../../env.ts'
import { apiError, onError } from '../../errors.ts'
import { DEFAULT_SECURITY_HEADERS, securityHeaders } from './index.ts'

const app = new Hono<AppEnv>()
app.use('*', securityHeaders())
app.get('/ok', (c) => c.json({}))
app.get('/cached', (c) => c.json({}, 200, { 'Cache-Control': 'public, max-age=60' }))
app.get('/fail', () => {
  throw apiError(404, 'not-found', 'nope')
})
app.onError(onError)

describe('securityHeaders', () => {
  it.each(['/ok', '/fail'])('sets every header on %s', async (path) => {
    const res = await app.request(path)
    for (const [name, value] of Object.entries(DEFAULT_SECURITY_HEADERS)) {
      expect(res.headers.get(name), name).toBe(value)
    }
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it("keeps a route's own Cache-Control", async () => {
    expect((await app.request('/cached')).headers.get('cache-control')).toBe('public, max-age=60')
  })

  it('rejects header injection at construction', () => {
    expect(() => securityHeaders({ headers: { 'X-A': 'b\r\nSet-Cookie: x' } })).toThrow(
      /invalid header/
    )
  })
})
