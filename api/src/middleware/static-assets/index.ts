/**
 * @module middleware/static-assets — everything outside /v1: the built PWA (app shell, its scripts, the /s/ share
 * pages, which are app routes) and the released model files, served from the ASSETS binding with security headers
 * (Workers static assets add none), and a real 404 for a model file that does not exist (the SPA fallback would
 * otherwise answer index.html with 200, which a model loader would try to parse).
 */
import type { Context } from 'hono'
import type { AppEnv } from '../../env.ts'

/**
 * The app's Content-Security-Policy: its own origin only; 'wasm-unsafe-eval' for ONNX Runtime's WebAssembly;
 * blob: and data: for photos, renders and QR codes; inline styles (Preact style props); never framed. Applied to
 * scripts too: a Web Worker runs under the CSP of its own script's response.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "manifest-src 'self'",
].join('; ')

/** Headers on every static response. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': APP_CSP,
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
})

/** A copy of `res` with the static security headers set. */
export function withStaticHeaders(res: Response): Response {
  const out = new Response(res.body, res)
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) out.headers.set(name, value)
  return out
}

/** Serves a non-API request from the assets; see the module header. */
export async function serveStatic(c: Context<AppEnv>): Promise<Response> {
  const path = new URL(c.req.url).pathname
  const res = await c.env.ASSETS.fetch(c.req.raw)
  const type = res.headers.get('content-type') ?? ''
  // Model files are never HTML: an HTML answer under /models/ is the SPA fallback for a missing file.
  if (path.startsWith('/models/') && (res.status === 404 || type.includes('text/html'))) {
    return withStaticHeaders(
      new Response('No such model file.\n', {
        status: 404,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
      })
    )
  }
  return withStaticHeaders(res)
}
