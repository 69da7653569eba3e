/** @file Shares, the model manifest, CORS, security headers and unknown routes against the real Worker. */
import { beforeAll, describe, expect, it } from 'vitest'
import { API_LIMITS } from '@facecraft/shared/api'
import { anonymous, call, createCharacter, json } from './client.ts'

let token = ''
beforeAll(async () => {
  token = (await anonymous()).accessToken
})

describe('shares', () => {
  it('creates a share anyone can read; only the owner deletes it', async () => {
    const rec = await createCharacter(token)
    const res = await call('/v1/shares', {
      method: 'POST',
      token,
      body: { characterId: rec.id, expiresInDays: 7 },
    })
    expect(res.status).toBe(201)
    const share = await json(res)
    expect(share.id).toMatch(/^[A-Za-z0-9_-]{12}$/)
    expect(share.url).toBe(`http://127.0.0.1:8787/s/${share.id}`)
    const days = (Date.parse(share.expiresAt) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.9)
    expect(days).toBeLessThan(7.1)
    const pub = await call(`/v1/shares/${share.id}`)
    expect(pub.status).toBe(200)
    const body = await json(pub)
    expect(body).toEqual({
      name: rec.name,
      character: rec.character,
      createdAt: expect.any(String),
      expiresAt: share.expiresAt,
    })
    const other = (await anonymous()).accessToken
    expect((await call(`/v1/shares/${share.id}`, { method: 'DELETE', token: other })).status).toBe(
      404
    )
    expect((await call(`/v1/shares/${share.id}`, { method: 'DELETE', token })).status).toBe(204)
    expect((await call(`/v1/shares/${share.id}`)).status).toBe(404)
  })

  it('shares without expiry; refuses unknown or foreign characters and bad bodies', async () => {
    const rec = await createCharacter(token)
    const res = await call('/v1/shares', { method: 'POST', token, body: { characterId: rec.id } })
    expect((await json(res)).expiresAt).toBeNull()
    const other = (await anonymous()).accessToken
    const foreign = await call('/v1/shares', {
      method: 'POST',
      token: other,
      body: { characterId: rec.id },
    })
    expect(foreign.status).toBe(404)
    for (const body of [
      { characterId: rec.id, expiresInDays: 0 },
      { characterId: rec.id, x: 1 },
      {},
    ]) {
      const bad = await call('/v1/shares', { method: 'POST', token, body })
      expect(bad.status).toBe(400)
      expect((await json(bad)).error.code).toBe('invalid-body')
    }
    expect(
      (await call('/v1/shares', { method: 'POST', body: { characterId: rec.id } })).status
    ).toBe(401)
    expect((await call('/v1/shares/nope')).status).toBe(404)
  })

  it(`refuses live share number ${API_LIMITS.maxShares + 1} with 409 quota-exceeded`, async () => {
    const t = (await anonymous()).accessToken
    const rec = await createCharacter(t)
    const share = () =>
      call('/v1/shares', { method: 'POST', token: t, body: { characterId: rec.id } })
    const ids: string[] = []
    for (let i = 0; i < API_LIMITS.maxShares; i += 20) {
      const batch = await Promise.all(Array.from({ length: 20 }, share))
      expect(batch.map((r) => r.status)).toEqual(Array(20).fill(201))
      for (const r of batch) ids.push((await json(r)).id)
    }
    const over = await share()
    expect(over.status).toBe(409)
    expect((await json(over)).error).toEqual({
      code: 'quota-exceeded',
      message: `You have ${API_LIMITS.maxShares} live shares; delete some first.`,
    })
    // Deleting one makes room again.
    expect((await call(`/v1/shares/${ids[0]}`, { method: 'DELETE', token: t })).status).toBe(204)
    expect((await share()).status).toBe(201)
  })
})

describe('model manifest', () => {
  it('serves variant-specific file lists with ETag, Cache-Control and 304', async () => {
    const wasm = await call('/v1/models/manifest?variant=wasm')
    expect(wasm.status).toBe(200)
    const w = await json(wasm)
    expect(w).toMatchObject({ release: 'r-stable', rigVersion: 1, variant: 'wasm' })
    expect(w.files.map((f: { id: string }) => f.id)).toEqual(['translator', 'embedder-eval'])
    expect(w.files[0]).toEqual({
      id: 'translator',
      url: '/models/translator.onnx',
      sha256: '1'.repeat(64),
      bytes: 1024,
      inputs: [{ name: 'features', shape: [1, 256], dtype: 'float32' }],
      outputs: [{ name: 'x', shape: [1, 122], dtype: 'float32' }],
      // The fixture gives it no group: it counts as 'create'.
      group: 'create',
      rigVersion: 1,
      featureVersion: 1,
    })
    expect(wasm.headers.get('cache-control')).toMatch(/max-age=\d+/)
    const gpu = await json(await call('/v1/models/manifest?variant=webgpu'))
    expect(gpu.files.map((f: { id: string }) => f.id)).toEqual([
      'translator',
      'refine',
      'embedder-eval',
    ])
    const etag = wasm.headers.get('etag')!
    const again = await call('/v1/models/manifest?variant=wasm', {
      headers: { 'if-none-match': etag },
    })
    expect(again.status).toBe(304)
    const other = await call('/v1/models/manifest?variant=webgpu', {
      headers: { 'if-none-match': etag },
    })
    expect(other.status).toBe(200)
  })

  it('lists only the files of the groups asked for (repeated or comma-separated), each ETag its own', async () => {
    const ids = async (q: string) => {
      const res = await call(`/v1/models/manifest?variant=webgpu${q}`)
      expect(res.status).toBe(200)
      const body = await json(res)
      return {
        ids: body.files.map((f: { id: string }) => f.id),
        groups: body.files.map((f: { group: string }) => f.group),
        etag: res.headers.get('etag'),
      }
    }
    const create = await ids('&group=create')
    expect(create).toMatchObject({ ids: ['translator'], groups: ['create'] })
    const both = await ids('&group=create&group=refine')
    expect(both).toMatchObject({ ids: ['translator', 'refine'], groups: ['create', 'refine'] })
    expect((await ids('&group=refine,create')).ids).toEqual(['translator', 'refine'])
    expect((await ids('&group=eval')).ids).toEqual(['embedder-eval'])
    const all = await ids('')
    expect(all.groups).toEqual(['create', 'refine', 'eval'])
    // Every file says the rig it was trained for (null: none) and only the translator its feature layout.
    const files = (await json(await call('/v1/models/manifest?variant=webgpu'))).files as Array<{
      rigVersion: number | null
      featureVersion?: number
    }>
    expect(files.map((f) => f.rigVersion)).toEqual([1, 1, null])
    expect(files.map((f) => f.featureVersion)).toEqual([1, undefined, undefined])
    expect(new Set([create.etag, both.etag, all.etag]).size).toBe(3)
    const stale = await call('/v1/models/manifest?variant=webgpu&group=create', {
      headers: { 'if-none-match': all.etag! },
    })
    expect(stale.status).toBe(200)
  })

  it.each(['&group=', '&group=train', '&group=create,', '&group=Create'])(
    'rejects %j with 400 invalid-query naming the groups',
    async (q) => {
      const res = await call(`/v1/models/manifest?variant=wasm${q}`)
      expect(res.status).toBe(400)
      const { error } = await json(res)
      expect(error.code).toBe('invalid-query')
      expect(error.message).toMatch(/create, refine, eval/)
    }
  )

  it.each(['', '?variant=cuda'])('rejects variant %j with 400 invalid-query', async (q) => {
    const res = await call(`/v1/models/manifest${q}`)
    expect(res.status).toBe(400)
    expect((await json(res)).error.code).toBe('invalid-query')
  })
})

describe('CORS, headers and unknown routes', () => {
  it("allows only the app's origin", async () => {
    const ok = await call('/v1/models/manifest?variant=wasm', {
      headers: { origin: 'http://127.0.0.1:8787' },
    })
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8787')
    const evil = await call('/v1/models/manifest?variant=wasm', {
      headers: { origin: 'https://evil.example' },
    })
    expect(evil.headers.get('access-control-allow-origin')).toBeNull()
    const pre = await call('/v1/characters', {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:8787', 'access-control-request-method': 'PUT' },
    })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/If-Match/i)
  })

  it('sets security headers and answers unknown routes and methods in JSON', async () => {
    const res = await call('/v1/nothing-here')
    expect(res.status).toBe(404)
    expect((await json(res)).error.code).toBe('not-found')
    for (const h of [
      'x-content-type-options',
      'x-frame-options',
      'content-security-policy',
      'referrer-policy',
    ]) {
      expect(res.headers.get(h), h).toBeTruthy()
    }
    const me = await call('/v1/me', { method: 'POST' })
    expect(me.status).toBe(405)
    expect((await json(me)).error.code).toBe('method-not-allowed')
    expect((await call('/v1/auth/login')).status).toBe(405)
  })

  it('serves the app shell for client-side routes (assets, SPA fallback)', async () => {
    const res = await call('/s/abc', {
      headers: { 'sec-fetch-mode': 'navigate', accept: 'text/html' },
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('facecraft test fixture')
  })
})
