/**
 * @module routes/shares — /v1/shares: a short public link to a read-only snapshot of one of your characters,
 * with an optional expiry. KV holds `share:<id>`; the owner's UserIndex counts shares (and their bytes, in the
 * byte quota) and deletes a character's shares with it. Stored shares are checked when read: a damaged one is
 * logged and answers 404. Characters are served as rig v2: a share made under rig v1 opens migrated (the stored
 * snapshot is kept as it was).
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
import { openStored } from '../lib/rig.ts'
import { parseBody, type BodySchema } from '../lib/validate.ts'
import { unlessRevoked, userIndex } from './characters.ts'
import { methodNotAllowed } from './method-not-allowed.ts'

interface ShareRecord extends SharedCharacterResponse {
  owner: string
  /** The character shown (absent on shares made before shares were deleted with their character). */
  characterId?: string
}

/** A stored share, checked; null (logged) when absent or damaged. */
async function readShare(kv: KVNamespace, id: string): Promise<ShareRecord | null> {
  const text = await kv.get(`share:${id}`)
  if (text === null) return null
  try {
    const s = JSON.parse(text) as Partial<ShareRecord> | null
    if (
      s &&
      typeof s.owner === 'string' &&
      typeof s.name === 'string' &&
      typeof s.createdAt === 'string' &&
      (s.expiresAt === null ||
        (typeof s.expiresAt === 'string' && !isNaN(Date.parse(s.expiresAt)))) &&
      // The envelope only: a share made under an older rig version still opens (migrated when served).
      typeof s.character === 'object' &&
      s.character !== null &&
      !Array.isArray(s.character)
    ) {
      return s as ShareRecord
    }
  } catch {
    // fall through
  }
  console.error('share record unreadable; answered 404', id.slice(0, 4))
  return null
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
  const share: ShareRecord = {
    owner: userId,
    characterId: body.characterId,
    name: record.name,
    character: record.character as Character,
    createdAt: new Date(now).toISOString(),
    expiresAt: expires ? new Date(expires).toISOString() : null,
  }
  const json = JSON.stringify(share)
  const added = await userIndex(c).addShare(
    id,
    expires,
    body.characterId,
    new TextEncoder().encode(json).byteLength
  )
  if (added === 'not-found') {
    throw apiError(404, 'not-found', 'No saved character with this id; save it first.')
  }
  if (added === 'count') {
    throw apiError(
      409,
      'quota-exceeded',
      `You have ${API_LIMITS.maxShares} live shares; delete some first.`
    )
  }
  if (added === 'bytes') {
    throw apiError(
      413,
      'quota-exceeded',
      'Your saved characters and shares would pass your storage quota; delete some shares or characters first.'
    )
  }
  const ttl = expires ? { expirationTtl: Math.ceil((expires - now) / 1000) + GRACE_SECONDS } : {}
  await c.env.DATA.put(`share:${id}`, json, ttl)
  return c.json({ id, url: `${c.env.APP_ORIGIN}/s/${id}`, expiresAt: share.expiresAt }, 201)
})

shareRoutes.get('/:id', async (c) => {
  const share = await readShare(c.env.DATA, shareId(c.req.param('id')))
  if (!share) throw apiError(404, 'not-found', 'No share with this id; ask for a new link.')
  if (share.expiresAt && Date.parse(share.expiresAt) <= Date.now()) {
    throw apiError(410, 'share-expired', 'This share has expired; ask its owner for a new link.')
  }
  const { name, createdAt, expiresAt } = share
  const { character, migratedFrom } = openStored(share.character, `share ${share.createdAt}`)
  const body = { name, character, createdAt, expiresAt, ...(migratedFrom ? { migratedFrom } : {}) }
  return c.json(body, 200, {
    'Cache-Control': 'public, max-age=60',
  })
})

shareRoutes.delete('/:id', bearerAuth(), async (c) => {
  const id = shareId(c.req.param('id'))
  const share = await readShare(c.env.DATA, id)
  // Someone else's share looks exactly like a missing one.
  if (!share || share.owner !== c.get('auth').userId)
    throw apiError(404, 'not-found', 'No share with this id.')
  await c.env.DATA.delete(`share:${id}`)
  await userIndex(c).removeShare(id)
  return c.body(null, 204)
})

shareRoutes.all('/', methodNotAllowed('POST'))
shareRoutes.all('/:id', methodNotAllowed('GET, DELETE'))
