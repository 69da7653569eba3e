/** @file Accounts and sessions against the real Worker (workerd): every auth route and its errors. */
import { describe, expect, inject, it } from 'vitest'
import { createHmac } from 'node:crypto'
import { anonymous, call, createCharacter, json, PASSWORD, register, unique } from './client.ts'

interface SessionLike {
  accessToken: string
  refreshToken: string
}

/** Signs claims like lib/tokens.ts does, with a chosen secret (to forge expired or foreign tokens). */
function mint(claims: object, secret: string): string {
  const signed = 'v1.' + Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`
}

describe('register and login', () => {
  it('registers, returns a session and never a hash or salt', async () => {
    const email = `${unique('Reg')}@Example.com`
    const res = await call('/v1/auth/register', {
      method: 'POST',
      body: { email, password: PASSWORD },
    })
    expect(res.status).toBe(201)
    const text = await res.text()
    expect(text).not.toMatch(/hash|salt|password/i)
    const body = JSON.parse(text)
    expect(body.user).toEqual({
      id: expect.any(String),
      email: email.toLowerCase(),
      anonymous: false,
    })
    expect(body.expiresIn).toBe(900)
    const me = await call('/v1/me', { token: body.accessToken })
    expect(await json(me)).toEqual({ user: body.user })
  })

  it('rejects a taken email with 409 email-taken', async () => {
    const s = await register()
    const res = await call('/v1/auth/register', {
      method: 'POST',
      body: { email: s.user.email!.toUpperCase(), password: PASSWORD },
    })
    expect(res.status).toBe(409)
    expect((await json(res)).error.code).toBe('email-taken')
  })

  it.each([
    [{ email: 'not-an-email', password: PASSWORD }, 'email'],
    [{ email: 'a@b.co', password: 'short' }, 'password'],
    [{ email: 'a@b.co', password: PASSWORD, admin: true }, 'admin'],
    [{ email: 42, password: PASSWORD }, 'email'],
    [{ password: PASSWORD }, 'email'],
  ])('rejects %j with 400 invalid-body naming %s', async (body, path) => {
    const res = await call('/v1/auth/register', { method: 'POST', body })
    expect(res.status).toBe(400)
    const err = (await json(res)).error
    expect(err.code).toBe('invalid-body')
    expect(err.issues.map((i: { path: string }) => i.path)).toContain(path)
  })

  it('signs in with the right password only', async () => {
    const s = await register()
    const ok = await call('/v1/auth/login', {
      method: 'POST',
      body: { email: s.user.email, password: PASSWORD },
    })
    expect(ok.status).toBe(200)
    expect((await json(ok)).user.id).toBe(s.user.id)
    for (const body of [
      { email: s.user.email, password: 'wrong password!' },
      { email: `${unique('nobody')}@example.com`, password: PASSWORD },
    ]) {
      const bad = await call('/v1/auth/login', { method: 'POST', body })
      expect(bad.status).toBe(401)
      expect((await json(bad)).error.code).toBe('invalid-credentials')
    }
  })

  it('rate-limits sign-in per IP and email with 429 and Retry-After', async () => {
    const email = `${unique('rl')}@example.com`
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) {
      const res = await call('/v1/auth/login', {
        method: 'POST',
        body: { email, password: PASSWORD },
      })
      statuses.push(res.status)
      if (res.status === 429) {
        expect((await json(res)).error.code).toBe('rate-limited')
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
      }
    }
    // The test server allows 5 per minute (global-setup.ts).
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429])
  })
})

describe('anonymous accounts', () => {
  it('creates a device account and upgrades it keeping id and characters', async () => {
    const anon = await anonymous()
    expect(anon.user.anonymous).toBe(true)
    expect(anon.user.email).toBeNull()
    const record = await createCharacter(anon.accessToken)
    const email = `${unique('up')}@example.com`
    const res = await call('/v1/auth/upgrade', {
      method: 'POST',
      token: anon.accessToken,
      body: { email, password: PASSWORD },
    })
    expect(res.status).toBe(200)
    const up = await json(res)
    expect(up.user).toEqual({ id: anon.user.id, email, anonymous: false })
    const got = await call(`/v1/characters/${record.id}`, { token: up.accessToken })
    expect(got.status).toBe(200)
    const again = await call('/v1/auth/upgrade', {
      method: 'POST',
      token: up.accessToken,
      body: { email: `${unique('up2')}@example.com`, password: PASSWORD },
    })
    expect(again.status).toBe(409)
    expect((await json(again)).error.code).toBe('already-upgraded')
    const login = await call('/v1/auth/login', {
      method: 'POST',
      body: { email, password: PASSWORD },
    })
    expect((await json(login)).user.id).toBe(anon.user.id)
  })

  it('rejects a body on anonymous sign-up that is not empty', async () => {
    const res = await call('/v1/auth/anonymous', { method: 'POST', body: { admin: true } })
    expect(res.status).toBe(400)
    expect((await json(res)).error.code).toBe('invalid-body')
  })

  it('upgrade to a taken email gives 409 email-taken', async () => {
    const taken = await register()
    const anon = await anonymous()
    const res = await call('/v1/auth/upgrade', {
      method: 'POST',
      token: anon.accessToken,
      body: { email: taken.user.email, password: PASSWORD },
    })
    expect(res.status).toBe(409)
    expect((await json(res)).error.code).toBe('email-taken')
  })
})

describe('tokens and sessions', () => {
  it('rotates refresh tokens: an old token replayed after the next rotation ends the session', async () => {
    const refresh = (refreshToken: string) =>
      call('/v1/auth/refresh', { method: 'POST', body: { refreshToken } })
    const s = await register()
    const r1 = await refresh(s.refreshToken)
    expect(r1.status).toBe(200)
    const s2 = await json(r1)
    expect(s2.refreshToken).not.toBe(s.refreshToken)
    expect((await call('/v1/me', { token: s2.accessToken })).status).toBe(200)
    const s3 = await json(await refresh(s2.refreshToken))
    expect(s3.refreshToken).not.toBe(s2.refreshToken)
    // s was valid two rotations ago: someone kept a copy. 401, and the whole session ends.
    const reuse = await refresh(s.refreshToken)
    expect(reuse.status).toBe(401)
    expect((await json(reuse)).error.code).toBe('unauthorized')
    expect((await call('/v1/me', { token: s3.accessToken })).status).toBe(401)
    expect((await refresh(s3.refreshToken)).status).toBe(401)
  })

  it('logout ends one session; logout-all ends every session', async () => {
    const a = await register()
    const b = await json(
      await call('/v1/auth/login', {
        method: 'POST',
        body: { email: a.user.email, password: PASSWORD },
      })
    )
    const c = await json(
      await call('/v1/auth/login', {
        method: 'POST',
        body: { email: a.user.email, password: PASSWORD },
      })
    )
    const out = await call('/v1/auth/logout', {
      method: 'POST',
      body: { refreshToken: a.refreshToken },
    })
    expect(out.status).toBe(204)
    expect((await call('/v1/me', { token: a.accessToken })).status).toBe(401)
    expect((await call('/v1/me', { token: b.accessToken })).status).toBe(200)
    const all = await call('/v1/auth/logout-all', { method: 'POST', token: b.accessToken })
    expect(all.status).toBe(204)
    for (const s of [b, c]) {
      expect((await call('/v1/me', { token: s.accessToken })).status).toBe(401)
      const r = await call('/v1/auth/refresh', {
        method: 'POST',
        body: { refreshToken: s.refreshToken },
      })
      expect(r.status).toBe(401)
    }
  })

  it('rejects missing, malformed, tampered, foreign-key and expired tokens with 401', async () => {
    const s = await register()
    const [head, payload, sig] = s.accessToken.split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    const secret = inject('tokenSecret')
    const now = Math.floor(Date.now() / 1000)
    const tampered = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${sig}`
    const cases: Array<[string, Record<string, string>]> = [
      ['none', {}],
      ['malformed', { authorization: 'Bearer' }],
      ['basic', { authorization: 'Basic dXNlcjpwYXNz' }],
      ['tampered', { authorization: `Bearer ${tampered}` }],
      ['foreign key', { authorization: `Bearer ${mint(claims, 'x'.repeat(40))}` }],
      [
        'expired',
        { authorization: `Bearer ${mint({ ...claims, iat: now - 1000, exp: now - 1 }, secret)}` },
      ],
    ]
    for (const [name, headers] of cases) {
      const res = await call('/v1/me', { headers })
      expect(res.status, name).toBe(401)
      expect((await json(res)).error.code, name).toBe('unauthorized')
      expect(res.headers.get('www-authenticate'), name).toMatch(/^Bearer/)
    }
    // Same secret, live session, later expiry: accepted (proves the expired case failed on expiry alone).
    const fresh = mint({ ...claims, exp: now + 60 }, secret)
    expect((await call('/v1/me', { token: fresh })).status).toBe(200)
  })

  it('a revoked access token is refused on every bearer route, without side effects', async () => {
    const { randomPlausibleCharacter: randomCharacter } = await import('@facecraft/shared/rig-v2')
    // Three ways a session ends: logout, refresh-token reuse (theft), logout-all.
    const endings: Array<[string, (s: SessionLike) => Promise<void>]> = [
      [
        'logout',
        async (s) =>
          void (await call('/v1/auth/logout', {
            method: 'POST',
            body: { refreshToken: s.refreshToken },
          })),
      ],
      [
        'refresh replay',
        async (s) => {
          const refresh = (refreshToken: string) =>
            call('/v1/auth/refresh', { method: 'POST', body: { refreshToken } })
          const next = await json(await refresh(s.refreshToken))
          await refresh(next.refreshToken)
          await refresh(s.refreshToken)
        },
      ],
      [
        'logout-all',
        async (s) =>
          void (await call('/v1/auth/logout-all', { method: 'POST', token: s.accessToken })),
      ],
    ]
    for (const [ending, end] of endings) {
      const s = await register()
      const rec = await createCharacter(s.accessToken)
      await end(s)
      const token = s.accessToken
      const attempts: Array<[string, Response]> = [
        ['me', await call('/v1/me', { token })],
        ['list', await call('/v1/characters', { token })],
        ['get', await call(`/v1/characters/${rec.id}`, { token })],
        [
          'update',
          await call(`/v1/characters/${rec.id}`, {
            method: 'PUT',
            token,
            headers: { 'if-match': '"1"' },
            body: { name: 'stolen', character: randomCharacter(9) },
          }),
        ],
        [
          'create',
          await call(`/v1/characters/${unique('c')}`, {
            method: 'PUT',
            token,
            body: { name: 'stolen', character: randomCharacter(9) },
          }),
        ],
        ['delete', await call(`/v1/characters/${rec.id}`, { method: 'DELETE', token })],
        [
          'share',
          await call('/v1/shares', { method: 'POST', token, body: { characterId: rec.id } }),
        ],
        ['logout-all', await call('/v1/auth/logout-all', { method: 'POST', token })],
      ]
      for (const [route, res] of attempts) {
        expect(res.status, `${ending}: ${route}`).toBe(401)
        expect((await json(res)).error.code, `${ending}: ${route}`).toBe('unauthorized')
        expect(res.headers.get('www-authenticate'), `${ending}: ${route}`).toMatch(/^Bearer/)
      }
      // Nothing changed: a new sign-in sees the character untouched at revision 1. (Tokens issued in the
      // same second as a logout-all die with it, by design: fail closed; so sign in a second later.)
      if (ending === 'logout-all') await new Promise((done) => setTimeout(done, 1100))
      const fresh = await json(
        await call('/v1/auth/login', {
          method: 'POST',
          body: { email: s.user.email, password: PASSWORD },
        })
      )
      const list = await json(await call('/v1/characters', { token: fresh.accessToken }))
      expect(list.items.map((r: { id: string; revision: number }) => [r.id, r.revision])).toEqual([
        [rec.id, 1],
      ])
    }
  })

  it('logout with an unknown token is a no-op 204; a malformed body is 400', async () => {
    const res = await call('/v1/auth/logout', {
      method: 'POST',
      body: { refreshToken: 'AAAAAAAAAAAAAAAA.' + 'A'.repeat(43) },
    })
    expect(res.status).toBe(204)
    const bad = await call('/v1/auth/logout', { method: 'POST', body: { token: 'x' } })
    expect(bad.status).toBe(400)
  })
})
