/**
 * @module cli/eval/api-security/fuzz — a seeded fuzzer driven by api/openapi.json: every documented route (method
 * + path) gets requests built from a well-formed template and then broken: bodies of every JSON type, missing,
 * unknown and mistyped fields, lone surrogates, decomposed and invisible text, oversized and deeply nested bodies,
 * invalid JSON and wrong content types; path ids and queries that are long, encoded or hostile; Authorization,
 * If-Match and If-None-Match headers in odd spellings. Any 5xx (or a dropped connection) is a finding.
 */
import { readFileSync } from 'node:fs'
import { randomCharacter } from '@facecraft/shared/rig'
import { createRng, type Rng } from '@facecraft/shared/utils'
import { newEmail, PASSWORD, pool, type Http, type Send } from './http.ts'

/** A documented route, e.g. { method: 'put', path: '/v1/characters/{id}' }. */
export interface Route {
  method: string
  path: string
}

/** Every route of openapi.json. */
export function openapiRoutes(file: URL): Route[] {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { paths: Record<string, object> }
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'put', 'post', 'delete'].includes(m))
      .map((method) => ({ method, path }))
  )
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!

const HOSTILE_TEXT = [
  '',
  ' ',
  '\u200B\u200B',
  '\u3164',
  'a\uD800b',
  '\uDC00',
  'e\u0301'.repeat(40),
  '😀'.repeat(100),
  'é'.repeat(300),
  '<script>alert(1)</script>',
  "'; DROP TABLE heads; --",
  '../../etc/passwd',
  '\u0000\u0001\u001f',
  'x'.repeat(5000),
  '%00',
  'null',
]
const HOSTILE_IDS = [
  '..',
  '.',
  '%2e%2e',
  'a'.repeat(65),
  'x%2Fy',
  '%F0%9F%98%80',
  '%ED%A0%80',
  'id%00',
  '-',
  '_'.repeat(64),
  'ok-id',
]
const IF_MATCH = ['"1"', 'W/"2"', '*', '"abc"', '"99999999999"', '1', '', '"-1"', '"1", "2"']
const QUERIES = [
  '',
  '?since=',
  '?since=c1.zzzzzzzzzz',
  '?since=%00',
  '?limit=0',
  '?limit=101',
  '?limit=1.5',
  '?limit=-1',
  '?limit=abc',
  '?variant=wasm',
  '?variant=webgpu',
  '?variant=../x',
  '?variant=%ED%A0%80',
  '?client=' + 'x'.repeat(3000),
]

/** A hostile JSON value of any type. */
function hostileValue(rng: Rng, depth = 0): unknown {
  switch (Math.floor(rng() * 9)) {
    case 0:
      return null
    case 1:
      return rng() < 0.5 ? Math.floor(rng() * 1e12) - 5e11 : rng() * 1e308
    case 2:
      return rng() < 0.5
    case 3:
      return pick(rng, HOSTILE_TEXT)
    case 4:
      return depth < 3 ? [hostileValue(rng, depth + 1), hostileValue(rng, depth + 1)] : []
    case 5:
      return depth < 3 ? { [pick(rng, HOSTILE_TEXT)]: hostileValue(rng, depth + 1) } : {}
    case 6:
      return -0
    case 7:
      return 'ok value'
    default:
      return { __proto__: { admin: true }, constructor: { prototype: 1 } }
  }
}

/** A well-formed body for `route`, using `ctx` (a character id the session owns, a refresh token). */
function template(route: Route, ctx: FuzzContext, rng: Rng): Record<string, unknown> | undefined {
  const p = `${route.method} ${route.path}`
  if (/register|login|upgrade/.test(p)) return { email: newEmail('fuzz'), password: PASSWORD }
  if (/refresh|logout$/.test(p)) return { refreshToken: ctx.refreshToken }
  if (p === 'post /v1/auth/anonymous') return {}
  if (p === 'put /v1/characters/{id}')
    return { name: 'Fuzzed', character: randomCharacter(Math.floor(rng() * 1e6)) }
  if (p === 'post /v1/shares') return { characterId: ctx.characterId, expiresInDays: 1 }
  return undefined
}

/** One broken variant of a body. */
function breakBody(body: Record<string, unknown> | undefined, rng: Rng): Send {
  const fields = body ? Object.keys(body) : []
  switch (Math.floor(rng() * 12)) {
    case 0:
      return {
        raw: JSON.stringify(hostileValue(rng)),
        headers: { 'content-type': 'application/json' },
      }
    case 1:
      if (fields.length) {
        const copy = { ...body }
        delete copy[pick(rng, fields)]
        return { body: copy }
      }
      return { body: { unexpected: 1 } }
    case 2:
      return {
        body: {
          ...body,
          [pick(rng, ['admin', 'id', 'revision', 'owner', '__proto__'])]: hostileValue(rng),
        },
      }
    case 3:
      return fields.length
        ? { body: { ...body, [pick(rng, fields)]: hostileValue(rng) } }
        : { body: hostileValue(rng) }
    case 4:
      return {
        raw: '{"a":' + '['.repeat(40) + ']'.repeat(40) + '}',
        headers: { 'content-type': 'application/json' },
      }
    case 5:
      return {
        raw: `{"x":"${'y'.repeat(40 * 1024)}"}`,
        headers: { 'content-type': 'application/json' },
      }
    case 6:
      return {
        raw: '{"email": "a@b.co", "password": ',
        headers: { 'content-type': 'application/json' },
      }
    case 7:
      return {
        raw: JSON.stringify(body ?? {}),
        headers: {
          'content-type': pick(rng, [
            'text/plain',
            'application/xml',
            'multipart/form-data',
            'application/json; charset=utf-16',
          ]),
        },
      }
    case 8:
      return {
        bytes: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
        headers: { 'content-type': 'application/json' },
      }
    case 9:
      if (fields.length) {
        const f = pick(rng, fields)
        const value = body![f]
        return {
          body: {
            ...body,
            [f]:
              typeof value === 'string'
                ? value + pick(rng, ['\uD800', '\u0301', '\u200B', 'é'.repeat(200)])
                : hostileValue(rng),
          },
        }
      }
      return { raw: '' }
    case 10:
      return { raw: '', headers: { 'content-type': 'application/json' } }
    default:
      return body === undefined ? {} : { body }
  }
}

/** What the fuzzer holds to reach past authentication. */
export interface FuzzContext {
  accessToken: string
  refreshToken: string
  characterId: string
  shareId: string
}

/** An Authorization header variant. */
function authVariant(rng: Rng, ctx: FuzzContext): Record<string, string> {
  const t = ctx.accessToken
  switch (Math.floor(rng() * 8)) {
    case 0:
      return {}
    case 1:
      return { authorization: `bearer ${t}` }
    case 2:
      return { authorization: `Bearer ${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}` }
    case 3:
      return {
        authorization: `Bearer ${pick(rng, ['', 'x', 'v1.', 'v1..', 'v1.e30.' + 'A'.repeat(43), t + t])}`,
      }
    case 4:
      return { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }
    default:
      return { authorization: `Bearer ${t}` }
  }
}

/** Fills a path template. */
function fillPath(path: string, ctx: FuzzContext, rng: Rng): string {
  return path.replace(/\{id\}/, () => {
    if (rng() < 0.4) return path.startsWith('/v1/shares') ? ctx.shareId : ctx.characterId
    return pick(rng, HOSTILE_IDS)
  })
}

/**
 * Sends at least `count` fuzzed requests, round-robin over `routes`, with `newContext` called every 80 requests
 * (a fuzzed logout or logout-all may end the current session). Returns per-route counts and the 5xx seen.
 */
export async function fuzz(
  http: Http,
  routes: Route[],
  count: number,
  seed: number,
  newContext: () => Promise<FuzzContext>
): Promise<{ requests: number; serverErrors: number; routesCovered: number; findings: string[] }> {
  const rng = createRng(seed)
  let ctx = await newContext()
  const covered = new Set<string>()
  const findings: string[] = []
  let sent = 0
  let errors = 0
  const plan = Array.from(
    { length: Math.max(count, routes.length) },
    (_, i) => routes[i % routes.length]!
  )
  for (let start = 0; start < plan.length; start += 80) {
    if (start > 0) ctx = await newContext()
    const batch = plan.slice(start, start + 80)
    await pool(batch, 6, async (route) => {
      const send = breakBody(template(route, ctx, rng), rng)
      const headers: Record<string, string> = { ...authVariant(rng, ctx), ...send.headers }
      if (rng() < 0.3) headers['if-match'] = pick(rng, IF_MATCH)
      if (rng() < 0.2) headers['if-none-match'] = pick(rng, ['*', '"x"', 'W/"y"', ''])
      const query = route.method === 'get' && rng() < 0.6 ? pick(rng, QUERIES) : ''
      const path = fillPath(route.path, ctx, rng) + query
      const methodSend: Send = { ...send, method: route.method.toUpperCase(), headers }
      if (route.method === 'get' || route.method === 'delete') {
        delete methodSend.body
        delete methodSend.raw
        delete methodSend.bytes
      }
      const res = await http.send(path, methodSend)
      sent++
      covered.add(`${route.method} ${route.path}`)
      if (res.status === 0 || res.status >= 500) {
        errors++
        if (findings.length < 20)
          findings.push(`${route.method.toUpperCase()} ${path.slice(0, 80)} -> ${res.status}`)
      }
    })
  }
  return { requests: sent, serverErrors: errors, routesCovered: covered.size, findings }
}
