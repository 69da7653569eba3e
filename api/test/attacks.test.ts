/**
 * @file The attacks of issue 12, each one that used to succeed, against the real Worker (workerd): forged and
 * racing refreshes, sign-up and upgrade races on one email, the sign-in limit across IPs and idle gaps, inputs
 * that gave 500, weak passwords, token spellings, conditional requests, invisible names, oversized chunked
 * bodies and the static assets' headers. (Damaged stored records, quotas and expiry: stored-records.test.ts.)
 */
import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import type { SessionResponse } from '@facecraft/shared/api'
import { anonymous, BASE, call, json, PASSWORD, register, unique } from './client.ts'

/** A fresh client IP: this file signs in far more often than the per-IP limit allows one address. */
const newIp = () => `10.${randomBytes(3).join('.')}`
const refresh = (refreshToken: string) =>
  call('/v1/auth/refresh', { method: 'POST', body: { refreshToken } })
const login = (email: string, password = PASSWORD, ip?: string) =>
  call('/v1/auth/login', {
    method: 'POST',
    body: { email, password },
    headers: { 'cf-connecting-ip': ip ?? newIp() },
  })
/** The claims of an access token (what anyone who has seen one can read). */
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
    sub: string
    sid: string
  }
const random43 = () => randomBytes(32).toString('base64url')

describe('refresh sessions', () => {
  it('a forged secret with the session id read from an access token is a plain 401 (10/10 keep their session)', async () => {
    for (let i = 0; i < 10; i++) {
      const s = await register()
      const { sub, sid } = claimsOf(s.accessToken)
      for (const forged of [`r2.${sub}.${sid}.0.${random43()}`, `${sid}.${random43()}`]) {
        const res = await refresh(forged)
        expect(res.status).toBe(401)
        expect((await json(res)).error.code).toBe('unauthorized')
      }
      expect((await call('/v1/me', { token: s.accessToken })).status).toBe(200)
      expect((await refresh(s.refreshToken)).status).toBe(200)
    }
  })

  it('a forged logout token ends nothing', async () => {
    const s = await register()
    const { sub, sid } = claimsOf(s.accessToken)
    const out = await call('/v1/auth/logout', {
      method: 'POST',
      body: { refreshToken: `r2.${sub}.${sid}.0.${random43()}` },
    })
    expect(out.status).toBe(204)
    expect((await call('/v1/me', { token: s.accessToken })).status).toBe(200)
  })

  it('two refreshes of one token at once share one rotation and sign no one out (20/20)', async () => {
    for (let i = 0; i < 20; i++) {
      const s = await register()
      const [a, b] = await Promise.all([refresh(s.refreshToken), refresh(s.refreshToken)])
      expect([a.status, b.status]).toEqual([200, 200])
      const [ja, jb] = (await Promise.all([json(a), json(b)])) as [SessionResponse, SessionResponse]
      expect(ja.refreshToken).toBe(jb.refreshToken)
      for (const t of [ja.accessToken, jb.accessToken]) {
        expect((await call('/v1/me', { token: t })).status).toBe(200)
      }
      expect((await refresh(ja.refreshToken)).status).toBe(200)
    }
  })

  it('a token with a non-canonical spelling of the same bytes is refused', async () => {
    const s = await register()
    const mac = s.refreshToken.slice(-43)
    const last = mac.at(-1)!
    // 43 base64url characters carry 258 bits for 256: the last character's two low bits must be zero.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const base = alphabet.indexOf(last) & ~3
    for (const k of [0, 1, 2, 3].filter((k) => alphabet[base + k] !== last)) {
      const variant = s.refreshToken.slice(0, -1) + alphabet[base + k]
      expect((await refresh(variant)).status).toBe(401)
    }
    expect((await refresh(s.refreshToken)).status).toBe(200)
  })
})

describe('one email, one account', () => {
  it('40 simultaneous sign-ups of one email make exactly one account', async () => {
    const email = `${unique('race')}@example.com`
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        call('/v1/auth/register', { method: 'POST', body: { email, password: PASSWORD } })
      )
    )
    const statuses = answers.map((r) => r.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(39)
    const winner = (await json(answers[statuses.indexOf(201)]!)).user.id
    expect((await json(await login(email))).user.id).toBe(winner)
  })

  it('20 anonymous accounts upgrading to one email at once: exactly one gets it', async () => {
    const email = `${unique('uprace')}@example.com`
    const anons = await Promise.all(Array.from({ length: 20 }, () => anonymous()))
    const answers = await Promise.all(
      anons.map((a) =>
        call('/v1/auth/upgrade', {
          method: 'POST',
          token: a.accessToken,
          body: { email, password: PASSWORD },
        })
      )
    )
    const statuses = answers.map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(19)
    const winner = anons[statuses.indexOf(200)]!.user.id
    expect((await json(await login(email))).user.id).toBe(winner)
    // The losers are still anonymous accounts that can upgrade to another email.
    const loser = anons[statuses.indexOf(409)]!
    const again = await call('/v1/auth/upgrade', {
      method: 'POST',
      token: loser.accessToken,
      body: { email: `${unique('other')}@example.com`, password: PASSWORD },
    })
    expect(again.status).toBe(200)
  })

  it('one anonymous account upgrading to two emails at once keeps one; the other email stays free', async () => {
    const anon = await anonymous()
    const emails = [`${unique('two-a')}@example.com`, `${unique('two-b')}@example.com`]
    const answers = await Promise.all(
      emails.map((email) =>
        call('/v1/auth/upgrade', {
          method: 'POST',
          token: anon.accessToken,
          body: { email, password: PASSWORD },
        })
      )
    )
    const statuses = answers.map((r) => r.status).sort()
    // The loser gets 409, or 401 when the winner had already finished (an upgrade ends the anonymous session).
    expect(statuses[0]).toBe(200)
    expect([401, 409]).toContain(statuses[1])
    const me = await json(answers.find((r) => r.status === 200)!)
    const free = emails.find((e) => e !== me.user.email)!
    expect((await register(free)).user.email).toBe(free)
  })
})

describe('sign-in limits (the test server allows 5 per account per minute)', () => {
  it('hold per account across 10 IPs', async () => {
    const s = await register()
    const statuses: number[] = []
    for (let round = 0; round < 2; round++) {
      for (let ip = 0; ip < 10; ip++) {
        statuses.push(
          (await login(s.user.email!, 'wrong password 1', `10.12.${round}.${ip}`)).status
        )
      }
    }
    expect(statuses.filter((x) => x !== 429)).toHaveLength(5)
    // Refused attempts are counted too, so the right password now waits as well: a 429 costs a guess.
    expect((await login(s.user.email!, PASSWORD, '10.12.9.9')).status).toBe(429)
  })

  it('hold after an idle gap longer than a Durable Object stays in memory (12 s)', async () => {
    const s = await register()
    const first: number[] = []
    for (let i = 0; i < 5; i++) first.push((await login(s.user.email!, 'wrong password 2')).status)
    expect(first).toEqual([401, 401, 401, 401, 401])
    await new Promise((done) => setTimeout(done, 12_000))
    const res = await login(s.user.email!, 'wrong password 2', '10.13.0.1')
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(30)
  }, 40_000)

  it('a successful sign-in clears the account’s earlier failures', async () => {
    const s = await register()
    for (let i = 0; i < 3; i++) await login(s.user.email!, 'wrong password 3')
    expect((await login(s.user.email!)).status).toBe(200)
    const after: number[] = []
    for (let i = 0; i < 5; i++) after.push((await login(s.user.email!, 'wrong password 3')).status)
    expect(after).toEqual([401, 401, 401, 401, 401])
  })
})

describe('inputs that used to give 500', () => {
  it.each([null, [], 'text', 42, true])(
    'a JSON %j body is 400 on every JSON route',
    async (body) => {
      const anon = await anonymous()
      const routes: Array<[string, string]> = [
        ['POST', '/v1/auth/login'],
        ['POST', '/v1/auth/register'],
        ['POST', '/v1/auth/upgrade'],
        ['POST', '/v1/auth/refresh'],
        ['POST', '/v1/auth/logout'],
        ['POST', '/v1/shares'],
        ['PUT', `/v1/characters/${unique('c')}`],
      ]
      for (const [method, path] of routes) {
        const res = await call(path, {
          method,
          token: anon.accessToken,
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json', 'cf-connecting-ip': newIp() },
        })
        expect(res.status, `${method} ${path}`).toBe(400)
      }
    }
  )

  it('emails whose multi-byte characters pass 254 bytes are 400, not a KV key error', async () => {
    const anon = await anonymous()
    for (const local of ['é'.repeat(200), '😀'.repeat(62), 'ü'.repeat(127)]) {
      const email = `${local}@example.com`
      for (const [path, token] of [
        ['/v1/auth/register', undefined],
        ['/v1/auth/login', undefined],
        ['/v1/auth/upgrade', anon.accessToken],
      ] as const) {
        const res = await call(path, {
          method: 'POST',
          token,
          body: { email, password: PASSWORD },
          headers: { 'cf-connecting-ip': newIp() },
        })
        expect(res.status, `${path} ${local.slice(0, 2)}`).toBe(400)
        expect((await json(res)).error.issues[0].message).toMatch(/bytes/)
      }
    }
  })

  it('lone surrogates are 400 on register, login and upgrade (two such passwords can no longer collide)', async () => {
    const anon = await anonymous()
    const bodies = [
      { email: `${unique('s')}@example.com`, password: 'surrogate \uD800 password' },
      { email: `${unique('s')}\uDC00@example.com`, password: PASSWORD },
    ]
    for (const body of bodies) {
      for (const [path, token] of [
        ['/v1/auth/register', undefined],
        ['/v1/auth/login', undefined],
        ['/v1/auth/upgrade', anon.accessToken],
      ] as const) {
        const headers = { 'cf-connecting-ip': newIp() }
        const res = await call(path, { method: 'POST', token, body, headers })
        expect(res.status, path).toBe(400)
        expect((await json(res)).error.issues[0].message).toMatch(/well-formed/)
      }
    }
  })

  it('NFC: an email and a password typed as decomposed characters sign in as the composed ones', async () => {
    const composed = `${unique('caf\u00e9')}@example.com`
    const password = 'cr\u00e8me br\u00fbl\u00e9e forever'
    const s = await register(composed.normalize('NFD'))
    expect(s.user.email).toBe(composed.toLowerCase())
    expect((await login(composed)).status).toBe(200)
    const email2 = `${unique('nfc')}@example.com`
    const reg = await call('/v1/auth/register', {
      method: 'POST',
      body: { email: email2, password: password.normalize('NFD') },
    })
    expect(reg.status).toBe(201)
    expect((await login(email2, password.normalize('NFC'))).status).toBe(200)
  })
})

describe('passwords', () => {
  it.each([
    'password123',
    '1234567890',
    'qwertyuiop',
    'iloveyou123',
    'Password2024!',
    'qwerty123456',
  ])('refuses the common password %s with a clear message', async (password) => {
    const res = await call('/v1/auth/register', {
      method: 'POST',
      body: { email: `${unique('weak')}@example.com`, password },
    })
    expect(res.status).toBe(400)
    const err = (await json(res)).error
    expect(err.code).toBe('invalid-body')
    expect(err.issues[0].path).toBe('password')
    expect(err.message).toMatch(/common breached passwords.*choose another/)
  })
})

describe('headers, names and bodies', () => {
  it('accepts the Bearer scheme in any case', async () => {
    const s = await register()
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      const res = await call('/v1/me', { headers: { authorization: `${scheme} ${s.accessToken}` } })
      expect(res.status, scheme).toBe(200)
    }
  })

  it('refuses the 3 other spellings of an access token signature', async () => {
    const s = await register()
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const last = s.accessToken.at(-1)!
    const base = alphabet.indexOf(last) & ~3
    const variants = [0, 1, 2, 3]
      .map((k) => alphabet[base + k]!)
      .filter((ch) => ch !== last)
      .map((ch) => s.accessToken.slice(0, -1) + ch)
    expect(variants).toHaveLength(3)
    for (const token of variants) expect((await call('/v1/me', { token })).status).toBe(401)
    expect((await call('/v1/me', { token: s.accessToken })).status).toBe(200)
  })

  it('answers If-None-Match: * with 304 on the model manifest', async () => {
    const res = await call('/v1/models/manifest?variant=wasm', {
      headers: { 'if-none-match': '*' },
    })
    expect(res.status).toBe(304)
  })

  it.each(['\u200B\u200B', '\u3164', ' \u00A0 ', '\u2800\u2800', '\u202E\u2066', '\u0301'])(
    'refuses the invisible-only name %j',
    async (name) => {
      const s = await anonymous()
      const res = await call(`/v1/characters/${unique('c')}`, {
        method: 'PUT',
        token: s.accessToken,
        body: { name, character: randomPlausibleCharacter(3) },
      })
      expect(res.status).toBe(400)
      expect((await json(res)).error.issues[0].message).toMatch(/visible/)
    }
  )

  it('answers 413 to a 1 MiB chunked body instead of resetting the connection', async () => {
    const chunk = new Uint8Array(16 * 1024).fill(0x20)
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 64; i++) controller.enqueue(chunk)
        controller.close()
      },
    })
    const res = await fetch(`${BASE}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': newIp() },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    expect((await json(res)).error.code).toBe('body-too-large')
  })
})

describe('static assets', () => {
  it.each(['/', '/s/AbCdEfGhIjKl', '/models/manifest.json', '/index.html'])(
    '%s carries the security headers',
    async (path) => {
      const res = await fetch(BASE + path, { headers: { accept: 'text/html' } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/)
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    }
  )

  it('answers 404 for a missing model file (not the app page), and still serves app routes', async () => {
    for (const path of ['/models/missing.onnx', '/models/releases/r-candidate/nothing.onnx']) {
      const res = await fetch(BASE + path)
      expect(res.status, path).toBe(404)
      expect(await res.text()).not.toContain('facecraft test fixture')
    }
    const app = await fetch(`${BASE}/some/app/route`, { headers: { accept: 'text/html' } })
    expect(app.status).toBe(200)
    expect(await app.text()).toContain('facecraft test fixture')
  })
})
