/** @file The R2 file route's pure parts, and its answer when the bucket is not bound (workerd: test/files.test.ts). */
import { describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import type { AppEnv, Env } from '../env.ts'
import { cacheControlOf, contentTypeOf, isFilePath, keyOf, parseRange, serveFile } from './files.ts'

describe('file keys', () => {
  it('maps paths under /models/ and /ort/ to keys without the slash', () => {
    expect(isFilePath('/models/x.onnx')).toBe(true)
    expect(isFilePath('/ort/1.30.0/a.wasm')).toBe(true)
    expect(isFilePath('/modelsx')).toBe(false)
    expect(keyOf('/models/releases/r-1/face.onnx')).toBe('models/releases/r-1/face.onnx')
    expect(keyOf('/ort/1.30.0/ort-wasm-simd-threaded.asyncify.wasm')).toBe(
      'ort/1.30.0/ort-wasm-simd-threaded.asyncify.wasm'
    )
  })
  it('refuses traversal, empty segments, odd characters and bad escapes', () => {
    for (const p of [
      '/models/../x',
      '/models/%2e%2e/x',
      '/models//x',
      '/models/',
      '/ort/',
      '/models/a b',
      '/models/%ZZ',
      '/models/a%00',
      '/models/.',
    ]) {
      expect(keyOf(p), p).toBeNull()
    }
  })
})

describe('types and caching by path', () => {
  it('gives browsers the types they need', () => {
    expect(contentTypeOf('ort/1/x.wasm')).toBe('application/wasm')
    expect(contentTypeOf('ort/1/x.mjs')).toBe('text/javascript; charset=utf-8')
    expect(contentTypeOf('models/manifest.json')).toBe('application/json; charset=utf-8')
    expect(contentTypeOf('models/a.onnx')).toBe('application/octet-stream')
    expect(contentTypeOf('models/noext')).toBe('application/octet-stream')
  })
  it('is immutable only where the path names a version', () => {
    expect(cacheControlOf('ort/1.30.0/x.wasm')).toMatch(/immutable/)
    expect(cacheControlOf('models/releases/r1/a.onnx')).toMatch(/immutable/)
    expect(cacheControlOf('models/a.onnx')).toBe('public, max-age=0, must-revalidate')
    expect(cacheControlOf('models/manifest.json')).toBe('public, max-age=0, must-revalidate')
  })
})

describe('Range', () => {
  it('reads one bytes= range, clamps the end, and ignores what it does not serve', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ offset: 0, length: 100 })
    expect(parseRange('bytes=990-2000', 1000)).toEqual({ offset: 990, length: 10 })
    expect(parseRange('bytes=5-', 1000)).toEqual({ offset: 5 })
    expect(parseRange('bytes=-20', 1000)).toEqual({ suffix: 20 })
    expect(parseRange(null, 1000)).toBeNull()
    expect(parseRange('bytes=0-1,5-6', 1000)).toBeNull()
    expect(parseRange('items=0-1', 1000)).toBeNull()
    expect(parseRange('bytes=9-3', 1000)).toBeNull()
    expect(parseRange('bytes=-', 1000)).toBeNull()
  })
  it('calls a range past the end unsatisfiable', () => {
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable')
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable')
  })
})

describe('without the FILES binding', () => {
  it('answers 503 saying what is missing, not a crash or the app page', async () => {
    const app = new Hono<AppEnv>()
    app.all('*', (c) => serveFile(c))
    const res = await app.request('/models/manifest.json', {}, {} as Env)
    expect(res.status).toBe(503)
    expect(await res.text()).toMatch(/R2 binding FILES/)
  })
})
