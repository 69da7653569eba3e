/** @file static assets in Node with a stand-in ASSETS binding: headers on every answer, a real 404 for models. */
import { describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import type { AppEnv, Env } from '../../env.ts'
import { serveStatic, STATIC_SECURITY_HEADERS } from './index.ts'

/** ASSETS with the SPA fallback of wrangler.toml: a missing path answers the app page. */
const assets = {
  fetch: async (req: Request) => {
    const path = new URL(req.url).pathname
    if (path === '/models/manifest.json')
      return new Response('{}', { headers: { 'Content-Type': 'application/json' } })
    if (path === '/app.js')
      return new Response('x', { headers: { 'Content-Type': 'text/javascript' } })
    return new Response('<html>app</html>', { headers: { 'Content-Type': 'text/html' } })
  },
} as unknown as Fetcher
const app = new Hono<AppEnv>()
app.all('*', (c) => serveStatic(c))
const env = { ASSETS: assets } as unknown as Env

describe('serveStatic', () => {
  it.each(['/', '/s/abc', '/app.js', '/models/manifest.json'])(
    '%s carries every header',
    async (path) => {
      const res = await app.request(path, {}, env)
      expect(res.status).toBe(200)
      for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) {
        expect(res.headers.get(name), name).toBe(value)
      }
    }
  )
  it('answers 404 for a missing model file instead of the app page', async () => {
    const res = await app.request('/models/releases/x/missing.onnx', {}, env)
    expect(res.status).toBe(404)
    expect(await res.text()).not.toContain('<html>')
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/)
  })
})
