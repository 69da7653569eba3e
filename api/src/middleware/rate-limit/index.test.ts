/** @file rate-limit: the limit per key, Retry-After, key isolation, construction errors. */
import { describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import type { AppEnv } from '../../env.ts'
import { onError } from '../../errors.ts'
import { envInt, rateLimit, type RateCounter } from './index.ts'

/** A counter with the Durable Object's semantics, in memory. */
function memoryCounter(): RateCounter {
  const hits = new Map<string, number>()
  return async (_c, key, limit) => {
    const n = (hits.get(key) ?? 0) + 1
    hits.set(key, n)
    return { allowed: n <= limit, retryAfter: 42 }
  }
}

function app() {
  const a = new Hono<AppEnv>()
  const limiter = rateLimit({
    scope: 'register',
    limit: () => 3,
    keys: (c) => [c.req.header('cf-connecting-ip') ?? 'unknown'],
    counter: memoryCounter(),
  })
  a.post('/', limiter, (c) => c.body(null, 204))
  a.onError(onError)
  return a
}

describe('rateLimit', () => {
  it('allows `limit` requests per key, then 429 rate-limited with Retry-After', async () => {
    const a = app()
    const from = (ip: string) =>
      a.request('/', { method: 'POST', headers: { 'cf-connecting-ip': ip } })
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await from('1.1.1.1')).status)
    expect(statuses).toEqual([204, 204, 204, 429, 429])
    const res = await from('1.1.1.1')
    expect(res.headers.get('retry-after')).toBe('42')
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('rate-limited')
    expect((await from('2.2.2.2')).status).toBe(204)
  })

  it('rejects bad options at construction', () => {
    expect(() => rateLimit({ scope: '', limit: () => 1, keys: () => [] })).toThrow(/scope/)
    expect(() =>
      rateLimit({ scope: 's', limit: () => 1, keys: () => [], windowSeconds: 0 })
    ).toThrow()
  })

  it.each<[string | undefined, number]>([
    [undefined, 7],
    ['12', 12],
    ['0', 7],
    ['abc', 7],
  ])('envInt(%j) -> %i', (value, expected) => expect(envInt(value, 7)).toBe(expected))
})
