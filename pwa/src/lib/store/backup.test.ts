import { describe, expect, it } from 'vitest'
import { createCharacter } from '@facecraft/shared/rig'
import { createCharacterV2, randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import {
  encodeOctave,
  encodeResidual,
  OCTAVE_PIXELS,
  SKIN_DETAIL_PIXELS,
} from '@facecraft/shared/detail'
import { parseBackup } from './backup.ts'

const entry = {
  id: 'abc',
  name: 'Ada',
  updatedAt: '2026-01-01T00:00:00Z',
  character: createCharacterV2(),
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
  it('accepts an exported file of rig v2 characters', () => {
    expect(parseBackup(file({})).characters[0]!.name).toBe('Ada')
  })

  it('accepts a file exported before rig v2 (v1 characters; importGallery migrates them)', () => {
    const old = { ...entry, character: createCharacter({ sliders: { 'nose.width': 0.7 } }) }
    expect(parseBackup(file({ characters: [old, entry] })).characters).toHaveLength(2)
  })

  it('keeps skin detail read on basis v1 (session 30), v2 (sessions 31-32), v3, v4 and v5 exactly as exported', () => {
    const residual = encodeResidual(
      Float32Array.from({ length: SKIN_DETAIL_PIXELS }, (_, i) => 5 * Math.sin(i))
    )
    const octave = encodeOctave(
      Float32Array.from({ length: OCTAVE_PIXELS }, (_, i) => 8 * Math.cos(i))
    )
    const onV5 = randomPlausibleCharacter(5, { detail: true })
    const fine = onV5.detail!.weights.slice(0, 480)
    const detailed = [
      { ...onV5, detail: { basis: 1, weights: fine.slice(0, 256) } },
      { ...onV5, detail: { basis: 2, weights: fine } },
      { ...onV5, detail: { basis: 3, weights: fine } },
      { ...onV5, detail: { basis: 4, weights: onV5.detail!.weights.slice(0, 544) } },
      onV5,
      // read from a photo: with its residual (session 44), and its octave too (session 51)
      { ...onV5, detail: { ...onV5.detail!, residual } },
      { ...onV5, detail: { ...onV5.detail!, residual, octave } },
    ].map((character, i) => ({ ...entry, id: `d${i}`, character }))
    const back = parseBackup(file({ characters: detailed })).characters
    expect(back.map((e) => e.character)).toEqual(detailed.map((e) => e.character))
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
      'an invalid v2 character',
      file({ characters: [{ ...entry, character: { ...entry.character, sliders: {} } }] }),
      /Character 1 \("Ada"\) is not valid for this app \(sliders\./,
    ],
    [
      'an invalid v1 character',
      file({ characters: [{ ...entry, character: { ...createCharacter(), colors: {} } }] }),
      /Character 1 \("Ada"\) is not valid for this app \(colors\./,
    ],
    [
      'a character from a newer rig',
      file({ characters: [{ ...entry, character: { ...entry.character, rig: 3 } }] }),
      /update the app/,
    ],
  ])('refuses %s with a message that says what to do', (_label, text, message) => {
    expect(() => parseBackup(text)).toThrow(message)
  })
})
