import { describe, expect, it } from 'vitest'
import { crc32, createRng, fromBase64Url, gaussian, toBase64Url } from './index.ts'
import { fromBase64UrlOfLength } from './base64url.ts'

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array())).toBe(0)
  })
})

describe('base64url', () => {
  it('round-trips every length and matches RFC 4648 vectors', () => {
    const rng = createRng(3)
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(rng() * 256))
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes)
    }
    expect(toBase64Url(new TextEncoder().encode('foobar'))).toBe('Zm9vYmFy')
    expect(toBase64Url(new TextEncoder().encode('fo'))).toBe('Zm8')
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff))).toBe('-_8')
  })

  it('returns null for foreign characters and impossible lengths', () => {
    expect(fromBase64Url('ab+c')).toBeNull()
    expect(fromBase64Url('abcde')).toBeNull()
    expect(fromBase64Url('é')).toBeNull()
  })

  it('takes a fixed-size field only at its one length', () => {
    const bytes = Uint8Array.of(1, 2, 3, 4, 5)
    const text = toBase64Url(bytes)
    expect(fromBase64UrlOfLength(text, 5)).toEqual(bytes)
    expect(fromBase64UrlOfLength(text, 4)).toBeNull() // another size's
    expect(fromBase64UrlOfLength(`${text}A`, 5)).toBeNull() // one character more decodes to 6 bytes
    expect(fromBase64UrlOfLength(`${text.slice(0, -1)}!`, 5)).toBeNull() // not base64url
  })
})

describe('createRng', () => {
  it('is reproducible, in [0, 1), and roughly uniform', () => {
    const a = createRng(9)
    const b = createRng(9)
    let sum = 0
    for (let i = 0; i < 10000; i++) {
      const v = a()
      expect(v).toBe(b())
      expect(v >= 0 && v < 1).toBe(true)
      sum += v
    }
    expect(sum / 10000).toBeCloseTo(0.5, 1)
  })

  it('gives standard normal samples', () => {
    const rng = createRng(1)
    const xs = Array.from({ length: 20000 }, () => gaussian(rng))
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length
    expect(Math.abs(mean)).toBeLessThan(0.03)
    expect(Math.abs(variance - 1)).toBeLessThan(0.05)
  })
})
