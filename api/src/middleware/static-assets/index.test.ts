/** @file static assets in Node with a stand-in ASSETS binding: headers on every answer. */
import { describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import type { AppEnv, Env } from '../../env.ts'
import { serveStatic, STATIC_SECURITY_HEADERS } from './index.ts'

/** ASSETS with the SPA fallback of wrangler.toml: a missing path answers the app page. */
const assets = {
  fetch: async (req: Request) => {
    const path = new URL(req.url).pathname
    if (path === '/app.js')
      return new Response('x', { headers: { 'Content-Type': 'text/javascript' } })
    return new Response('<html>app</html>', { headers: { 'Content-Type': 'text/html' } })
  },
} as unknown as Fetcher
const app = new Hono<AppEnv>()
app.all('*', (c) => serveStatic(c))
const env = { ASSETS: assets } as unknown as Env

describe('serveStatic', () => {
  it.each(['/', '/s/abc', '/app.js'])('%s carries every header', async (path) => {
    const res = await app.request(path, {}, env)
    expect(res.status).toBe(200)
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) {
      expect(res.headers.get(name), name).toBe(value)
    }
  })
})
