import { describe, expect, it } from 'vitest'
import { createCharacter } from '@facecraft/shared/rig'
import { migrateV1, randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import { parseHandOff } from './open-in-editor.ts'

describe('editor hand-off', () => {
  it('round-trips a character, its name and its photo id', () => {
    const character = randomPlausibleCharacter(3)
    const text = JSON.stringify({ name: 'Ada', character, photoId: 'abc-123' })
    expect(parseHandOff(text)).toEqual({ name: 'Ada', character, photoId: 'abc-123' })
  })

  it('opens an older tab’s v1 hand-off (no photo id) migrated', () => {
    const v1 = createCharacter({ styles: { 'hair.style': 'bob' } })
    const out = parseHandOff(JSON.stringify({ name: 'Hal', character: v1 }))
    expect(out.character).toEqual(migrateV1(structuredClone(v1)))
    expect(out.photoId).toBeNull()
  })

  it('drops a photo id that is not a character id, and refuses a character that does not open', () => {
    const character = randomPlausibleCharacter(1)
    expect(parseHandOff(JSON.stringify({ character, photoId: '../x' })).photoId).toBeNull()
    expect(() => parseHandOff(JSON.stringify({ name: 'x', character: { rig: 9 } }))).toThrow()
  })
})
