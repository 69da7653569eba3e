/**
 * @module lib/tokens — short-lived access tokens: `v1.<payload>.<signature>`, base64url JSON payload
 * `{ sub, sid, iat, exp }` (seconds since the epoch) signed with HMAC-SHA256 over `v1.<payload>` (WebCrypto).
 * Revocation is checked by the auth middleware against the session in KV; this module only signs and verifies.
 */
import { fromBase64Url, toBase64Url } from './encoding.ts'

/** What an access token says. */
export interface AccessClaims {
  /** User id. */
  sub: string
  /** Session id (revoked by logout / logout-all). */
  sid: string
  /** Issued at, seconds since the epoch. */
  iat: number
  /** Expires at, seconds since the epoch. */
  exp: number
}

const PREFIX = 'v1.'
const keys = new Map<string, Promise<CryptoKey>>()

/** The HMAC key for `secret`, imported once per isolate. */
function hmacKey(secret: string): Promise<CryptoKey> {
  if (secret.length < 32) {
    throw new Error(
      'TOKEN_SECRET must be at least 32 characters; run `npm start` or see docs/api.md'
    )
  }
  let key = keys.get(secret)
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify']
    )
    keys.set(secret, key)
  }
  return key
}

/** Signs `claims` into an access token. */
export async function signAccessToken(claims: AccessClaims, secret: string): Promise<string> {
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify(claims)))
  const signed = PREFIX + payload
  const sig = await crypto.subtle.sign(
    'HMAC',
    await hmacKey(secret),
    new TextEncoder().encode(signed)
  )
  return `${signed}.${toBase64Url(new Uint8Array(sig))}`
}

/** The claims of a well-formed, correctly signed, unexpired token; null otherwise (never throws on input). */
export async function verifyAccessToken(
  token: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000)
): Promise<AccessClaims | null> {
  if (token.length > 1024 || !token.startsWith(PREFIX)) return null
  const dot = token.lastIndexOf('.')
  const signed = token.slice(0, dot)
  const sig = fromBase64Url(token.slice(dot + 1))
  if (dot <= PREFIX.length || !sig) return null
  // crypto.subtle.verify compares in constant time.
  const ok = await crypto.subtle.verify(
    'HMAC',
    await hmacKey(secret),
    sig,
    new TextEncoder().encode(signed)
  )
  if (!ok) return null
  const bytes = fromBase64Url(signed.slice(PREFIX.length))
  if (!bytes) return null
  try {
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Partial<AccessClaims>
    const valid =
      typeof claims.sub === 'string' &&
      typeof claims.sid === 'string' &&
      typeof claims.iat === 'number' &&
      typeof claims.exp === 'number'
    return valid && claims.exp! > nowSeconds ? (claims as AccessClaims) : null
  } catch {
    return null
  }
}
