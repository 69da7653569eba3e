/**
 * @file What only an operator or time can set up, against a second real Worker whose local KV this file seeds
 * with wrangler's own `wrangler kv --local` commands (no test backdoor in the Worker): the model rollout config
 * (staged candidate, pinned rollback, a missing release -> 503), expired shares (410) and the two byte quotas,
 * lowered by vars so a few records reach them. Its own server, because a rollout config would change what the
 * other files' manifest tests see (test files run in parallel).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { randomBytes } from 'node:crypto'
import type { Character } from '@facecraft/shared/rig'
import { createCharacterV2 } from '@facecraft/shared/rig-v2'
import type { SessionResponse } from '@facecraft/shared/api'
import { bucketOf, ROLLOUT_KEY } from '../src/lib/rollout.ts'
import {
  deleteLocalKvMany,
  getLocalKv,
  KV_CLI_TIMEOUT,
  putLocalKv,
  startWranglerDev,
  type DevServer,
} from './wrangler-dev.ts'

// Tests here seed or read KV through wrangler's CLI, whose stalled runs are retried (KV_CLI_TIMEOUT).
vi.setConfig({ testTimeout: KV_CLI_TIMEOUT })

/** Lowered quotas (production: 24 KiB a record, 7 MiB in all): a rig v2 character's record is ~7.2 KB. */
const MAX_RECORD_BYTES = 7300
const MAX_TOTAL_BYTES = 18_000

let server: DevServer
beforeAll(async () => {
  server = await startWranglerDev({
    vars: {
      MAX_RECORD_BYTES: String(MAX_RECORD_BYTES),
      MAX_TOTAL_BYTES: String(MAX_TOTAL_BYTES),
      REGISTER_LIMIT_PER_MINUTE: '1000',
      ANONYMOUS_LIMIT_PER_HOUR: '1000',
    },
  })
})
afterAll(() => server?.stop())

/** fetch against this file's Worker; a plain object body is sent as JSON. */
function at(path: string, init: { method?: string; body?: unknown; headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers)
  if (init.body !== undefined) headers.set('content-type', 'application/json')
  const body = init.body === undefined ? undefined : JSON.stringify(init.body)
  return fetch(server.url + path, { method: init.method, headers, body })
}
const bearer = (s: SessionResponse) => ({ authorization: `Bearer ${s.accessToken}` })
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (res: Response): Promise<any> => res.json()

async function anonymous(): Promise<SessionResponse> {
  const res = await at('/v1/auth/anonymous', { method: 'POST' })
  expect(res.status).toBe(201)
  return json(res)
}

function putCharacter(
  s: SessionResponse,
  id: string,
  name: string,
  character: Character,
  ifMatch?: number
) {
  const headers = { ...bearer(s), ...(ifMatch ? { 'if-match': `"${ifMatch}"` } : {}) }
  return at(`/v1/characters/${id}`, { method: 'PUT', headers, body: { name, character } })
}

/** A share id the route accepts (12 base64url characters) that no one else uses. */
const newShareId = () => randomBytes(9).toString('base64url')

describe('shares past their expiry', () => {
  it('answer 410 share-expired (the owner can still delete them); unexpired ones answer 200', async () => {
    const s = await anonymous()
    // The default character: its size does not move when the plausible prior is refitted (the record limit here is low).
    const character = createCharacterV2()
    expect((await putCharacter(s, 'shared', 'Shared', character)).status).toBe(201)
    const created = await json(
      await at('/v1/shares', {
        method: 'POST',
        headers: bearer(s),
        body: { characterId: 'shared', expiresInDays: 1 },
      })
    )
    // The record exactly as the Worker stored it: the seeded ones below differ only in their dates.
    const stored = JSON.parse((await getLocalKv(server.persistDir, `share:${created.id}`)) ?? '')
    expect(stored).toEqual({
      owner: s.user.id,
      characterId: 'shared',
      name: 'Shared',
      character,
      createdAt: expect.any(String),
      expiresAt: created.expiresAt,
    })
    const now = Date.now()
    const iso = (ms: number) => new Date(now + ms).toISOString()
    const [expiredId, liveId] = [newShareId(), newShareId()]
    const expired = { ...stored, createdAt: iso(-8 * 86_400_000), expiresAt: iso(-60_000) }
    const live = { ...stored, createdAt: iso(-86_400_000), expiresAt: iso(3_600_000) }
    await putLocalKv(server.persistDir, [
      { key: `share:${expiredId}`, value: JSON.stringify(expired) },
      { key: `share:${liveId}`, value: JSON.stringify(live) },
    ])

    const gone = await at(`/v1/shares/${expiredId}`)
    expect(gone.status).toBe(410)
    // Only the error: no character, no owner.
    expect(await json(gone)).toEqual({
      error: {
        code: 'share-expired',
        message: 'This share has expired; ask its owner for a new link.',
      },
    })
    const ok = await at(`/v1/shares/${liveId}`)
    expect(ok.status).toBe(200)
    expect(await json(ok)).toEqual({
      name: 'Shared',
      character,
      createdAt: live.createdAt,
      expiresAt: live.expiresAt,
    })
    expect(ok.headers.get('cache-control')).toBe('public, max-age=60')

    // Another user cannot delete it; its owner can, and then it is simply gone (404).
    const other = await anonymous()
    const foreign = await at(`/v1/shares/${expiredId}`, {
      method: 'DELETE',
      headers: bearer(other),
    })
    expect(foreign.status).toBe(404)
    const del = await at(`/v1/shares/${expiredId}`, { method: 'DELETE', headers: bearer(s) })
    expect(del.status).toBe(204)
    expect((await at(`/v1/shares/${expiredId}`)).status).toBe(404)
  })
})

describe('model rollout from KV config:models (no deploy)', () => {
  const CLIENTS = Array.from({ length: 40 }, (_, i) => `device-${i}`)
  const manifest = (query: string, headers: HeadersInit = {}) =>
    at(`/v1/models/manifest?variant=wasm${query}`, { headers })
  const releaseOf = async (client: string) =>
    (await json(await manifest(`&client=${client}`))).release as string
  const setConfig = (config: unknown) =>
    putLocalKv(server.persistDir, [{ key: ROLLOUT_KEY, value: JSON.stringify(config) }])
  /** The side of the 50% staged rollout a client key is on (lib/rollout.ts: FNV-1a bucket < percent). */
  const staged = (key: string) => (bucketOf(key) < 50 ? 'r-candidate' : 'r-stable')
  const candidateClient = CLIENTS.find((c) => staged(c) === 'r-candidate')!
  const stableClient = CLIENTS.find((c) => staged(c) === 'r-stable')!
  const etags = { candidate: '', stable: '' }

  it('serves the bundled release to everyone without a config', async () => {
    expect(new Set(await Promise.all(CLIENTS.slice(0, 8).map(releaseOf)))).toEqual(
      new Set(['r-stable'])
    )
  })

  it('sends a stable share of users to a staged candidate, by user id when signed in', async () => {
    await setConfig({ candidate: { release: 'r-candidate', percent: 50 } })
    const first = await Promise.all(CLIENTS.map(releaseOf))
    // Both groups exist, each client on the side of its bucket, and it stays there.
    expect(new Set(first)).toEqual(new Set(['r-stable', 'r-candidate']))
    expect(first).toEqual(CLIENTS.map(staged))
    expect(await Promise.all(CLIENTS.map(releaseOf))).toEqual(first)

    const cand = await manifest(`&client=${candidateClient}`)
    const body = await json(cand)
    expect(body).toMatchObject({ release: 'r-candidate', variant: 'wasm' })
    expect(body.files).toEqual([
      expect.objectContaining({
        id: 'translator',
        url: '/models/releases/r-candidate/translator.onnx',
        sha256: '3'.repeat(64),
        bytes: 4096,
      }),
    ])
    etags.candidate = cand.headers.get('etag')!
    etags.stable = (await manifest(`&client=${stableClient}`)).headers.get('etag')!
    expect(etags.candidate).not.toBe(etags.stable)
    const again = await manifest(`&client=${candidateClient}`, { 'if-none-match': etags.candidate })
    expect(again.status).toBe(304)

    // Signed in, the user id decides (a ?client= from the other side is ignored).
    const s = await anonymous()
    const mine = staged(s.user.id)
    const otherSide = mine === 'r-candidate' ? stableClient : candidateClient
    const signedIn = await json(await manifest(`&client=${otherSide}`, bearer(s)))
    expect(signedIn.release).toBe(mine)
  })

  it('rolls everyone back by pinning a release; ETags change with it', async () => {
    await setConfig({ pinned: 'r-previous' })
    expect(new Set(await Promise.all(CLIENTS.map(releaseOf)))).toEqual(new Set(['r-previous']))
    // A client holding the candidate's ETag gets the pinned release, not a stale 304.
    const res = await manifest(`&client=${candidateClient}`, { 'if-none-match': etags.candidate })
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body.release).toBe('r-previous')
    expect(body.files[0].url).toBe('/models/releases/r-previous/translator.onnx')
    const pinned = res.headers.get('etag')!
    expect([etags.candidate, etags.stable]).not.toContain(pinned)
    const again = await manifest(`&client=${stableClient}`, { 'if-none-match': pinned })
    expect(again.status).toBe(304)
  })

  it('answers 503 no-model-release when the configured release is not deployed', async () => {
    await setConfig({ pinned: 'r-not-deployed' })
    const res = await manifest(`&client=${stableClient}`, { 'if-none-match': etags.stable })
    expect(res.status).toBe(503)
    expect(await json(res)).toEqual({
      error: {
        code: 'no-model-release',
        message: 'No model release is deployed yet; try again later.',
      },
    })
    expect(res.headers.get('etag')).toBeNull()
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('ignores release names that are not one plain path segment (".", "..", hidden, "a..b")', async () => {
    for (const name of ['.', '..', '.hidden', 'a..b']) {
      await setConfig({ pinned: name })
      const res = await manifest(`&client=${stableClient}`)
      expect(res.status, name).toBe(200)
      expect((await json(res)).release, name).toBe('r-stable')
    }
  })

  it('returns to the bundled release when the config is deleted; old ETags match again', async () => {
    // bulk delete (--force), as the stored-records suite does while its Worker runs: the single-key
    // `kv key delete` stalled past 60 s twice in CI with this Worker running.
    await deleteLocalKvMany(server.persistDir, [ROLLOUT_KEY])
    expect(new Set(await Promise.all(CLIENTS.map(releaseOf)))).toEqual(new Set(['r-stable']))
    const res = await manifest(`&client=${candidateClient}`, { 'if-none-match': etags.stable })
    expect(res.status).toBe(304)
  })
})

describe('byte quotas (lowered by MAX_RECORD_BYTES / MAX_TOTAL_BYTES vars)', () => {
  /** Bytes of the record the Worker stores for a first revision (store/user-index.ts). */
  const recordBytes = (id: string, name: string, c: Character = character) =>
    new TextEncoder().encode(
      JSON.stringify({ id, revision: 1, updatedAt: new Date().toISOString(), name, character: c })
    ).byteLength
  /**
   * A valid character whose record with a one-letter name is just under the record limit: sliders of the default
   * character take long decimals (1/3) one by one. Its size is then independent of the plausible-people prior,
   * which engine work retunes (a prior change once made the test's character 600 bytes smaller).
   */
  const character = ((): Character => {
    const c = createCharacterV2()
    for (const id of Object.keys(c.sliders)) {
      if (recordBytes('small', 'a', c) > MAX_RECORD_BYTES - 120) break
      c.sliders[id] = 1 / 3
    }
    return c
  })()
  // 64 characters (the name limit), 3 bytes of UTF-8 each.
  const BIG_NAME = '€'.repeat(64)

  it('refuses a record over the limit with 413 quota-exceeded, on create and on update', async () => {
    // The test's own premise: a short name fits, the longest name does not.
    expect(recordBytes('small', 'a')).toBeLessThan(MAX_RECORD_BYTES - 50)
    expect(recordBytes('small', BIG_NAME)).toBeGreaterThan(MAX_RECORD_BYTES + 50)
    const s = await anonymous()
    expect((await putCharacter(s, 'small', 'a', character)).status).toBe(201)
    const big = await putCharacter(s, 'big', BIG_NAME, character)
    expect(big.status).toBe(413)
    const error = (await json(big)).error
    expect(error.code).toBe('quota-exceeded')
    expect(error.message).toMatch(
      new RegExp(`at most ${MAX_RECORD_BYTES} bytes \\(this one has \\d+\\); shorten the name`)
    )
    const grow = await putCharacter(s, 'small', BIG_NAME, character, 1)
    expect(grow.status).toBe(413)
    expect((await json(grow)).error.code).toBe('quota-exceeded')
    // Nothing was written: the record is unchanged and 'big' does not exist.
    const kept = await json(await at('/v1/characters/small', { headers: bearer(s) }))
    expect(kept).toMatchObject({ revision: 1, name: 'a' })
    const list = await json(await at('/v1/characters', { headers: bearer(s) }))
    expect(list.items.map((r: { id: string }) => r.id)).toEqual(['small'])
  })

  it('refuses writes past the total with 413; an update counts its old size once; a delete makes room', async () => {
    expect(2 * recordBytes('t1', 'a')).toBeLessThan(MAX_TOTAL_BYTES)
    expect(3 * recordBytes('t1', 'a')).toBeGreaterThan(MAX_TOTAL_BYTES)
    const s = await anonymous()
    expect((await putCharacter(s, 't1', 'a', character)).status).toBe(201)
    expect((await putCharacter(s, 't2', 'a', character)).status).toBe(201)
    const over = await putCharacter(s, 't3', 'a', character)
    expect(over.status).toBe(413)
    expect((await json(over)).error).toEqual({
      code: 'quota-exceeded',
      message: `Your saved characters and shares would pass ${MAX_TOTAL_BYTES} bytes; delete some characters or shares first.`,
    })
    // Replacing t1 in place stays under the total (its old bytes are not counted twice).
    expect((await putCharacter(s, 't1', 'ab', character, 1)).status).toBe(200)
    const del = await at('/v1/characters/t2', { method: 'DELETE', headers: bearer(s) })
    expect(del.status).toBe(204)
    expect((await putCharacter(s, 't3', 'a', character)).status).toBe(201)
  })
})
