/**
 * @module routes/shares — /v1/shares: a short public link to a read-only snapshot of one of your characters,
 * with an optional expiry. KV holds `share:<id>`; the owner's UserIndex counts shares for the quota.
 */
import { Hono } from 'hono'
import {
  API_LIMITS,
  type CreateShareBody,
  type SharedCharacterResponse,
  ID_PATTERN,
} from '@facecraft/shared/api'
import type { Character } from '@facecraft/shared/rig'
import type { AppEnv } from '../env.ts'
import { apiError } from '../errors.ts'
import { bearerAuth, sessionRef } from '../middleware/auth/index.ts'
import { jsonBody } from '../middleware/json-body/index.ts'
import { randomToken } from '../lib/encoding.ts'
import { parseBody, type BodySchema } from '../lib/validate.ts'
import { unlessRevoked, userIndex } from './characters.ts'
import { methodNotAllowed } from './method-not-allowed.ts'

interface ShareRecord extends SharedCharacterResponse {
  owner: string
}

const SHARE_ID = /^[A-Za-z0-9_-]{12}$/
const DAY_MS = 24 * 3600 * 1000
// Expired shares stay readable as 410 for a week, then KV forgets them (404).
const GRACE_SECONDS = 7 * 24 * 3600

const CREATE_BODY: BodySchema = {
  characterId: { type: 'string', maxLength: 64, pattern: ID_PATTERN },
  expiresInDays: { type: 'integer', min: 1, max: API_LIMITS.maxShareDays, optional: true },
}

function shareId(id: string | undefined): string {
  if (!id || !SHARE_ID.test(id)) throw apiError(404, 'not-found', 'No share with this id.')
  return id
}

export const shareRoutes = new Hono<AppEnv>()

shareRoutes.post('/', bearerAuth(), jsonBody(), async (c) => {
  const body = parseBody<CreateShareBody>(c.get('body'), CREATE_BODY)
  const { userId } = c.get('auth')
  const record = unlessRevoked(await userIndex(c).get(sessionRef(c), userId, body.characterId))
  if (!record) throw apiError(404, 'not-found', 'No saved character with this id; save it first.')
  const id = randomToken(9)
  const now = Date.now()
  const expires = body.expiresInDays ? now + body.expiresInDays * DAY_MS : null
  if (!(await userIndex(c).addShare(id, expires))) {
    throw apiError(
      409,
      'quota-exceeded',
      `You have ${API_LIMITS.maxShares} live shares; delete some first.`
    )
  }
  const share: ShareRecord = {
    owner: userId,
    name: record.name,
    character: record.character as Character,
    createdAt: new Date(now).toISOString(),
    expiresAt: expires ? new Date(expires).toISOString() : null,
  }
  const ttl = expires ? { expirationTtl: Math.ceil((expires - now) / 1000) + GRACE_SECONDS } : {}
  await c.env.DATA.put(`share:${id}`, JSON.stringify(share), ttl)
  return c.json({ id, url: `${c.env.APP_ORIGIN}/s/${id}`, expiresAt: share.expiresAt }, 201)
})

shareRoutes.get('/:id', async (c) => {
  const share = await c.env.DATA.get<ShareRecord>(`share:${shareId(c.req.param('id'))}`, 'json')
  if (!share) throw apiError(404, 'not-found', 'No share with this id; ask for a new link.')
  if (share.expiresAt && Date.parse(share.expiresAt) <= Date.now()) {
    throw apiError(410, 'share-expired', 'This share has expired; ask its owner for a new link.')
  }
  const { name, character, createdAt, expiresAt } = share
  return c.json({ name, character, createdAt, expiresAt }, 200, {
    'Cache-Control': 'public, max-age=60',
  })
})

shareRoutes.delete('/:id', bearerAuth(), async (c) => {
  const id = shareId(c.req.param('id'))
  const share = await c.env.DATA.get<ShareRecord>(`share:${id}`, 'json')
  // Someone else's share looks exactly like a missing one.
  if (!share || share.owner !== c.get('auth').userId)
    throw apiError(404, 'not-found', 'No share with this id.')
  await c.env.DATA.delete(`share:${id}`)
  await userIndex(c).removeShare(id)
  return c.body(null, 204)
})

shareRoutes.all('/', methodNotAllowed('POST'))
shareRoutes.all('/:id', methodNotAllowed('GET, DELETE'))
