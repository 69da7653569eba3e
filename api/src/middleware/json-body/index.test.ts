/** @file json-body: size, type, depth and syntax limits, each a 4xx with its code. */
import { describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import type { AppEnv } from '../../env.ts'
import { onError } from '../../errors.ts'
import { jsonBody, jsonDepth } from './index.ts'

function app(options = {}) {
  const a = new Hono<AppEnv>()
  a.post('/', jsonBody(options), (c) => c.json({ got: c.get('body') }))
  a.onError(onError)
  return a
}
const post = (body: string, type = 'application/json', options = {}) =>
  app(options).request('/', { method: 'POST', body, headers: { 'content-type': type } })

describe('jsonBody', () => {
  it.each<[string, string, string, number, string | null]>([
    ['valid', '{"a":[1,{"b":2}]}', 'application/json', 200, null],
    ['charset', '{}', 'application/json; charset=utf-8', 200, null],
    ['syntax', '{"a":', 'application/json', 400, 'invalid-json'],
    ['empty', '', 'application/json', 400, 'invalid-json'],
    ['type', '{}', 'text/plain', 415, 'unsupported-media-type'],
    ['depth', '{"a":'.repeat(9) + '1' + '}'.repeat(9), 'application/json', 400, 'invalid-body'],
    ['size', JSON.stringify({ a: 'x'.repeat(40_000) }), 'application/json', 413, 'body-too-large'],
  ])('%s -> %i', async (_name, body, type, status, code) => {
    const res = await post(body, type)
    expect(res.status).toBe(status)
    if (code) expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code)
  })

  it('treats an empty body as {} when allowed', async () => {
    const res = await post('', '', { allowEmpty: true })
    expect(await res.json()).toEqual({ got: {} })
  })

  it('rejects bad options at construction', () => {
    expect(() => jsonBody({ maxBytes: 0 })).toThrow(/maxBytes/)
  })

  it('counts depth outside strings only', () => {
    expect(jsonDepth('{"a":"[[[{{{\\"]]"}')).toBe(1)
    expect(jsonDepth('[[[]]]')).toBe(3)
  })
})
