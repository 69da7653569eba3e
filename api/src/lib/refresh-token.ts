/**
 * @module lib/refresh-token — refresh tokens: `r2.<userId>.<sessionId>.<generation>.<mac>`. The user id routes the
 * token to the user's UserIndex Durable Object, which holds the session: a random 256-bit key and the current
 * generation. The mac is HMAC-SHA256(key, `<sessionId>.<generation>`), so the object can tell three things apart
 * without storing every secret it ever issued: the current token (rotate), a token it issued earlier (a replay:
 * theft, end the session) and a token it never issued (forged: a plain 401 that changes nothing).
 * Tokens of the first version, `<sessionId>.<secret>` with the session in KV, are still accepted once and moved
 * into the Durable Object (store/sessions.ts).
 */
import { fromBase64Url, toBase64Url } from './encoding.ts'

/** A parsed refresh token. */
export type ParsedRefreshToken =
  | { kind: 'v2'; userId: string; sessionId: string; generation: number; mac: string }
  | { kind: 'legacy'; sessionId: string; secret: string }

const V2 =
  /^r2\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{16})\.(0|[1-9a-z][0-9a-z]{0,7})\.([A-Za-z0-9_-]{43})$/
const LEGACY = /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/

/** Splits a refresh token; null when it has neither shape (or a part is not canonical base64url). */
export function parseRefreshToken(token: string): ParsedRefreshToken | null {
  const v2 = V2.exec(token)
  if (v2) {
    const [, userId, sessionId, gen, mac] = v2 as unknown as [
      string,
      string,
      string,
      string,
      string,
    ]
    if (![userId, sessionId, mac].every((part) => fromBase64Url(part))) return null
    return { kind: 'v2', userId, sessionId, generation: parseInt(gen, 36), mac }
  }
  const legacy = LEGACY.exec(token)
  if (legacy && fromBase64Url(legacy[1]!) && fromBase64Url(legacy[2]!)) {
    return { kind: 'legacy', sessionId: legacy[1]!, secret: legacy[2]! }
  }
  return null
}

/** Builds a v2 refresh token. */
export function formatRefreshToken(
  userId: string,
  sessionId: string,
  generation: number,
  mac: string
): string {
  return `r2.${userId}.${sessionId}.${generation.toString(36)}.${mac}`
}

/** The mac of generation `generation` of a session whose key is `keyB64` (base64url, 32 bytes). */
export async function sessionMac(
  keyB64: string,
  sessionId: string,
  generation: number
): Promise<string> {
  const raw = fromBase64Url(keyB64)
  if (!raw) throw new Error('session key is corrupt')
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ])
  const data = new TextEncoder().encode(`${sessionId}.${generation}`)
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, data)))
}
