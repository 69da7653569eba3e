/** @file Character sync against the real Worker: CRUD, If-Match, delta sync, ownership, validation, quotas. */
import { beforeAll, describe, expect, it } from 'vitest'
import { randomCharacter as randomCharacterV1 } from '@facecraft/shared/rig'
import { migrateV1, randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import { API_LIMITS } from '@facecraft/shared/api'
import {
  encodeOctave,
  encodeResidual,
  OCTAVE_PIXELS,
  SKIN_DETAIL_PIXELS,
} from '@facecraft/shared/detail'
import { anonymous, call, createCharacter, json, unique } from './client.ts'

let token = ''
beforeAll(async () => {
  token = (await anonymous()).accessToken
})

const put = (id: string, body: unknown, headers: Record<string, string> = {}, t = token) =>
  call(`/v1/characters/${id}`, { method: 'PUT', token: t, headers, body })

describe('create, read, update, delete', () => {
  it('creates with 201 + ETag; a second create gets 412 with the current record', async () => {
    const id = unique('c')
    const res = await put(id, { name: 'Ada', character: randomPlausibleCharacter(3) })
    expect(res.status).toBe(201)
    expect(res.headers.get('etag')).toBe('"1"')
    const rec = await json(res)
    expect(rec).toMatchObject({
      id,
      revision: 1,
      name: 'Ada',
      character: randomPlausibleCharacter(3),
    })
    expect(Date.parse(rec.updatedAt)).toBeGreaterThan(0)
    const again = await put(id, { name: 'Other', character: randomPlausibleCharacter(4) })
    expect(again.status).toBe(412)
    const body = await json(again)
    expect(body.error.code).toBe('revision-mismatch')
    expect(body.current).toEqual(rec)
  })

  it('reads with ETag, updates with If-Match, refuses a stale If-Match with the current record', async () => {
    const rec = await createCharacter(token)
    const got = await call(`/v1/characters/${rec.id}`, { token })
    expect(got.headers.get('etag')).toBe('"1"')
    expect(await json(got)).toEqual(rec)
    const up = await put(
      rec.id,
      { name: 'Renamed', character: randomPlausibleCharacter(9) },
      { 'if-match': '"1"' }
    )
    expect(up.status).toBe(200)
    expect(up.headers.get('etag')).toBe('"2"')
    const stale = await put(
      rec.id,
      { name: 'Stale', character: randomPlausibleCharacter(10) },
      { 'if-match': '"1"' }
    )
    expect(stale.status).toBe(412)
    const body = await json(stale)
    expect(body.current).toMatchObject({ revision: 2, name: 'Renamed' })
    const bad = await put(
      rec.id,
      { name: 'x', character: randomPlausibleCharacter(1) },
      { 'if-match': 'abc' }
    )
    expect(bad.status).toBe(400)
    expect((await json(bad)).error.code).toBe('invalid-header')
  })

  it('lets exactly one of many concurrent writers with the same If-Match win', async () => {
    const rec = await createCharacter(token)
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        put(
          rec.id,
          { name: `W${i}`, character: randomPlausibleCharacter(i) },
          { 'if-match': '"1"' }
        )
      )
    )
    const statuses = results.map((r) => r.status).sort()
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 412)).toHaveLength(19)
    const winner = await json(results.find((r) => r.status === 200)!)
    expect(await json(await call(`/v1/characters/${rec.id}`, { token }))).toEqual(winner)
  })

  it('deletes (stale If-Match 412, then 204), leaving a tombstone; updating a deleted id is 404', async () => {
    const rec = await createCharacter(token)
    const stale = await call(`/v1/characters/${rec.id}`, {
      method: 'DELETE',
      token,
      headers: { 'if-match': '"7"' },
    })
    expect(stale.status).toBe(412)
    const del = await call(`/v1/characters/${rec.id}`, {
      method: 'DELETE',
      token,
      headers: { 'if-match': '"1"' },
    })
    expect(del.status).toBe(204)
    expect((await call(`/v1/characters/${rec.id}`, { token })).status).toBe(404)
    expect((await call(`/v1/characters/${rec.id}`, { method: 'DELETE', token })).status).toBe(404)
    const upd = await put(
      rec.id,
      { name: 'x', character: randomPlausibleCharacter(1) },
      { 'if-match': '"1"' }
    )
    expect(upd.status).toBe(404)
    // Re-creating continues the revision sequence past the tombstone.
    const re = await put(rec.id, { name: 'Back', character: randomPlausibleCharacter(1) })
    expect(re.status).toBe(201)
    expect((await json(re)).revision).toBe(3)
  })
})

describe('delta sync', () => {
  it('lists everything, then only changes since the cursor, with tombstones and paging', async () => {
    const t = (await anonymous()).accessToken
    const a = await createCharacter(t, 'a')
    await createCharacter(t, 'b')
    const first = await json(await call('/v1/characters', { token: t }))
    expect(first.items.map((r: { id: string }) => r.id)).toEqual(['a', 'b'])
    expect(first).toMatchObject({ tombstones: [], more: false })
    const empty = await json(await call(`/v1/characters?since=${first.cursor}`, { token: t }))
    expect(empty).toMatchObject({ items: [], tombstones: [], cursor: first.cursor, more: false })
    await put('a', { name: 'A2', character: a.character }, { 'if-match': '"1"' }, t)
    await call('/v1/characters/b', { method: 'DELETE', token: t })
    await createCharacter(t, 'c')
    const page1 = await json(
      await call(`/v1/characters?since=${first.cursor}&limit=2`, { token: t })
    )
    expect(page1.more).toBe(true)
    expect(page1.items.map((r: { id: string }) => r.id)).toEqual(['a'])
    expect(page1.tombstones).toEqual([{ id: 'b', revision: 2, deletedAt: expect.any(String) }])
    const page2 = await json(
      await call(`/v1/characters?since=${page1.cursor}&limit=2`, { token: t })
    )
    expect(page2).toMatchObject({ more: false, tombstones: [] })
    expect(page2.items.map((r: { id: string }) => r.id)).toEqual(['c'])
  })

  it.each(['since=garbage', 'limit=0', 'limit=101', 'limit=abc'])(
    'rejects ?%s with 400',
    async (q) => {
      const res = await call(`/v1/characters?${q}`, { token })
      expect(res.status).toBe(400)
      expect((await json(res)).error.code).toBe('invalid-query')
    }
  )
})

describe('ownership', () => {
  it("gives 404 for another user's character on every route", async () => {
    const rec = await createCharacter(token)
    const other = (await anonymous()).accessToken
    expect((await call(`/v1/characters/${rec.id}`, { token: other })).status).toBe(404)
    const upd = await put(
      rec.id,
      { name: 'x', character: randomPlausibleCharacter(1) },
      { 'if-match': '"1"' },
      other
    )
    expect(upd.status).toBe(404)
    expect(
      (await call(`/v1/characters/${rec.id}`, { method: 'DELETE', token: other })).status
    ).toBe(404)
    const list = await json(await call('/v1/characters', { token: other }))
    expect(list.items).toEqual([])
    expect((await call(`/v1/characters/${rec.id}`, { token })).status).toBe(200)
  })

  it('requires a token', async () => {
    expect((await call('/v1/characters')).status).toBe(401)
    expect(
      (await put('x', { name: 'x', character: randomPlausibleCharacter(1) }, {}, '')).status
    ).toBe(401)
  })
})

describe('validation', () => {
  const char = randomPlausibleCharacter(5)
  it.each<[string, unknown, number, string]>([
    ['unknown field', { name: 'a', character: char, extra: 1 }, 400, 'invalid-body'],
    ['wrong type', { name: 5, character: char }, 400, 'invalid-body'],
    ['missing character', { name: 'a' }, 400, 'invalid-body'],
    ['array body', [1, 2], 400, 'invalid-body'],
    ['blank name', { name: '   ', character: char }, 400, 'invalid-body'],
    ['long name', { name: 'n'.repeat(65), character: char }, 400, 'invalid-body'],
    [
      'bad slider',
      { name: 'a', character: { ...char, sliders: { ...char.sliders, 'who.age': 2 } } },
      422,
      'invalid-character',
    ],
    [
      'unknown rig field',
      { name: 'a', character: { ...char, hat: 'top' } },
      422,
      'invalid-character',
    ],
    [
      'deep nesting',
      JSON.parse('{"name":"a","character":' + '{"a":'.repeat(20) + '1' + '}'.repeat(21)),
      400,
      'invalid-body',
    ],
  ])('%s -> %i %s', async (_name, body, status, code) => {
    const res = await put(unique('v'), body)
    expect(res.status).toBe(status)
    expect((await json(res)).error.code).toBe(code)
  })

  it('rejects huge bodies (413), non-JSON (400), wrong content type (415) and bad ids (400)', async () => {
    const huge = await put(unique('h'), { name: 'a', character: char, pad: 'x'.repeat(40_000) })
    expect(huge.status).toBe(413)
    expect((await json(huge)).error.code).toBe('body-too-large')
    const notJson = await put(unique('j'), '{"name": ', { 'content-type': 'application/json' })
    expect((await json(notJson)).error.code).toBe('invalid-json')
    const text = await put(unique('t'), 'name=a', { 'content-type': 'text/plain' })
    expect(text.status).toBe(415)
    expect((await json(text)).error.code).toBe('unsupported-media-type')
    const badId = await put('bad%20id', { name: 'a', character: char })
    expect(badId.status).toBe(400)
    expect((await json(badId)).error.code).toBe('invalid-query')
  })
})

describe('rig versions', () => {
  it('stores a rig v2 character exactly as sent, and serves it unmarked', async () => {
    const character = randomPlausibleCharacter(21)
    const res = await put(unique('v2'), { name: 'Two', character })
    expect(res.status).toBe(201)
    const rec = await json(res)
    expect(rec.character).toEqual(character)
    expect(rec).not.toHaveProperty('migratedFrom')
    expect(await json(await call(`/v1/characters/${rec.id}`, { token }))).toEqual(rec)
  })

  it('stores skin detail on basis v1 (256 weights, session 30), v2 and v3 (480), v4 (544) and v5 (608, with its residual and octave) exactly as sent', async () => {
    const onV1 = {
      ...randomPlausibleCharacter(23),
      detail: { basis: 1, weights: Array.from({ length: 256 }, (_, i) => ((i % 9) - 4) / 31) },
    }
    const onV5 = randomPlausibleCharacter(24, { detail: true })
    expect(onV5.detail!.weights).toHaveLength(608)
    const fine = onV5.detail!.weights.slice(0, 480)
    const onV2 = { ...onV5, detail: { basis: 2, weights: fine } }
    const onV3 = { ...onV5, detail: { basis: 3, weights: fine } }
    const onV4 = { ...onV5, detail: { basis: 4, weights: onV5.detail!.weights.slice(0, 544) } }
    // a v5 read from a photo has every weight off 0 (the dice's leave most at 0) and its residual (session 44): the
    // largest record a player makes
    const read = {
      ...onV5,
      detail: {
        basis: 5,
        weights: onV5.detail!.weights.map((_, i) => (((i * 7) % 249) - 124) / 31),
        residual: encodeResidual(
          Float32Array.from({ length: SKIN_DETAIL_PIXELS }, (_, i) => 6 * Math.sin(i))
        ),
      },
    }
    // and since session 51 its octave too (API v1.8), its weights at the 4 decimals the creator writes (the
    // longest JSON of each step: rig/share-codec detailWeight, shared/src/api/limits.test.ts): the largest record a
    // player makes
    const sharp = {
      ...read,
      detail: {
        ...read.detail,
        weights: read.detail.weights.map((w) => Math.round(w * 1e4) / 1e4),
        octave: encodeOctave(
          Float32Array.from({ length: OCTAVE_PIXELS }, (_, i) => 9 * Math.cos(i))
        ),
      },
    }
    expect(JSON.stringify(read).length).toBeLessThan(22_000)
    expect(JSON.stringify(sharp).length).toBeGreaterThan(17_000)
    // a residual or an octave that is not one, or an octave without its residual, is refused with its path, and
    // nothing is stored
    for (const [detail, path] of [
      [{ ...read.detail, residual: 'AAAA' }, 'detail.residual'],
      [{ ...sharp.detail, octave: 'AAAA' }, 'detail.octave'],
      [{ ...sharp.detail, residual: undefined }, 'detail.octave'],
    ] as const) {
      const bad = await put(unique('sd'), { name: 'Detail', character: { ...read, detail } })
      expect(bad.status).toBe(422)
      expect(JSON.stringify(await json(bad))).toContain(path)
    }
    for (const character of [onV1, onV2, onV3, onV4, onV5, read, sharp]) {
      const res = await put(unique('sd'), { name: 'Detail', character })
      expect(res.status).toBe(201)
      const rec = await json(res)
      expect(rec.character).toEqual(character)
      expect(await json(await call(`/v1/characters/${rec.id}`, { token }))).toEqual(rec)
    }
  })

  it('accepts a rig v1 character from an older app: stored migrated, answered with migratedFrom 1', async () => {
    const v1 = randomCharacterV1(22)
    const id = unique('v1')
    const res = await put(id, { name: 'Old app', character: v1 })
    expect(res.status).toBe(201)
    const rec = await json(res)
    expect(rec).toMatchObject({ id, revision: 1, name: 'Old app', migratedFrom: 1 })
    expect(rec.character).toEqual(migrateV1(v1))
    // What is stored is the v2 character: later reads are plain v2 records with the same ETag.
    const got = await call(`/v1/characters/${id}`, { token })
    expect(got.headers.get('etag')).toBe('"1"')
    const { migratedFrom: _, ...stored } = rec
    expect(await json(got)).toEqual(stored)
    // The old app's next edit (If-Match as usual) updates it.
    const edit = await put(
      id,
      { name: 'Old app', character: randomCharacterV1(23) },
      { 'if-match': '"1"' }
    )
    expect(edit.status).toBe(200)
    expect(await json(edit)).toMatchObject({
      revision: 2,
      character: migrateV1(randomCharacterV1(23)),
    })
  })

  it('refuses a character of a newer rig with 422 unsupported-rig saying to update the app', async () => {
    const character = { ...randomPlausibleCharacter(24), rig: 3 }
    const res = await put(unique('v3'), { name: 'Future', character })
    expect(res.status).toBe(422)
    const { error } = await json(res)
    expect(error.code).toBe('unsupported-rig')
    expect(error.message).toMatch(/rig v3.*update the app/)
    expect(error.issues[0]).toMatchObject({ path: 'character.rig' })
  })

  it('lists every problem of an invalid character with its JSON path (v2 and v1 alike)', async () => {
    const v2 = randomPlausibleCharacter(25)
    const bad = {
      ...v2,
      sliders: { ...v2.sliders, 'who.age': 1.5, 'face.no-such-slider': 0.5 },
      styles: { ...v2.styles, 'hair.style': 'mohawk-9000' },
    }
    const res = await put(unique('bad'), { name: 'Bad', character: bad })
    expect(res.status).toBe(422)
    const { error } = await json(res)
    expect(error.code).toBe('invalid-character')
    const paths = error.issues.map((i: { path: string }) => i.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        'character.sliders.who.age',
        'character.sliders.face.no-such-slider',
        'character.styles.hair.style',
      ])
    )
    expect(error.message).toMatch(/^Invalid character: character\./)
    const v1 = randomCharacterV1(26)
    const badV1 = { ...v1, sliders: { ...v1.sliders, 'nose.width': -1 } }
    const old = await json(await put(unique('bad1'), { name: 'Bad', character: badV1 }))
    expect(old.error.code).toBe('invalid-character')
    expect(old.error.issues).toEqual([
      { path: 'character.sliders.nose.width', message: expect.any(String) },
    ])
    const missing = await json(
      await put(unique('bad2'), { name: 'Bad', character: { sliders: {} } })
    )
    expect(missing.error.issues.map((i: { path: string }) => i.path)).toContain('character.rig')
  })
})

describe('quotas', () => {
  it(`refuses character number ${API_LIMITS.maxCharacters + 1} with 409 quota-exceeded`, async () => {
    const t = (await anonymous()).accessToken
    const character = randomPlausibleCharacter(2)
    for (let i = 0; i < API_LIMITS.maxCharacters; i += 20) {
      const batch = Array.from({ length: 20 }, (_, k) =>
        put(`q${i + k}`, { name: 'q', character }, {}, t).then((r) => r.status)
      )
      expect(new Set(await Promise.all(batch))).toEqual(new Set([201]))
    }
    const over = await put('one-too-many', { name: 'q', character }, {}, t)
    expect(over.status).toBe(409)
    expect((await json(over)).error).toMatchObject({ code: 'quota-exceeded' })
    // Deleting one makes room again.
    await call('/v1/characters/q0', { method: 'DELETE', token: t })
    expect((await put('one-too-many', { name: 'q', character }, {}, t)).status).toBe(201)
  })
})
