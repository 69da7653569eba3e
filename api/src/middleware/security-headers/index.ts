/**
 * @module middleware/security-headers — security headers on every API response: no sniffing, no framing,
 * no referrer, no caching of authenticated responses unless a route says otherwise, HSTS, and a CSP that
 * forbids everything (API responses are data, never documents).
 */
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../env.ts'

export const DEFAULT_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-site',
})

export interface SecurityHeadersOptions {
  headers?: Readonly<Record<string, string>>
  /** Cache-Control when the route set none. */
  defaultCacheControl?: string
}

/** Adds the headers after the route ran (a route's own Cache-Control wins). */
export function securityHeaders({
  headers = DEFAULT_SECURITY_HEADERS,
  defaultCacheControl = 'no-store',
}: SecurityHeadersOptions = {}) {
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[A-Za-z-]+$/.test(name) || /[\r\n]/.test(value)) {
      throw new Error(`securityHeaders: invalid header '${name}'`)
    }
  }
  return createMiddleware<AppEnv>(async function securityHeadersMiddleware(c, next) {
    await next()
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value)
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', defaultCacheControl)
  })
}
