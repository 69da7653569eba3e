import { describe, expect, it } from 'vitest'
import { createCharacter, randomCharacter } from '@facecraft/shared/rig'
import { migrateV1, randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import {
  encodeOctave,
  encodeResidual,
  OCTAVE_PIXELS,
  SKIN_DETAIL_PIXELS,
} from '@facecraft/shared/detail'
import { migrationMessage, openRecord, openStoredCharacter } from './open-saved.ts'

describe('open-saved', () => {
  it('migrates a v1 record, keeping its fields and the original v1 JSON', () => {
    const v1 = randomCharacter(4)
    const record = { id: 'x', name: 'Ada', updatedAt: 't', revision: 3, character: v1 }
    const { record: opened, migrated } = openRecord(record)
    expect(migrated).toBe(true)
    expect(opened).toMatchObject({ id: 'x', name: 'Ada', updatedAt: 't', revision: 3 })
    expect(opened.character).toEqual(migrateV1(structuredClone(v1)))
    expect(opened.v1Original).toEqual(v1)
    // Opening twice keeps the first original.
    expect(openRecord(opened).record.v1Original).toEqual(v1)
  })

  it('leaves a v2 record as it is', () => {
    const c = randomPlausibleCharacter(9)
    const { record, migrated } = openRecord({ character: c })
    expect(migrated).toBe(false)
    expect(record.character).toEqual(c)
    expect('v1Original' in record).toBe(false)
  })

  it('opens a character whose skin detail was read on basis v1 (session 30) as it was, and on v2 to v5', () => {
    const onV1 = {
      ...randomPlausibleCharacter(3),
      detail: { basis: 1, weights: Array.from({ length: 256 }, (_, i) => ((i % 9) - 4) / 31) },
    }
    const v1 = openRecord({ character: structuredClone(onV1) })
    expect(v1.migrated).toBe(false)
    expect(v1.record.character).toEqual(onV1)
    const onV5 = randomPlausibleCharacter(3, { detail: true })
    expect(onV5.detail!.basis).toBe(5)
    expect(onV5.detail!.weights).toHaveLength(608)
    expect(openRecord({ character: onV5 }).record.character).toEqual(onV5)
    // session 34's reads (basis v4: 480 fine weights and 64 of the mid band, which the v5 file extends)
    const onV4 = { ...onV5, detail: { basis: 4, weights: onV5.detail!.weights.slice(0, 544) } }
    expect(openRecord({ character: structuredClone(onV4) }).record.character).toEqual(onV4)
    // session 31-33's reads (basis v2 and v3: 480 fine weights around their own means, which the v5 file keeps)
    const fine = onV5.detail!.weights.slice(0, 480)
    const onV3 = { ...onV5, detail: { basis: 3, weights: fine } }
    expect(openRecord({ character: structuredClone(onV3) }).record.character).toEqual(onV3)
    const onV2 = { ...onV5, detail: { basis: 2, weights: fine } }
    expect(openRecord({ character: structuredClone(onV2) }).record.character).toEqual(onV2)
    // read from a photo: with its residual (session 44), and its octave too (session 51)
    const residual = encodeResidual(
      Float32Array.from({ length: SKIN_DETAIL_PIXELS }, (_, i) => 5 * Math.sin(i))
    )
    const octave = encodeOctave(
      Float32Array.from({ length: OCTAVE_PIXELS }, (_, i) => 8 * Math.cos(i))
    )
    for (const detail of [
      { ...onV5.detail!, residual },
      { ...onV5.detail!, residual, octave },
    ]) {
      const read = { ...onV5, detail }
      expect(openRecord({ character: structuredClone(read) }).record.character).toEqual(read)
    }
    // a basis newer than this app's is told as such, not taken as damage
    expect(() => openStoredCharacter({ ...onV2, detail: { ...onV2.detail!, basis: 9 } })).toThrow(
      /update/
    )
  })

  it('still migrates a v1 character that fails v1 validation, and refuses broken or newer v2', () => {
    const broken = { ...createCharacter(), sliders: { ...createCharacter().sliders, extra: 0.5 } }
    expect(openStoredCharacter(broken).migratedFrom).toBe(1)
    expect(() => openStoredCharacter({ rig: 2, sliders: {}, colors: {}, styles: {} })).toThrow()
    expect(() => openStoredCharacter({ ...randomPlausibleCharacter(1), rig: 3 })).toThrow(/update/)
  })

  it('words the notice for one and for many', () => {
    expect(migrationMessage(1)).toBe('Updated 1 character to the new head — open it to check')
    expect(migrationMessage(5)).toBe('Updated 5 characters to the new head — open them to check')
  })
})
