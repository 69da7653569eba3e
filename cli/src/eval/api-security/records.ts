/**
 * @module cli/eval/api-security/records — damaged and missing stored records. Seeds accounts, characters and shares
 * through the API, stops the Worker, damages or deletes one KV record of every type with wrangler's own
 * `kv --local` commands (user, password hash, character body, share, rollout config, and the first-version session
 * and email index records), starts a fresh Worker on the same state (so no Durable Object has anything cached)
 * and reads each record through every route that reads it. Any 5xx is a finding.
 */
import { randomBytes } from 'node:crypto'
import { randomCharacter } from '@facecraft/shared/rig'
import type { SessionResponse } from '@facecraft/shared/api'
import { deleteLocalKvMany, putLocalKv } from '../../../../api/test/wrangler-dev.ts'
import { newEmail, PASSWORD, type Answer, type Http } from './http.ts'

const b64 = (n: number) => randomBytes(n).toString('base64url')

/** What was seeded before the damage. */
export interface Seeded {
  owner: SessionResponse
  damagedUser: SessionResponse
  missingUser: SessionResponse
  damagedHash: SessionResponse
  shares: [string, string]
}

/** Seeds, through the API, the records the damage will hit. */
export async function seedRecords(http: Http): Promise<Seeded> {
  const owner = await http.register(newEmail('owner'))
  for (const id of ['c1', 'c2', 'c3']) {
    const res = await http.send(`/v1/characters/${id}`, {
      method: 'PUT',
      token: owner.accessToken,
      body: { name: id, character: randomCharacter(id.charCodeAt(1)) },
    })
    if (res.status !== 201) throw new Error(`seed character gave ${res.status}`)
  }
  const shares: string[] = []
  for (let i = 0; i < 2; i++) {
    const res = await http.send('/v1/shares', {
      method: 'POST',
      token: owner.accessToken,
      body: { characterId: 'c1' },
    })
    if (res.status !== 201) throw new Error(`seed share gave ${res.status}`)
    shares.push(res.json().id)
  }
  return {
    owner,
    damagedUser: await http.register(newEmail('damaged')),
    missingUser: await http.register(newEmail('missing')),
    damagedHash: await http.register(newEmail('hash')),
    shares: shares as [string, string],
  }
}

/**
 * Damages (while the Worker is stopped: `restart` stops it, runs the callback, starts a fresh one and points
 * `http` at it) and probes. Returns the 5xx count, the number of probes and the routes that failed.
 */
export async function badRecords(
  http: Http,
  seeded: Seeded,
  persistDir: string,
  restart: (whileStopped: () => Promise<void>) => Promise<void>
): Promise<{ serverErrors: number; probes: number; findings: string[] }> {
  const { owner, damagedUser, missingUser, damagedHash, shares } = seeded
  const uid = owner.user.id
  const oldSid = b64(12)
  const oldEmail = newEmail('old-index')
  await restart(async () => {
    await putLocalKv(persistDir, [
      { key: `char:${uid}:c3:1`, value: '{"id":"c3","revision":1,"name":' },
      { key: `share:${shares[0]}`, value: 'null' },
      { key: `user:${damagedUser.user.id}`, value: '[1,2,3]' },
      {
        key: `user:${damagedHash.user.id}`,
        value: JSON.stringify({
          id: damagedHash.user.id,
          email: damagedHash.user.email,
          password: { salt: 'not base64!', hash: '???', iterations: 1000 },
          createdAt: new Date().toISOString(),
        }),
      },
      { key: 'config:models', value: '{"pinned":' },
      { key: `session:${oldSid}`, value: '{"userId":42}' },
      { key: `email:${oldEmail}`, value: 'not a user id' },
    ])
    await deleteLocalKvMany(persistDir, [
      `char:${uid}:c2:1`,
      `share:${shares[1]}`,
      `user:${missingUser.user.id}`,
    ])
  })
  const probes: Array<[string, Promise<Answer>]> = []
  const probe = (name: string, path: string, o: Parameters<Http['send']>[1] = {}) =>
    probes.push([name, http.send(path, o)])
  const t = owner.accessToken
  probe('list', '/v1/characters', { token: t })
  probe('list since', '/v1/characters?since=c1.0&limit=2', { token: t })
  for (const id of ['c2', 'c3']) {
    probe(`get ${id}`, `/v1/characters/${id}`, { token: t })
    probe(`share ${id}`, '/v1/shares', { method: 'POST', token: t, body: { characterId: id } })
  }
  for (const share of shares) {
    probe('read share', `/v1/shares/${share}`)
    probe('delete share', `/v1/shares/${share}`, { method: 'DELETE', token: t })
  }
  await Promise.all(probes.map(([, p]) => p))
  // Writes after the reads (each alone: one of them restores c2, another deletes c3).
  probe('stale update c3', '/v1/characters/c3', {
    method: 'PUT',
    token: t,
    headers: { 'if-match': '"9"' },
    body: { name: 'c3', character: randomCharacter(3) },
  })
  probe('restore c2', '/v1/characters/c2', {
    method: 'PUT',
    token: t,
    headers: { 'if-match': '"1"' },
    body: { name: 'c2', character: randomCharacter(2) },
  })
  probe('delete c3', '/v1/characters/c3', {
    method: 'DELETE',
    token: t,
    headers: { 'if-match': '"5"' },
  })
  for (const [name, s] of [
    ['damaged user', damagedUser],
    ['missing user', missingUser],
    ['damaged hash', damagedHash],
  ] as const) {
    probe(`${name} me`, '/v1/me', { token: s.accessToken })
    probe(`${name} refresh`, '/v1/auth/refresh', {
      method: 'POST',
      body: { refreshToken: s.refreshToken },
    })
    probe(`${name} login`, '/v1/auth/login', {
      method: 'POST',
      body: { email: s.user.email, password: PASSWORD },
    })
    probe(`${name} upgrade`, '/v1/auth/upgrade', {
      method: 'POST',
      token: s.accessToken,
      body: { email: newEmail('up'), password: PASSWORD },
    })
    probe(`${name} list`, '/v1/characters', { token: s.accessToken })
  }
  const oldToken = `${oldSid}.${b64(32)}`
  probe('damaged old session refresh', '/v1/auth/refresh', {
    method: 'POST',
    body: { refreshToken: oldToken },
  })
  probe('damaged old session logout', '/v1/auth/logout', {
    method: 'POST',
    body: { refreshToken: oldToken },
  })
  probe('damaged old email login', '/v1/auth/login', {
    method: 'POST',
    body: { email: oldEmail, password: PASSWORD },
  })
  probe('damaged old email register', '/v1/auth/register', {
    method: 'POST',
    body: { email: oldEmail, password: PASSWORD },
  })
  for (const variant of ['wasm', 'webgpu'])
    probe(`manifest ${variant}`, `/v1/models/manifest?variant=${variant}`)
  probe('logout-all damaged user', '/v1/auth/logout-all', {
    method: 'POST',
    token: damagedUser.accessToken,
  })
  const answers = await Promise.all(probes.map(async ([name, p]) => [name, await p] as const))
  const failed = answers.filter(([, a]) => a.status === 0 || a.status >= 500)
  return {
    serverErrors: failed.length,
    probes: answers.length,
    findings: failed.map(([name, a]) => `${name}: ${a.status}`),
  }
}
