/** @file refresh-token shapes: v2 and first-version tokens parse; anything else (or non-canonical) does not. */
import { describe, expect, it } from 'vitest'
import { randomToken } from './encoding.ts'
import { formatRefreshToken, parseRefreshToken, sessionMac } from './refresh-token.ts'

describe('refresh tokens', () => {
  it('round-trips a v2 token and derives a stable mac per generation', async () => {
    const key = randomToken(32)
    const [user, sid] = [randomToken(16), randomToken(12)]
    const mac = await sessionMac(key, sid, 37)
    expect(await sessionMac(key, sid, 37)).toBe(mac)
    expect(await sessionMac(key, sid, 38)).not.toBe(mac)
    const token = formatRefreshToken(user, sid, 37, mac)
    expect(token.length).toBeLessThanOrEqual(200)
    expect(parseRefreshToken(token)).toEqual({
      kind: 'v2',
      userId: user,
      sessionId: sid,
      generation: 37,
      mac,
    })
  })
  it('parses first-version tokens', () => {
    const [sid, secret] = [randomToken(12), randomToken(32)]
    expect(parseRefreshToken(`${sid}.${secret}`)).toEqual({
      kind: 'legacy',
      sessionId: sid,
      secret,
    })
  })
  it.each([
    '',
    'r2....',
    'r2.a.b.0.c',
    `r2.${'A'.repeat(22)}.${'A'.repeat(16)}.00.${'A'.repeat(43)}`,
  ])('refuses %j', (t) => expect(parseRefreshToken(t)).toBeNull())
  it('refuses a non-canonical mac spelling', () => {
    const token = `r2.${randomToken(16)}.${randomToken(12)}.0.${'A'.repeat(42)}B`
    expect(parseRefreshToken(token)).toBeNull()
  })
})
