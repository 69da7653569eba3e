/** @file tokens, passwords, rollout choice and byte quotas. */
import { describe, expect, it } from 'vitest'
import { hashPassword, MAX_PBKDF2_ITERATIONS, verifyPassword } from './password.ts'
import { byteQuota } from './quota.ts'
import { bucketOf, chooseRelease, manifestPath, parseRollout } from './rollout.ts'
import { signAccessToken, verifyAccessToken } from './tokens.ts'

const SECRET = 'k'.repeat(40)

describe('access tokens', () => {
  const claims = { sub: 'user', sid: 'session', iat: 1000, exp: 2000 }
  it('round-trips before expiry and fails after it', async () => {
    const token = await signAccessToken(claims, SECRET)
    expect(await verifyAccessToken(token, SECRET, 1999)).toEqual(claims)
    expect(await verifyAccessToken(token, SECRET, 2000)).toBeNull()
  })
  it('fails with another secret, a flipped byte or junk', async () => {
    const token = await signAccessToken(claims, SECRET)
    expect(await verifyAccessToken(token, 'x'.repeat(40), 1500)).toBeNull()
    const flipped = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11)
    expect(await verifyAccessToken(flipped, SECRET, 1500)).toBeNull()
    for (const junk of ['', 'v1.', 'v1..', 'v2.a.b', 'v1.!!!.???']) {
      expect(await verifyAccessToken(junk, SECRET, 1500)).toBeNull()
    }
  })
  it('refuses a short secret', async () => {
    await expect(signAccessToken(claims, 'short')).rejects.toThrow(/TOKEN_SECRET/)
  })
})

describe('passwords', () => {
  it('verifies the right password only, with a salt per hash', async () => {
    const a = await hashPassword('correct horse', 1000)
    const b = await hashPassword('correct horse', 1000)
    expect(a.salt).not.toBe(b.salt)
    expect(await verifyPassword('correct horse', a)).toBe(true)
    expect(await verifyPassword('correct horsf', a)).toBe(false)
  })
  it("refuses more iterations than workerd's cap", async () => {
    await expect(hashPassword('x', MAX_PBKDF2_ITERATIONS + 1)).rejects.toThrow(/100000/)
  })
})

describe('rollout', () => {
  it('pins, stages by a stable bucket, and ignores malformed config', () => {
    expect(chooseRelease(parseRollout('{"pinned":"r1"}'), 'anyone')).toBe('r1')
    const staged = parseRollout('{"candidate":{"release":"r2","percent":30}}')
    const users = Array.from({ length: 2000 }, (_, i) => `user-${i}`)
    const share = users.filter((u) => chooseRelease(staged, u) === 'r2').length / users.length
    expect(share).toBeGreaterThan(0.25)
    expect(share).toBeLessThan(0.35)
    expect(chooseRelease(staged, 'user-7')).toBe(chooseRelease(staged, 'user-7'))
    expect(bucketOf('x')).toBeLessThan(100)
    expect(parseRollout('{"pinned":"../etc"}')).toEqual({})
    for (const name of ['.', '..', '.hidden', 'a..b'])
      expect(parseRollout(JSON.stringify({ pinned: name }))).toEqual({})
    expect(parseRollout('null')).toEqual({})
    expect(parseRollout('[1]')).toEqual({})
    expect(parseRollout('not json')).toEqual({})
    expect(parseRollout(null)).toEqual({})
    expect(manifestPath(null)).toBe('/models/manifest.json')
    expect(manifestPath('r2')).toBe('/models/releases/r2/manifest.json')
  })
})

describe('byte quotas from vars', () => {
  it.each([
    [undefined, 1000],
    ['300', 300],
    ['1000', 1000],
    ['5000', 1000],
    ['0', 1000],
    ['-5', 1000],
    ['1.5', 1000],
    ['lots', 1000],
    ['', 1000],
  ])('byteQuota(%j, 1000) -> %i (vars only lower the default)', (value, expected) =>
    expect(byteQuota(value, 1000)).toBe(expected)
  )
})
