/**
 * @module routes/characters — /v1/characters: the signed-in user's saved characters, synced through their
 * UserIndex Durable Object (store/user-index.ts). Ids are client-chosen; writes are conditional on revisions
 * (If-Match: "<revision>"); a stale write gets 412 with the current record, never a silent overwrite. Characters
 * are rig v2; a rig v1 character (an older app) is accepted and stored migrated, stored v1 records are served
 * migrated (lib/rig.ts, store/stored-record.ts: servedRecord).
 */
import { Hono, type Context } from 'hono'
import { API_LIMITS, ID_PATTERN, type PutCharacterBody } from '@facecraft/shared/api'
import type { AppEnv } from '../env.ts'
import { apiError } from '../errors.ts'
import { bearerAuth, revokedError, sessionRef } from '../middleware/auth/index.ts'
import { jsonBody } from '../middleware/json-body/index.ts'
import { rateLimited } from '../middleware/rate-limit/index.ts'
import { acceptCharacter } from '../lib/rig.ts'
import { parseBody, type BodySchema } from '../lib/validate.ts'
import { REVOKED, type Revoked } from '../store/revocation.ts'
import type { WriteResult } from '../store/user-index.ts'
import { methodNotAllowed } from './method-not-allowed.ts'

const PUT_BODY: BodySchema = {
  name: { type: 'string', maxLength: API_LIMITS.maxNameLength, visible: true },
  character: { type: 'object' },
}

/** The user's Durable Object. */
export const userIndex = (c: Context<AppEnv>) =>
  c.env.USER_INDEX.get(c.env.USER_INDEX.idFromName(c.get('auth').userId))

/** A Durable Object answer, or 401 when it says the access token's session was revoked. */
export function unlessRevoked<T>(result: T | Revoked): T {
  if (result === REVOKED) throw revokedError()
  return result as T
}

/** The `:id` path parameter, checked. */
export function pathId(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? ''
  if (!ID_PATTERN.test(id)) throw apiError(400, 'invalid-query', 'Ids are 1-64 of A-Z a-z 0-9 _ -.')
  return id
}

/** Reads If-Match: absent -> null; `"<n>"` (or W/"<n>", or a bare n) -> n; anything else -> 400. */
export function ifMatchRevision(c: Context<AppEnv>): number | null {
  const header = c.req.header('if-match')
  if (header === undefined) return null
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim())
  if (!m)
    throw apiError(400, 'invalid-header', 'If-Match must be the record\'s revision, e.g. "3".')
  return Number(m[1])
}

/** Encodes a change sequence as the opaque list cursor, and back. */
export const encodeCursor = (seq: number) => `c1.${seq.toString(36)}`
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0
  const m = /^c1\.([0-9a-z]{1,10})$/.exec(cursor)
  if (!m) throw apiError(400, 'invalid-query', "'since' must be a cursor returned by this API.")
  return parseInt(m[1]!, 36)
}

function writeFailure(result: WriteResult): never {
  switch (result.status) {
    case 'mismatch':
      throw apiError(
        412,
        'revision-mismatch',
        `This character changed on another device (now revision ${result.current.revision}); merge with 'current' and retry with If-Match: "${result.current.revision}".`,
        { current: result.current }
      )
    case 'not-found':
      throw apiError(
        404,
        'not-found',
        'No saved character with this id (it may have been deleted).'
      )
    case 'quota':
      throw apiError(result.kind === 'count' ? 409 : 413, 'quota-exceeded', result.message)
    case 'rate-limited':
      throw rateLimited(result.retryAfter)
    default:
      throw new Error(`unexpected write result ${result.status}`)
  }
}

export const characterRoutes = new Hono<AppEnv>()
// Each route below makes exactly one UserIndex call, which also checks revocation (before any side effect).
characterRoutes.use('*', bearerAuth({ revocation: 'in-route' }))

characterRoutes.get('/', async (c) => {
  const since = decodeCursor(c.req.query('since'))
  const limitText = c.req.query('limit')
  const limit = limitText === undefined ? API_LIMITS.maxListPage : Number(limitText)
  if (!Number.isInteger(limit) || limit < 1 || limit > API_LIMITS.maxListPage) {
    throw apiError(
      400,
      'invalid-query',
      `'limit' must be an integer from 1 to ${API_LIMITS.maxListPage}.`
    )
  }
  const page = unlessRevoked(
    await userIndex(c).list(sessionRef(c), c.get('auth').userId, since, limit)
  )
  return c.json({
    items: page.items,
    tombstones: page.tombstones,
    cursor: encodeCursor(page.seq),
    more: page.more,
    // Only when something could not be read (logged): clients that do not know the field lose nothing.
    ...(page.skipped ? { skipped: page.skipped } : {}),
  })
})

characterRoutes.get('/:id', async (c) => {
  const id = pathId(c)
  const record = unlessRevoked(await userIndex(c).get(sessionRef(c), c.get('auth').userId, id))
  if (!record) throw apiError(404, 'not-found', 'No saved character with this id.')
  return c.json(record, 200, { ETag: `"${record.revision}"` })
})

characterRoutes.put('/:id', jsonBody(), async (c) => {
  const id = pathId(c)
  const ifMatch = ifMatchRevision(c)
  const body = parseBody<PutCharacterBody>(c.get('body'), PUT_BODY)
  const { character, migratedFrom } = acceptCharacter(body.character, 'character')
  const result = unlessRevoked(
    await userIndex(c).put(sessionRef(c), c.get('auth').userId, id, ifMatch, body.name, character)
  )
  if (result.status === 'created' || result.status === 'updated') {
    const status = result.status === 'created' ? 201 : 200
    // An older app sent rig v1: it learns what is stored now (its next read would say so anyway).
    const record = migratedFrom ? { ...result.record, migratedFrom } : result.record
    return c.json(record, status, { ETag: `"${result.record.revision}"` })
  }
  writeFailure(result)
})

characterRoutes.delete('/:id', async (c) => {
  const id = pathId(c)
  const ifMatch = ifMatchRevision(c)
  const result = unlessRevoked(
    await userIndex(c).remove(sessionRef(c), c.get('auth').userId, id, ifMatch)
  )
  if (result.status === 'deleted') return c.body(null, 204)
  writeFailure(result)
})

characterRoutes.all('/', methodNotAllowed('GET'))
characterRoutes.all('/:id', methodNotAllowed('GET, PUT, DELETE'))
