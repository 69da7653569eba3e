/**
 * @module lib/password — PBKDF2-SHA256 password hashing through WebCrypto with a random 16-byte salt per user.
 * workerd refuses more than 100,000 iterations (OWASP asks 600,000 for PBKDF2-SHA256; the cap is the platform's),
 * so the iteration count is stored with each hash and can be raised later without breaking old accounts.
 */
import { fromBase64Url, toBase64Url } from './encoding.ts'

/** The most iterations workerd's WebCrypto accepts, and our default. */
export const MAX_PBKDF2_ITERATIONS = 100_000

/** What we store for a password; never returned by the API or logged. */
export interface PasswordHash {
  /** base64url, 16 bytes. */
  salt: string
  /** base64url, 32 bytes. */
  hash: string
  iterations: number
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password),
    'PBKDF2',
    false,
    ['deriveBits']
  )
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256
  )
  return new Uint8Array(bits)
}

/** Hashes a new password with a fresh salt. */
export async function hashPassword(
  password: string,
  iterations = MAX_PBKDF2_ITERATIONS
): Promise<PasswordHash> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
    throw new Error(
      `PBKDF2 iterations must be 1-${MAX_PBKDF2_ITERATIONS} (workerd's cap), got ${iterations}`
    )
  }
  const salt = crypto.getRandomValues(new Uint8Array(16))
  const hash = await derive(password, salt, iterations)
  return { salt: toBase64Url(salt), hash: toBase64Url(hash), iterations }
}

/** True when `password` matches `stored`, compared in constant time. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const salt = fromBase64Url(stored.salt)
  const expected = fromBase64Url(stored.hash)
  if (!salt || !expected) throw new Error('stored password hash is corrupt')
  const actual = await derive(password, salt, stored.iterations)
  return timingSafeEqual(actual, expected)
}

/** Constant-time comparison of two byte arrays (length is not secret). */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}
