/** @file text rules: well-formed Unicode, NFC, UTF-8 length, invisible-only text; and the body validator using them. */
import { describe, expect, it } from 'vitest'
import { fromBase64Url, toBase64Url } from './encoding.ts'
import { isInvisible, isWellFormed, nfc, utf8Length } from './text.ts'
import { checkBody, parseBody } from './validate.ts'

describe('text', () => {
  it('finds lone surrogates but accepts pairs', () => {
    expect(isWellFormed('ok 😀')).toBe(true)
    expect(isWellFormed('a\uD800b')).toBe(false)
    expect(isWellFormed('\uDC00')).toBe(false)
    expect(isWellFormed('\uD83D\uDE00')).toBe(true)
  })
  it('normalises to NFC and counts UTF-8 bytes', () => {
    expect(nfc('e\u0301')).toBe('\u00e9')
    expect(utf8Length('é😀a')).toBe(2 + 4 + 1)
  })
  it.each(['', ' \t', '\u200B', '\u3164\u3164', '\u2800', '\u202E', '\u0301', '\uFE0F', '\u00A0'])(
    'calls %j invisible',
    (t) => expect(isInvisible(t)).toBe(true)
  )
  it.each(['a', ' x ', '😀', '\u200Bb', 'ㅎ'])('calls %j visible', (t) =>
    expect(isInvisible(t)).toBe(false)
  )
})

describe('validate strings', () => {
  const schema = {
    name: { type: 'string', maxLength: 8, maxBytes: 10, visible: true },
  } as const
  it('refuses lone surrogates, byte overflows and invisible names; returns NFC', () => {
    expect(checkBody({ name: 'a\uD800' }, schema)[0]?.message).toMatch(/well-formed/)
    expect(checkBody({ name: 'éééééé' }, schema)[0]?.message).toMatch(/bytes/)
    expect(checkBody({ name: '\u200B' }, schema)[0]?.message).toMatch(/visible/)
    expect(parseBody<{ name: string }>({ name: 'e\u0301' }, schema).name).toBe('\u00e9')
  })
  it.each([null, [], 'x', 3, true])('refuses a %j body', (body) => {
    expect(() => parseBody(body, schema)).toThrow(/JSON object/)
  })
})

describe('base64url', () => {
  it('accepts only the canonical spelling', () => {
    const bytes = new Uint8Array(32).fill(7)
    const text = toBase64Url(bytes)
    expect(fromBase64Url(text)).toEqual(bytes)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const base = alphabet.indexOf(text.at(-1)!) & ~3
    const others = [0, 1, 2, 3].map((k) => alphabet[base + k]!).filter((c) => c !== text.at(-1))
    for (const c of others) expect(fromBase64Url(text.slice(0, -1) + c)).toBeNull()
  })
})
