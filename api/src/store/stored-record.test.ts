import { describe, expect, it } from 'vitest'
import { createCharacter } from '@facecraft/shared/rig'
import { createCharacterV2 } from '@facecraft/shared/rig-v2'
import { bodyKey, checkStoredRecord, servedRecord } from './stored-record.ts'

const record = (character: object) => ({
  id: 'c1',
  revision: 3,
  name: 'Ada',
  updatedAt: '2026-01-01T00:00:00.000Z',
  character,
})

describe('stored records', () => {
  it('keys each revision apart', () => {
    expect(bodyKey('u', 'c1', 3)).toBe('char:u:c1:3')
  })

  it('accepts its own envelope and refuses a damaged or foreign one', () => {
    const good = record(createCharacterV2())
    expect(checkStoredRecord(good, 'c1', 3)).toBe(good)
    expect(checkStoredRecord(good, 'c1', 4)).toBeNull()
    expect(checkStoredRecord(good, 'c2', 3)).toBeNull()
    expect(checkStoredRecord({ ...good, name: 7 }, 'c1', 3)).toBeNull()
    expect(checkStoredRecord({ ...good, character: [] }, 'c1', 3)).toBeNull()
    expect(checkStoredRecord('text', 'c1', 3)).toBeNull()
    expect(checkStoredRecord(null, 'c1', 3)).toBeNull()
  })

  it('serves a rig v1 character migrated, and everything else of the record unchanged', () => {
    const stored = record(createCharacter())
    const served = servedRecord(stored as never)
    expect(served.migratedFrom).toBe(1)
    expect(served.character.rig).toBe(createCharacterV2().rig)
    expect({ ...served, character: undefined, migratedFrom: undefined }).toEqual({
      ...stored,
      character: undefined,
      migratedFrom: undefined,
    })
    const v2 = record(createCharacterV2())
    expect(servedRecord(v2 as never).migratedFrom).toBeUndefined()
  })
})
