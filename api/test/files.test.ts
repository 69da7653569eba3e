/**
 * @file The R2 file routes (/models/*, /ort/*) against the real Worker in workerd with its local R2, filled by
 * scripts/seed-files.mjs in global-setup: the real onnxruntime-web WebGPU runtime (27 MB wasm) and the fixture
 * model releases. What a browser needs: the type streaming compilation demands, ETag/304, byte ranges, caching
 * by path, and a plain 404 for anything missing.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BASE } from './client.ts'
import { FIXTURE_MODELS, REPO_ROOT } from './wrangler-dev.ts'

const ORT_VERSION = JSON.parse(
  readFileSync(join(REPO_ROOT, 'node_modules/onnxruntime-web/package.json'), 'utf8')
).version as string
const WASM_NAME = 'ort-wasm-simd-threaded.asyncify.wasm'
const WASM_PATH = `/ort/${ORT_VERSION}/${WASM_NAME}`
const WASM = readFileSync(join(REPO_ROOT, 'node_modules/onnxruntime-web/dist', WASM_NAME))
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

describe('the WebGPU runtime from R2', () => {
  it('serves the 27 MB wasm whole, byte-exact, typed for streaming compilation, cached as immutable', async () => {
    // Over the 25 MiB static-asset limit: the reason this route exists.
    expect(WASM.length).toBeGreaterThan(25 * 1024 * 1024)
    const res = await fetch(BASE + WASM_PATH)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/wasm')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(res.headers.get('accept-ranges')).toBe('bytes')
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]+"$/)
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const body = new Uint8Array(await res.arrayBuffer())
    expect(body.length).toBe(WASM.length)
    expect(sha(body)).toBe(sha(WASM))
  })

  it('compiles with WebAssembly.compileStreaming, which refuses any type but application/wasm', async () => {
    // Node has it (not in the ES lib types this tsconfig loads).
    const { compileStreaming } = WebAssembly as unknown as {
      compileStreaming(source: Promise<Response>): Promise<WebAssembly.Module>
    }
    const module = await compileStreaming(fetch(BASE + WASM_PATH))
    expect(WebAssembly.Module.exports(module).length).toBeGreaterThan(10)
  }, 60_000)

  it('serves the runtime module as JavaScript', async () => {
    const res = await fetch(`${BASE}/ort/${ORT_VERSION}/ort-wasm-simd-threaded.asyncify.mjs`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await res.text()).toBe(
      readFileSync(
        join(REPO_ROOT, 'node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.mjs'),
        'utf8'
      )
    )
  })

  it('answers 304 to a matching If-None-Match and HEAD with the size and no body', async () => {
    const head = await fetch(BASE + WASM_PATH, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(String(WASM.length))
    expect(head.headers.get('content-type')).toBe('application/wasm')
    expect((await head.arrayBuffer()).byteLength).toBe(0)
    const etag = head.headers.get('etag')!
    const again = await fetch(BASE + WASM_PATH, { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(etag)
    const stale = await fetch(BASE + WASM_PATH, { headers: { 'if-none-match': '"other"' } })
    expect(stale.status).toBe(200)
    await stale.body?.cancel()
  })

  it('serves byte ranges (first, middle, suffix, open-ended) with Content-Range, 416 past the end', async () => {
    const size = WASM.length
    const cases: Array<[string, number, number]> = [
      ['bytes=0-99', 0, 99],
      ['bytes=1000000-1000015', 1_000_000, 1_000_015],
      ['bytes=-10', size - 10, size - 1],
      [`bytes=${size - 5}-`, size - 5, size - 1],
      [`bytes=${size - 3}-${size + 100}`, size - 3, size - 1],
    ]
    for (const [range, start, end] of cases) {
      const res = await fetch(BASE + WASM_PATH, { headers: { range } })
      expect(res.status, range).toBe(206)
      expect(res.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${size}`)
      expect(res.headers.get('content-type')).toBe('application/wasm')
      const body = Buffer.from(await res.arrayBuffer())
      expect(body.equals(WASM.subarray(start, end + 1)), range).toBe(true)
    }
    const past = await fetch(BASE + WASM_PATH, { headers: { range: `bytes=${size}-` } })
    expect(past.status).toBe(416)
    expect(past.headers.get('content-range')).toBe(`bytes */${size}`)
    // A stale If-Range gets the whole file, not a piece of a different one.
    const stale = await fetch(BASE + WASM_PATH, {
      headers: { range: 'bytes=0-99', 'if-range': '"not-this-one"' },
    })
    expect(stale.status).toBe(200)
    expect((await stale.arrayBuffer()).byteLength).toBe(size)
  })
})

describe('model files from R2', () => {
  it('serves the bundled manifest (revalidated by ETag) and kept releases (immutable)', async () => {
    const bundled = await fetch(`${BASE}/models/manifest.json`)
    expect(bundled.status).toBe(200)
    expect(bundled.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(bundled.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate')
    expect(await bundled.text()).toBe(readFileSync(join(FIXTURE_MODELS, 'manifest.json'), 'utf8'))
    const kept = await fetch(`${BASE}/models/releases/r-candidate/manifest.json`)
    expect(kept.status).toBe(200)
    expect(kept.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    await kept.body?.cancel()
  })

  it('answers a plain, uncached 404 naming the path for anything missing or not a file name', async () => {
    for (const path of [
      '/models/missing.onnx',
      '/models/releases/r-candidate/nothing.onnx',
      `/ort/0.0.0/${WASM_NAME}`,
      '/ort/',
      '/models/releases/..%2f..%2fwrangler.toml',
      '/models/a%00b.onnx',
    ]) {
      const res = await fetch(BASE + path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type'), path).toBe('text/plain; charset=utf-8')
      expect(res.headers.get('cache-control'), path).toBe('no-store')
      const text = await res.text()
      expect(text, path).toMatch(/^No such file: \//)
      expect(text, path).not.toContain('facecraft test fixture')
    }
  })

  it('refuses writes with 405 and the methods it has', async () => {
    for (const method of ['PUT', 'POST', 'DELETE']) {
      const res = await fetch(`${BASE}/models/manifest.json`, { method, body: 'x' })
      expect(res.status, method).toBe(405)
      expect(res.headers.get('allow')).toBe('GET, HEAD')
    }
  })
})
