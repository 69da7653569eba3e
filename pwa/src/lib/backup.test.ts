import { describe, expect, it } from 'vitest'
import { createCharacter } from '@facecraft/shared/rig'
import { parseBackup } from './backup.ts'

const entry = {
  id: 'abc',
  name: 'Ada',
  updatedAt: '2026-01-01T00:00:00Z',
  character: createCharacter(),
}
const file = (over: object) =>
  JSON.stringify({
    format: 'facecraft-gallery',
    version: 1,
    exportedAt: 'x',
    characters: [entry],
    ...over,
  })

describe('parseBackup', () => {
  it('accepts an exported file', () => {
    expect(parseBackup(file({})).characters[0]!.name).toBe('Ada')
  })

  it.each([
    ['not JSON', 'hello', /not JSON/],
    ['another JSON file', '{"a":1}', /not a facecraft backup/],
    ['a newer format', file({ version: 2 }), /v2; this app reads v1/],
    [
      'a bad id',
      file({ characters: [{ ...entry, id: 'a b' }] }),
      /Character 1 \("Ada"\) has no valid id/,
    ],
    [
      'an invalid character',
      file({ characters: [{ ...entry, character: { ...entry.character, sliders: {} } }] }),
      /Character 1 \("Ada"\) is not valid for this app \(sliders\./,
    ],
  ])('refuses %s with a message that says what to do', (_label, text, message) => {
    expect(() => parseBackup(text)).toThrow(message)
  })
})
