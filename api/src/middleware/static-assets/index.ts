/**
 * @module middleware/static-assets — everything outside /v1 and the R2 file paths (routes/files): the built PWA
 * (app shell, its scripts, the /s/ share pages, which are app routes), served from the ASSETS binding with
 * security headers (Workers static assets add none).
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
  return withStaticHeaders(await c.env.ASSETS.fetch(c.req.raw))
}
