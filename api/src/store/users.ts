/**
 * @module store/users — accounts in KV: `user:<id>` holds the record, `email:<email>` points to the id.
 * KV has no compare-and-swap, so two registrations of one email in the same instant could both pass the
 * "is it taken" check; the later write wins the email index (see docs/api.md, "Consistency").
 */
import type { ApiUser } from '@facecraft/shared/api'
import type { PasswordHash } from '../lib/password.ts'
import { randomToken } from '../lib/encoding.ts'

/** A stored account. `password` never leaves this module's callers in a response. */
export interface UserRecord {
  id: string
  email: string | null
  password: PasswordHash | null
  createdAt: string
}

/** A new random user id (16 bytes, base64url). */
export const newUserId = (): string => randomToken(16)

export async function getUser(kv: KVNamespace, id: string): Promise<UserRecord | null> {
  return kv.get<UserRecord>(`user:${id}`, 'json')
}

export async function findUserIdByEmail(kv: KVNamespace, email: string): Promise<string | null> {
  return kv.get(`email:${email}`)
}

/** Writes the record and, when it has an email, the email index. */
export async function putUser(kv: KVNamespace, user: UserRecord): Promise<void> {
  await kv.put(`user:${user.id}`, JSON.stringify(user))
  if (user.email) await kv.put(`email:${user.email}`, user.id)
}

/** The public view: id, email, anonymous. No hash, no salt. */
export function publicUser(user: UserRecord): ApiUser {
  return { id: user.id, email: user.email, anonymous: user.email === null }
}

/** Normalises an email for lookup: trimmed, lower-case. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase()
