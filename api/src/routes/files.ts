/**
 * @module routes/files — the large immutable-ish files the app downloads, served from the R2 bucket bound as
 * FILES: the model releases (`/models/...`) and onnxruntime-web's WebGPU runtime (`/ort/<version>/...`), whose
 * 27-28 MB wasm is over the 25 MiB limit of Workers static assets. Keys are the path without its leading `/`
 * (scripts/seed-files.mjs uploads them, locally and for deploy). GET and HEAD, with the content type browsers
 * need (application/wasm for streaming compilation, text/javascript for the runtime's module), the object's
 * ETag, 304 on If-None-Match, byte ranges (206/416), and a plain-text 404 naming the path: never the app page,
 * which a model loader would try to parse.
 */
import type { Context } from 'hono'
import type { AppEnv } from '../env.ts'
import { withStaticHeaders } from '../middleware/static-assets/index.ts'

/** Path prefixes answered from R2. */
export const FILE_PREFIXES = ['/models/', '/ort/'] as const

/** True when `path` is served from the FILES bucket. */
export const isFilePath = (path: string): boolean => FILE_PREFIXES.some((p) => path.startsWith(p))

/** A year: the longest max-age caches honour; the paths it is used on never change content. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
/** The bundled release's paths (`/models/x.onnx`) change content with each release: revalidate by ETag. */
const REVALIDATE = 'public, max-age=0, must-revalidate'

const TYPES: Readonly<Record<string, string>> = {
  wasm: 'application/wasm',
  mjs: 'text/javascript; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  onnx: 'application/octet-stream',
  bin: 'application/octet-stream',
}

/** The Content-Type of a key, by its extension (R2 objects uploaded in bulk carry none of their own). */
export function contentTypeOf(key: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase() ?? ''
  return TYPES[ext] ?? 'application/octet-stream'
}

/**
 * Cache-Control for a key: immutable where the path names its version — the runtime under `ort/<version>/` and
 * kept releases under `models/releases/<release>/` (a release name is never reused, docs/api.md) — else
 * revalidate (the bundled release at `models/<file>` is replaced in place by the next release).
 */
export function cacheControlOf(key: string): string {
  return /^ort\/[^/]+\/./.test(key) || /^models\/releases\/[^/]+\/./.test(key)
    ? IMMUTABLE
    : REVALIDATE
}

/** Segments of letters, digits, `.`, `_`, `-` (never `.` or `..` alone, never empty): else no such key. */
const SEGMENT = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,128}$/

/** The R2 key of a request path, or null when the path cannot name a file (traversal, odd characters). */
export function keyOf(path: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    return null
  }
  const key = decoded.replace(/^\//, '')
  const segments = key.split('/')
  return segments.length >= 2 && segments.every((s) => SEGMENT.test(s)) ? key : null
}

/** A plain-text answer with the static security headers, never cached (a missing file may be uploaded next). */
function plain(status: number, text: string, headers: Record<string, string> = {}): Response {
  return withStaticHeaders(
    new Response(`${text}\n`, {
      status,
      headers: {
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
        ...headers,
      },
    })
  )
}

/** The headers every answer for an existing object carries. */
function objectHeaders(key: string, object: R2Object): Headers {
  const headers = new Headers({
    'Content-Type': contentTypeOf(key),
    'Cache-Control': cacheControlOf(key),
    ETag: object.httpEtag,
    'Last-Modified': object.uploaded.toUTCString(),
    'Accept-Ranges': 'bytes',
  })
  return headers
}

/** The first and last byte of a served range of an object of `size` bytes. */
function rangeBounds(range: R2Range, size: number): { start: number; end: number } {
  if ('suffix' in range && range.suffix !== undefined) {
    const length = Math.min(range.suffix, size)
    return { start: size - length, end: size - 1 }
  }
  const start = 'offset' in range && range.offset !== undefined ? range.offset : 0
  const length = 'length' in range && range.length !== undefined ? range.length : size - start
  return { start, end: Math.min(size, start + length) - 1 }
}

/**
 * A `Range` header this route honours: one `bytes=` range (what browsers and media loaders send). Multiple
 * ranges are answered with the whole file (allowed: RFC 9110 14.2), and anything malformed is ignored likewise.
 * Returns 'unsatisfiable' for a range that starts past the end.
 */
export function parseRange(header: string | null, size: number): R2Range | 'unsatisfiable' | null {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null
  if (!m || (m[1] === '' && m[2] === '')) return null
  if (m[1] === '') {
    const suffix = Number(m[2])
    return suffix === 0 ? 'unsatisfiable' : { suffix }
  }
  const start = Number(m[1])
  if (start >= size) return 'unsatisfiable'
  if (m[2] === '') return { offset: start }
  const end = Number(m[2])
  if (end < start) return null
  return { offset: start, length: Math.min(end, size - 1) - start + 1 }
}

/** True when the request's If-None-Match names this object's ETag (or `*`): the client's copy is current. */
function notModified(req: Request, object: R2Object): boolean {
  const inm = req.headers.get('if-none-match')
  if (!inm) return false
  const etag = object.httpEtag.replace(/^W\//, '')
  return inm.split(',').some((t) => ['*', etag].includes(t.trim().replace(/^W\//, '')))
}

/** Answers a GET or HEAD for a file path from R2; see the module header. */
export async function serveFile(c: Context<AppEnv>): Promise<Response> {
  const req = c.req.raw
  const path = new URL(req.url).pathname
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return plain(405, 'Files are read-only: use GET or HEAD.', { Allow: 'GET, HEAD' })
  }
  const bucket = c.env.FILES as R2Bucket | undefined
  if (!bucket) {
    console.error('FILES (R2) binding missing: model and runtime files cannot be served')
    return plain(
      503,
      'Model files are not configured on this server (R2 binding FILES; docs/api.md).'
    )
  }
  const key = keyOf(path)
  if (!key) return plain(404, `No such file: ${path.slice(0, 200)}`)
  // HEAD first: the ETag decides 304 before any body is read, and the size bounds a Range.
  const head = await bucket.head(key)
  if (!head) return plain(404, `No such file: ${path.slice(0, 200)}`)
  const headers = objectHeaders(key, head)
  if (notModified(req, head)) return withStaticHeaders(new Response(null, { status: 304, headers }))
  const range = parseRange(req.headers.get('range'), head.size)
  if (range === 'unsatisfiable') {
    return plain(416, `The range is outside the file (${head.size} bytes).`, {
      'Content-Range': `bytes */${head.size}`,
    })
  }
  // If-Range with a different ETag: the client's partial copy is stale, so it gets the whole file.
  const ifRange = req.headers.get('if-range')
  const ranged = range && (!ifRange || ifRange === head.httpEtag) ? range : null
  if (req.method === 'HEAD') {
    headers.set('Content-Length', String(head.size))
    return withStaticHeaders(new Response(null, { status: 200, headers }))
  }
  let object = await bucket.get(key, ranged ? { range: ranged } : {})
  if (!object) return plain(404, `No such file: ${path.slice(0, 200)}`)
  let part = ranged
  if (object.etag !== head.etag) {
    // Replaced between the HEAD and the GET: a range of the new object would not match the ETag sent; send it whole.
    object.body.cancel().catch(() => undefined)
    object = await bucket.get(key)
    if (!object) return plain(404, `No such file: ${path.slice(0, 200)}`)
    part = null
    headers.set('ETag', object.httpEtag)
  }
  if (part) {
    const { start, end } = rangeBounds(part, object.size)
    headers.set('Content-Range', `bytes ${start}-${end}/${object.size}`)
    headers.set('Content-Length', String(end - start + 1))
    return withStaticHeaders(new Response(object.body, { status: 206, headers }))
  }
  headers.set('Content-Length', String(object.size))
  return withStaticHeaders(new Response(object.body, { status: 200, headers }))
}
