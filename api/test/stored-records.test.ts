/**
 * @file What storage and time do to the API, against this file's own Worker: damaged or missing KV records of every
 * type (seeded with wrangler's own `kv --local` commands while the Worker is stopped, then read by a fresh Worker
 * whose Durable Objects have nothing cached) answer 4xx or are skipped, never 5xx; first-version sessions and email
 * index entries still work; shares count toward the byte quota and die with their character; writes, refreshes
 * and anonymous accounts are rate-limited; idle anonymous accounts expire. Limits are lowered by vars.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createHash, pbkdf2Sync, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomCharacter } from '@facecraft/shared/rig'
import { decodePng } from '@facecraft/shared/image'
import { encodeShareCodeV2, migrateV1, randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import type { SessionResponse } from '@facecraft/shared/api'
import {
  deleteLocalKvMany,
  getLocalKv,
  KV_CLI_TIMEOUT,
  putLocalKv,
  startWranglerDev,
  type DevServer,
  type LocalKvEntry,
} from './wrangler-dev.ts'

// Tests here seed or read KV through wrangler's CLI, whose stalled runs are retried (KV_CLI_TIMEOUT).
vi.setConfig({ testTimeout: KV_CLI_TIMEOUT })

const VARS = {
  MAX_TOTAL_BYTES: '45000',
  REGISTER_LIMIT_PER_MINUTE: '1000',
  SIGNIN_LIMIT_PER_MINUTE: '1000',
  ANONYMOUS_LIMIT_PER_HOUR: '4',
  WRITE_LIMIT_PER_MINUTE: '20',
  CODE_PREVIEWS_PER_MINUTE: '3',
  ANONYMOUS_IDLE_SECONDS: '5',
  TOKEN_SECRET: randomBytes(32).toString('base64url'),
}
const PASSWORD = 'correct horse battery'
const b64 = (b: Buffer) => b.toString('base64url')

let state: string
let server: DevServer
const start = async () => (server = await startWranglerDev({ vars: VARS, persistTo: state }))

/** Legacy (first-version) records, written before the Worker first starts. */
const legacy = {
  userId: b64(randomBytes(16)),
  email: `legacy-${Date.now()}@example.com`,
  sid: b64(randomBytes(12)),
  secret: b64(randomBytes(32)),
  /** A first-version anonymous account with a KV session. */
  anonId: b64(randomBytes(16)),
  anonSid: b64(randomBytes(12)),
  anonSecret: b64(randomBytes(32)),
}

beforeAll(async () => {
  state = mkdtempSync(join(tmpdir(), 'facecraft-stored-'))
  const salt = randomBytes(16)
  const hash = pbkdf2Sync(PASSWORD, salt, 1000, 32, 'sha256')
  const entries: LocalKvEntry[] = [
    {
      key: `user:${legacy.userId}`,
      value: JSON.stringify({
        id: legacy.userId,
        email: legacy.email,
        password: { salt: b64(salt), hash: b64(hash), iterations: 1000 },
        createdAt: new Date().toISOString(),
      }),
    },
    { key: `email:${legacy.email}`, value: legacy.userId },
    {
      key: `session:${legacy.sid}`,
      value: JSON.stringify({
        userId: legacy.userId,
        secretHash: createHash('sha256').update(legacy.secret).digest('hex'),
        createdAt: new Date().toISOString(),
      }),
    },
    { key: `usess:${legacy.userId}:${legacy.sid}`, value: '' },
    {
      key: `user:${legacy.anonId}`,
      value: JSON.stringify({
        id: legacy.anonId,
        email: null,
        password: null,
        createdAt: new Date().toISOString(),
      }),
    },
    {
      key: `session:${legacy.anonSid}`,
      value: JSON.stringify({
        userId: legacy.anonId,
        secretHash: createHash('sha256').update(legacy.anonSecret).digest('hex'),
        createdAt: new Date().toISOString(),
      }),
    },
  ]
  await putLocalKv(state, entries)
  await start()
}, 120_000)
afterAll(async () => {
  await server?.stop()
  rmSync(state, { recursive: true, force: true })
})

function at(
  path: string,
  init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {}
) {
  const headers = new Headers(init.headers)
  if (init.body !== undefined) headers.set('content-type', 'application/json')
  if (init.token) headers.set('authorization', `Bearer ${init.token}`)
  const body = init.body === undefined ? undefined : JSON.stringify(init.body)
  return fetch(server.url + path, { method: init.method, headers, body })
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (res: Response): Promise<any> => res.json()
let n = 0
const newEmail = () => `stored-${Date.now()}-${n++}@example.com`

async function register(email = newEmail()): Promise<SessionResponse> {
  const res = await at('/v1/auth/register', { method: 'POST', body: { email, password: PASSWORD } })
  expect(res.status).toBe(201)
  return json(res)
}
const put = (s: SessionResponse, id: string, seed: number, ifMatch?: number) =>
  at(`/v1/characters/${id}`, {
    method: 'PUT',
    token: s.accessToken,
    headers: ifMatch ? { 'if-match': `"${ifMatch}"` } : {},
    body: { name: `Char ${seed}`, character: randomPlausibleCharacter(seed) },
  })
const refresh = (refreshToken: string) =>
  at('/v1/auth/refresh', { method: 'POST', body: { refreshToken } })

describe('first-version records (made before sessions and emails moved into Durable Objects)', () => {
  it('sign in through the old email index; an old refresh token refreshes once into a new one', async () => {
    const res = await at('/v1/auth/login', {
      method: 'POST',
      body: { email: legacy.email, password: PASSWORD },
    })
    expect(res.status).toBe(200)
    expect((await json(res)).user.id).toBe(legacy.userId)
    const old = `${legacy.sid}.${legacy.secret}`
    const moved = await refresh(old)
    expect(moved.status).toBe(200)
    const next = await json(moved)
    expect(next.refreshToken).toMatch(/^r2\./)
    expect((await refresh(next.refreshToken)).status).toBe(200)
    expect(await getLocalKv(state, `session:${legacy.sid}`)).toBeNull()
    // The email is now held by its claim object: a sign-up with it is refused.
    const taken = await at('/v1/auth/register', {
      method: 'POST',
      body: { email: legacy.email, password: PASSWORD },
    })
    expect(taken.status).toBe(409)
  })
})

describe('quotas and limits', () => {
  it('counts shares toward the byte quota, and deletes them with their character', async () => {
    const s = await register()
    expect((await put(s, 'shared', 1)).status).toBe(201)
    const share = (characterId: string) =>
      at('/v1/shares', { method: 'POST', token: s.accessToken, body: { characterId } })
    const first = await share('shared')
    expect(first.status).toBe(201)
    const { id } = await json(first)
    // Record and each share ~7.5 KB (rig v2): the 45,000-byte quota holds the record and a few shares, then every
    // further share is refused. How many fit follows the prior's character size, which engine work retunes.
    const more: number[] = []
    for (let i = 0; i < 8; i++) more.push((await share('shared')).status)
    const refused = more.indexOf(413)
    expect(refused).toBeGreaterThan(1)
    expect(more.slice(0, refused).every((s) => s === 201)).toBe(true)
    expect(more.slice(refused).every((s) => s === 413)).toBe(true)
    expect((await at(`/v1/shares/${id}`)).status).toBe(200)
    const del = await at('/v1/characters/shared', { method: 'DELETE', token: s.accessToken })
    expect(del.status).toBe(204)
    expect((await at(`/v1/shares/${id}`)).status).toBe(404)
    expect(await getLocalKv(state, `share:${id}`)).toBeNull()
  })

  it('limits writes per account (20 a minute here) with 429 and Retry-After', async () => {
    const s = await register()
    const statuses = [(await put(s, 'busy', 1)).status]
    for (let rev = 1; rev <= 20; rev++) statuses.push((await put(s, 'busy', rev + 1, rev)).status)
    expect(statuses.slice(0, 20).every((x) => x === 201 || x === 200)).toBe(true)
    const last = await put(s, 'busy', 99, 20)
    expect(statuses[20]).toBe(429)
    expect(last.status).toBe(429)
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('limits refreshes per session (30 a minute)', async () => {
    const s = await register()
    let token = s.refreshToken
    for (let i = 0; i < 30; i++) {
      const res = await refresh(token)
      expect(res.status, `refresh ${i + 1}`).toBe(200)
      token = (await json(res)).refreshToken
    }
    const over = await refresh(token)
    expect(over.status).toBe(429)
    expect((await json(over)).error.code).toBe('rate-limited')
  })

  it('limits anonymous accounts per IP (4 an hour here)', async () => {
    const ip = `10.77.${randomBytes(2).join('.')}`
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const res = await at('/v1/auth/anonymous', {
        method: 'POST',
        headers: { 'cf-connecting-ip': ip },
      })
      statuses.push(res.status)
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(60)
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429])
  })

  it('deletes an idle anonymous account and its data (idle limit 5 s here)', async () => {
    const res = await at('/v1/auth/anonymous', {
      method: 'POST',
      headers: { 'cf-connecting-ip': '10.78.0.1' },
    })
    const anon = (await json(res)) as SessionResponse
    expect((await put(anon, 'kept', 5)).status).toBe(201)
    // A first-version anonymous session starts its idle clock when it moves into the Durable Object.
    const moved = await refresh(`${legacy.anonSid}.${legacy.anonSecret}`)
    expect(moved.status).toBe(200)
    const old = (await json(moved)) as SessionResponse
    const bodyKey = `char:${anon.user.id}:kept:1`
    expect((await at('/v1/characters/kept', { token: anon.accessToken })).status).toBe(200)
    await new Promise((done) => setTimeout(done, 12_000))
    expect((await refresh(anon.refreshToken)).status).toBe(401)
    expect((await at('/v1/me', { token: anon.accessToken })).status).toBe(401)
    expect(await getLocalKv(state, bodyKey)).toBeNull()
    expect(await getLocalKv(state, `user:${anon.user.id}`)).toBeNull()
    expect((await refresh(old.refreshToken)).status).toBe(401)
    expect(await getLocalKv(state, `user:${legacy.anonId}`)).toBeNull()
  })
})

describe('damaged and missing records (read by a fresh Worker)', () => {
  it('never answer 5xx: bad ones are skipped (with a count) or answered 401/404', async () => {
    const u = await register()
    for (const [id, seed] of [
      ['c1', 1],
      ['c2', 2],
      ['c3', 3],
    ] as const) {
      expect((await put(u, id, seed)).status).toBe(201)
    }
    const share = await json(
      await at('/v1/shares', { method: 'POST', token: u.accessToken, body: { characterId: 'c1' } })
    )
    const badUser = await register()
    const badHash = await register()
    const goneUser = await register()
    const oldSid = b64(randomBytes(12))
    const oldSecret = b64(randomBytes(32))
    const oldEmail = `old-${Date.now()}@example.com`

    await server.stop()
    await putLocalKv(state, [
      { key: `char:${u.user.id}:c3:1`, value: '{"id":"c3","revision":1,"name":' },
      // A body saved under another rig version (a field today's rig does not know): still the player's.
      {
        key: `char:${u.user.id}:c1:1`,
        value: JSON.stringify({
          id: 'c1',
          revision: 1,
          updatedAt: new Date().toISOString(),
          name: 'c1 from an older app',
          character: { ...randomCharacter(1), retiredField: true },
        }),
      },
      { key: `share:${share.id}`, value: '{"owner":' },
      { key: `user:${badUser.user.id}`, value: '[1,2,3]' },
      {
        key: `user:${badHash.user.id}`,
        value: JSON.stringify({
          id: badHash.user.id,
          email: badHash.user.email,
          password: { salt: 'not base64!', hash: '???', iterations: 1000 },
          createdAt: new Date().toISOString(),
        }),
      },
      { key: 'config:models', value: '{"pinned":' },
      { key: `session:${oldSid}`, value: '{"userId":42}' },
      { key: `email:${oldEmail}`, value: 'not a user id' },
    ])
    await deleteLocalKvMany(state, [`char:${u.user.id}:c2:1`, `user:${goneUser.user.id}`])
    await start()

    const answers: Array<[string, Response]> = []
    const probe = async (name: string, res: Promise<Response>) => {
      const r = await res
      answers.push([name, r])
      return r
    }
    const list = await probe('list', at('/v1/characters', { token: u.accessToken }))
    const page = await json(list)
    expect(page.items.map((r: { id: string; name: string }) => [r.id, r.name])).toEqual([
      ['c1', 'c1 from an older app'],
    ])
    expect(page.skipped).toBe(2)
    expect(
      (await probe('get missing', at('/v1/characters/c2', { token: u.accessToken }))).status
    ).toBe(404)
    expect(
      (await probe('get damaged', at('/v1/characters/c3', { token: u.accessToken }))).status
    ).toBe(404)
    // A write restores a record whose body was lost, at the next revision.
    const restored = await probe('restore', put(u, 'c2', 22, 1))
    expect(restored.status).toBe(201)
    expect((await json(restored)).revision).toBe(2)
    expect(
      (
        await probe(
          'delete damaged',
          at('/v1/characters/c3', {
            method: 'DELETE',
            token: u.accessToken,
            headers: { 'if-match': '"7"' },
          })
        )
      ).status
    ).toBe(204)
    expect((await probe('share', at(`/v1/shares/${share.id}`))).status).toBe(404)
    expect((await probe('share preview', at(`/s/${share.id}/preview.png`))).status).toBe(404)
    expect((await probe('share page', at(`/s/${share.id}`))).status).toBe(200)
    expect(
      (
        await probe(
          'share delete',
          at(`/v1/shares/${share.id}`, { method: 'DELETE', token: u.accessToken })
        )
      ).status
    ).toBe(404)
    for (const [name, s] of [
      ['damaged user', badUser],
      ['missing user', goneUser],
    ] as const) {
      expect((await probe(`${name} me`, at('/v1/me', { token: s.accessToken }))).status).toBe(401)
      expect((await probe(`${name} refresh`, refresh(s.refreshToken))).status).toBe(401)
      const signIn = await probe(
        `${name} login`,
        at('/v1/auth/login', { method: 'POST', body: { email: s.user.email, password: PASSWORD } })
      )
      expect(signIn.status).toBe(401)
    }
    const hashLogin = await probe(
      'damaged hash login',
      at('/v1/auth/login', {
        method: 'POST',
        body: { email: badHash.user.email, password: PASSWORD },
      })
    )
    expect(hashLogin.status).toBe(401)
    const oldRefresh = await probe('damaged old session', refresh(`${oldSid}.${oldSecret}`))
    expect(oldRefresh.status).toBe(401)
    const oldLogin = await probe(
      'damaged old email index',
      at('/v1/auth/login', { method: 'POST', body: { email: oldEmail, password: PASSWORD } })
    )
    expect(oldLogin.status).toBe(401)
    const manifest = await probe('damaged rollout config', at('/v1/models/manifest?variant=wasm'))
    expect(manifest.status).toBe(200)
    expect(answers.filter(([, r]) => r.status >= 500).map(([name]) => name)).toEqual([])
  }, 120_000)
})

describe('rig v1 records (saved before rig v2; read by a fresh Worker)', () => {
  it('open migrated with the same id, name, time and revision; the originals stay until the player saves', async () => {
    const u = await register()
    for (const id of ['old-a', 'old-b']) expect((await put(u, id, 40)).status).toBe(201)
    const share = await json(
      await at('/v1/shares', {
        method: 'POST',
        token: u.accessToken,
        body: { characterId: 'old-b' },
      })
    )
    const v1a = randomCharacter(41)
    const v1b = randomCharacter(42)
    const future = { ...randomPlausibleCharacter(43), rig: 3 }
    const body = (id: string, name: string, character: unknown, updatedAt: string) =>
      JSON.stringify({ id, revision: 1, updatedAt, name, character })
    const bodyA = body('old-a', 'Ada (v1)', v1a, '2026-01-02T03:04:05.000Z')
    const bodyB = body('old-b', 'Bo (v1)', future, '2026-01-03T03:04:05.000Z')
    const shareRecord = {
      owner: u.user.id,
      characterId: 'old-b',
      name: 'Bo (v1)',
      character: v1b,
      createdAt: '2026-01-03T03:04:05.000Z',
      expiresAt: null,
    }
    // Written while the Worker is stopped: the restarted Worker's Durable Objects hold no cached bodies.
    await server.stop()
    await putLocalKv(state, [
      { key: `char:${u.user.id}:old-a:1`, value: bodyA },
      // A body of a newer rig than this server reads: served as stored, never dropped.
      { key: `char:${u.user.id}:old-b:1`, value: bodyB },
      { key: `share:${share.id}`, value: JSON.stringify(shareRecord) },
    ])
    await start()

    const got = await at('/v1/characters/old-a', { token: u.accessToken })
    expect(got.status).toBe(200)
    expect(got.headers.get('etag')).toBe('"1"')
    const a = await json(got)
    expect(a).toEqual({
      id: 'old-a',
      revision: 1,
      updatedAt: '2026-01-02T03:04:05.000Z',
      name: 'Ada (v1)',
      character: migrateV1(v1a),
      migratedFrom: 1,
    })
    const list = await json(await at('/v1/characters', { token: u.accessToken }))
    expect(list.skipped).toBeUndefined()
    expect(list.items).toEqual([a, JSON.parse(bodyB)])
    // Reading never rewrites: both originals are in KV exactly as saved.
    expect(JSON.parse((await getLocalKv(state, `char:${u.user.id}:old-a:1`))!)).toEqual(
      JSON.parse(bodyA)
    )
    // Conflicts work as before, against the migrated record.
    const stale = await at('/v1/characters/old-a', {
      method: 'PUT',
      token: u.accessToken,
      headers: { 'if-match': '"7"' },
      body: { name: 'x', character: randomPlausibleCharacter(44) },
    })
    expect(stale.status).toBe(412)
    expect((await json(stale)).current).toEqual(a)

    // The v1 share opens migrated, and its page and preview show the v2 head.
    const shared = await json(await at(`/v1/shares/${share.id}`))
    expect(shared).toMatchObject({ name: 'Bo (v1)', character: migrateV1(v1b), migratedFrom: 1 })
    const page = await (await at(`/s/${share.id}`)).text()
    expect(page).toContain('<meta property="og:title" content="Bo (v1), made with facecraft" />')
    const preview = await at(`/s/${share.id}/preview.png`)
    expect(preview.status).toBe(200)
    const bytes = new Uint8Array(await preview.arrayBuffer())
    expect(decodePng(bytes).height).toBe(630)
    const byCode = await at(`/s/preview/${encodeShareCodeV2(migrateV1(v1b))}.png`)
    expect(Buffer.compare(new Uint8Array(await byCode.arrayBuffer()), bytes)).toBe(0)

    // The player's save supersedes the v1 original (a new revision, as any edit); only then is it deleted.
    const saved = await put(u, 'old-a', 45, 1)
    expect(saved.status).toBe(200)
    expect(await json(saved)).toMatchObject({ revision: 2, name: 'Char 45' })
    // Deleted in the background (waitUntil): poll, since each wrangler KV read takes seconds under load.
    let original: string | null = bodyA
    for (let i = 0; i < 5 && original !== null; i++) {
      original = await getLocalKv(state, `char:${u.user.id}:old-a:1`)
    }
    expect(original).toBeNull()
  }, 120_000)

  it('limits new share-code pictures per IP (3 a minute here); cached ones stay free', async () => {
    const ip = `10.79.${randomBytes(2).join('.')}`
    const get = (seed: number) =>
      at(`/s/preview/${encodeShareCodeV2(randomPlausibleCharacter(seed))}.png`, {
        headers: { 'cf-connecting-ip': ip },
      })
    const statuses: number[] = []
    for (const seed of [50, 51, 52, 53, 50]) statuses.push((await get(seed)).status)
    expect(statuses).toEqual([200, 200, 200, 429, 200])
  }, 60_000)
})
