import { describe, expect, it } from 'vitest'
import { createRng } from '../utils/random.ts'
import {
  createCharacter,
  decodeShareCode,
  encodeShareCode,
  extractShareCode,
  MAX_SHARE_NAME_BYTES,
  quantizeCharacter,
  randomCharacter,
  ShareCodeError,
  type ShareCodeProblem,
} from './index.ts'

function problemOf(code: string): ShareCodeProblem | 'ok' {
  try {
    decodeShareCode(code)
    return 'ok'
  } catch (error) {
    if (error instanceof ShareCodeError) return error.problem
    throw error
  }
}

describe('share codes', () => {
  it('round-trip random characters and names exactly at share precision', () => {
    for (let seed = 0; seed < 200; seed++) {
      const c = randomCharacter(seed)
      const name = ['', 'Ada', 'Zoë 🦊', 'x'.repeat(40)][seed % 4]!
      const code = encodeShareCode(c, name)
      expect(code).toMatch(/^fc1\.[A-Za-z0-9_-]+$/)
      const back = decodeShareCode(code)
      expect(back.name).toBe(name)
      expect(back.character).toEqual(quantizeCharacter(c))
      for (const [id, v] of Object.entries(c.sliders)) {
        expect(Math.abs(back.character.sliders[id]! - v)).toBeLessThanOrEqual(1 / 131070 + 1e-12)
      }
      expect(encodeShareCode(back.character, back.name)).toBe(code)
    }
  })

  it('round-trips the extremes 0 and 1 and every style option', () => {
    const zeros = createCharacter()
    for (const id of Object.keys(zeros.sliders)) zeros.sliders[id] = 0
    for (const id of Object.keys(zeros.colors)) zeros.colors[id] = 1
    expect(decodeShareCode(encodeShareCode(zeros)).character).toEqual(zeros)
  })

  it('cuts long names at a character boundary', () => {
    const name = '🦊'.repeat(30)
    const back = decodeShareCode(encodeShareCode(createCharacter(), name)).name
    expect(new TextEncoder().encode(back).length).toBeLessThanOrEqual(MAX_SHARE_NAME_BYTES)
    expect(back).toBe('🦊'.repeat(MAX_SHARE_NAME_BYTES / 4))
  })

  it('rejects every truncation of a code', () => {
    const code = encodeShareCode(randomCharacter(7), 'Trunc')
    for (let n = 0; n < code.length; n++) {
      expect(problemOf(code.slice(0, n)), `length ${n}`).not.toBe('ok')
    }
    expect(problemOf(code.slice(0, code.length - 8))).toBe('truncated')
  })

  it('rejects altered codes: every single-character change is caught', () => {
    const code = encodeShareCode(randomCharacter(3), 'Alter')
    const rng = createRng(11)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    for (let i = 4; i < code.length; i++) {
      let c = code[i]!
      while (c === code[i]) c = alphabet[Math.floor(rng() * alphabet.length)]!
      const altered = code.slice(0, i) + c + code.slice(i + 1)
      // The last character carries padding bits that may not change the bytes; everything else must fail.
      if (i === code.length - 1 && problemOf(altered) === 'ok') continue
      expect(problemOf(altered), `position ${i}`).not.toBe('ok')
    }
    expect(problemOf(code + 'AA')).toBe('corrupted')
  })

  it('rejects foreign codes with a clear reason', () => {
    expect(problemOf('')).toBe('not-a-share-code')
    expect(problemOf('https://example.com/?id=12')).toBe('not-a-share-code')
    expect(problemOf('fc2.AQABAA')).toBe('not-a-share-code')
    expect(problemOf('fc1.not base64!')).toBe('corrupted')
    expect(problemOf('fc1.')).toBe('truncated')
    // A well-formed code of a future format or rig version says to update the app.
    const code = encodeShareCode(createCharacter())
    const future = 'fc1.Ag' + code.slice(6)
    expect(problemOf(future)).toBe('unsupported-format')
    expect(() => decodeShareCode(future)).toThrow(/update the app/)
  })

  it('refuses to encode an invalid character', () => {
    expect(() => encodeShareCode(createCharacter({ sliders: { 'nose.width': 2 } }))).toThrow(
      /outside \[0, 1\]/
    )
  })

  it('finds a code inside a link or pasted text, and tolerates whitespace', () => {
    const code = encodeShareCode(randomCharacter(5), 'Link')
    expect(extractShareCode(`Look: https://facecraft.app/#c=${code} !`)).toBe(code)
    expect(extractShareCode('no code here')).toBeNull()
    expect(decodeShareCode(`  ${code}\n`).name).toBe('Link')
  })
})
