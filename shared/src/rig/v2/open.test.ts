import { describe, expect, it } from 'vitest'
import { createCharacter, randomCharacter } from '../character.ts'
import { RigValidationError } from '../validate.ts'
import { checkCharacterV2, randomPlausibleCharacter } from './character.ts'
import { migrateV1 } from './migrate.ts'
import { CURRENT_RIG_VERSION, openCharacter } from './open.ts'

describe('openCharacter', () => {
  it('opens a v2 character as it is, as a copy', () => {
    const c = randomPlausibleCharacter(2)
    const opened = openCharacter(c)
    expect(opened).toEqual({ character: c, migratedFrom: null })
    expect(opened.character).not.toBe(c)
    expect(CURRENT_RIG_VERSION).toBe(2)
  })

  it('migrates every v1 character to a valid v2 one and leaves the input untouched', () => {
    for (const v1 of [createCharacter(), randomCharacter(5), randomCharacter(6)]) {
      const before = JSON.stringify(v1)
      const opened = openCharacter(v1)
      expect(opened.migratedFrom).toBe(1)
      expect(checkCharacterV2(opened.character)).toEqual([])
      expect(opened.character).toEqual(migrateV1(v1))
      expect(JSON.stringify(v1)).toBe(before)
    }
  })

  it('names the problem for invalid input of either version and for a newer rig', () => {
    const badV1 = {
      ...createCharacter(),
      sliders: { ...createCharacter().sliders, 'nose.width': 7 },
    }
    expect(() => openCharacter(badV1)).toThrow(RigValidationError)
    expect(() => openCharacter(badV1)).toThrow(/nose\.width/)
    expect(() => openCharacter({ rig: 2, sliders: {} })).toThrow(RigValidationError)
    expect(() => openCharacter('hello')).toThrow(/JSON object/)
    expect(() => openCharacter({ ...randomPlausibleCharacter(1), rig: 3 })).toThrow(
      /update the app/
    )
  })
})
