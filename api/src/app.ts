/**
 * @module app — the Hono app: API security headers and CORS on /v1, routers under /v1, one error handler, a JSON
 * 404 for unknown API routes; /models/* and /ort/* from the R2 bucket (routes/files); everything else is the
 * static assets with their own security headers (middleware/static-assets). Built per Worker isolate; the Durable Object classes are exported from index.ts.
 */
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import type { AppEnv } from './env.ts'
import { apiError, onError } from './errors.ts'
import { securityHeaders } from './middleware/security-headers/index.ts'
import { serveStatic } from './middleware/static-assets/index.ts'
import { authRoutes, meRoutes } from './routes/auth.ts'
import { characterRoutes } from './routes/characters.ts'
import { isFilePath, serveFile } from './routes/files.ts'
import { modelRoutes } from './routes/models.ts'
import { shareRoutes } from './routes/shares.ts'

/** Builds the app (exported for `app.request()` tests). */
export function createApp() {
  const app = new Hono<AppEnv>()
  const apiHeaders = securityHeaders()
  app.use('*', async (c, next) => {
    const path = new URL(c.req.url).pathname
    if (path === '/v1' || path.startsWith('/v1/')) return apiHeaders(c, next)
    // Model releases and the WebGPU runtime: from R2 (too large for static assets), see routes/files.
    if (isFilePath(path)) return serveFile(c)
    return serveStatic(c)
  })
  app.use(
    '/v1/*',
    cors({
      // Only the app's own origin; any other origin gets no Access-Control-Allow-Origin at all.
      origin: (origin, c) => (origin === c.env.APP_ORIGIN ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match'],
      exposeHeaders: ['ETag', 'Retry-After'],
      maxAge: 600,
    })
  )
  app.route('/v1/auth', authRoutes)
  app.route('/v1/me', meRoutes)
  app.route('/v1/models', modelRoutes)
  app.route('/v1/characters', characterRoutes)
  app.route('/v1/shares', shareRoutes)
  app.notFound(() => {
    throw apiError(404, 'not-found', 'No such API route; see docs/api.md.')
  })
  app.onError(onError)
  return app
}
