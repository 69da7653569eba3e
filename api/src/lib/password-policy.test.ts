/** @file the breached-password check: listed passwords and trivial variations refused, ordinary phrases kept. */
import { describe, expect, it } from 'vitest'
import { COMMON_PASSWORDS_TEXT } from './common-passwords.ts'
import { isCommonPassword } from './password-policy.ts'

describe('isCommonPassword', () => {
  it.each([
    'password123',
    'Password123',
    '1234567890',
    'qwertyuiop',
    '1q2w3e4r5t',
    'iloveyou12',
    'Monkey2024!',
    '!!dragon1234',
    'qwertyqwerty',
    'aaaaaaaaaaaa',
    'abcabcabcabc',
    '0000000000',
    'ＰＡＳＳＷＯＲＤ123'.normalize('NFKC'),
  ])('refuses %s', (p) => expect(isCommonPassword(p)).toBe(true))

  it.each([
    'correct horse battery',
    'bench password 123',
    'velvet-otter-sings-loud',
    'Zürich ist schön 42',
    'tH9#kq2!mVz0',
  ])('accepts %s', (p) => expect(isCommonPassword(p)).toBe(false))

  it('ships thousands of entries, lower-case, without blanks', () => {
    const list = COMMON_PASSWORDS_TEXT.split('\n')
    expect(list.length).toBeGreaterThan(10_000)
    expect(list.every((p) => p.length > 0 && p === p.toLowerCase())).toBe(true)
    expect(list.slice(0, 3)).toEqual(['123456', 'password', '12345678'])
  })
})
