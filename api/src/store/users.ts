/**
 * @module store/users — accounts in KV: `user:<id>` holds the record. Which account owns an email is decided by
 * the EmailClaim Durable Object of that email's hash (store/email-claim.ts), not by KV (no compare-and-swap).
 * Records are checked when read: a damaged one is logged and treated as absent, never a 500.
 */
import type { ApiUser } from '@facecraft/shared/api'
import type { Env } from '../env.ts'
import type { PasswordHash } from '../lib/password.ts'
import { randomToken, sha256Hex } from '../lib/encoding.ts'

/** A stored account. `password` never leaves this module's callers in a response. */
export interface UserRecord {
  id: string
  email: string | null
  password: PasswordHash | null
  createdAt: string
}

/** A new random user id (16 bytes, base64url). */
export const newUserId = (): string => randomToken(16)

/** True when `v` is a stored password hash this code can verify. */
function isPasswordHash(v: unknown): v is PasswordHash {
  const p = v as Partial<PasswordHash> | null
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.salt === 'string' &&
    typeof p.hash === 'string' &&
    Number.isInteger(p.iterations) &&
    p.iterations! >= 1 &&
    p.iterations! <= 100_000
  )
}

/** The record of `id` as stored, or null when absent or damaged (logged). */
export async function getUser(kv: KVNamespace, id: string): Promise<UserRecord | null> {
  const text = await kv.get(`user:${id}`)
  if (text === null) return null
  try {
    const u = JSON.parse(text) as Partial<UserRecord> | null
    const ok =
      typeof u === 'object' &&
      u !== null &&
      u.id === id &&
      (u.email === null || typeof u.email === 'string') &&
      (u.password === null || isPasswordHash(u.password)) &&
      (u.email === null) === (u.password === null) &&
      typeof u.createdAt === 'string'
    if (ok) return u as UserRecord
  } catch {
    // fall through
  }
  console.error('user record unreadable; treated as absent', id.slice(0, 4))
  return null
}

/** Writes the account record (the email's owner is recorded by the EmailClaim object, not here). */
export async function putUser(kv: KVNamespace, user: UserRecord): Promise<void> {
  await kv.put(`user:${user.id}`, JSON.stringify(user))
}

/** The public view: id, email, anonymous. No hash, no salt. */
export function publicUser(user: UserRecord): ApiUser {
  return { id: user.id, email: user.email, anonymous: user.email === null }
}

/** Normalises an email for lookup: NFC, trimmed, lower-case. */
export const normaliseEmail = (email: string): string => email.normalize('NFC').trim().toLowerCase()

/** The key of a normalised email (Durable Object names, rate-limit keys): SHA-256 hex, never the raw text. */
export const emailKey = (email: string): Promise<string> => sha256Hex(email)

/** The EmailClaim Durable Object of a normalised email. */
export async function emailClaim(env: Pick<Env, 'EMAIL_CLAIM'>, email: string) {
  return env.EMAIL_CLAIM.get(env.EMAIL_CLAIM.idFromName(await emailKey(email)))
}
