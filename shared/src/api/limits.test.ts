/**
 * @file The API's byte limits hold the largest character a player's app makes: every slider and colour at a
 * double's full length, every skin-detail weight at its longest rounding (rig/share-codec detailWeight), the
 * residual and its octave, a 64-character name of 4-byte characters; one record, and 200 records with 100 live shares.
 */
import { describe, expect, it } from 'vitest'
import {
  encodeOctave,
  encodeResidual,
  OCTAVE_PIXELS,
  SKIN_DETAIL_COUNT,
  SKIN_DETAIL_PIXELS,
  SKIN_DETAIL_VERSION,
} from '../detail/index.ts'
import { detailWeight } from '../rig/share-codec.ts'
import { createCharacterV2 } from '../rig/v2/index.ts'
import { API_LIMITS, type CharacterRecord } from './types.ts'

describe('API_LIMITS', () => {
  it('hold 200 of the largest characters an app makes, and 100 shares of them', () => {
    const c = createCharacterV2()
    for (const k of Object.keys(c.sliders)) c.sliders[k] = 0.12345678901234568
    for (const k of Object.keys(c.colors)) c.colors[k] = 0.12345678901234568
    const steps = Array.from({ length: 249 }, (_, i) => detailWeight((i - 124) / 31))
    const longest = steps.reduce((a, w) =>
      JSON.stringify(w).length > JSON.stringify(a).length ? w : a
    )
    c.detail = {
      basis: SKIN_DETAIL_VERSION,
      weights: Array(SKIN_DETAIL_COUNT).fill(longest),
      residual: encodeResidual(new Float32Array(SKIN_DETAIL_PIXELS)),
      octave: encodeOctave(new Float32Array(OCTAVE_PIXELS)),
    }
    const record: CharacterRecord = {
      id: '01234567-89ab-cdef-0123-456789abcdef',
      revision: 999_999,
      updatedAt: new Date(0).toISOString(),
      name: '😀'.repeat(API_LIMITS.maxNameLength),
      character: c,
    }
    const bytes = new TextEncoder().encode(JSON.stringify(record)).byteLength
    expect(bytes).toBeGreaterThan(19_000) // the residual, the octave and 608 weights are in it
    expect(bytes).toBeLessThanOrEqual(API_LIMITS.maxRecordBytes)
    expect(bytes * (API_LIMITS.maxCharacters + API_LIMITS.maxShares)).toBeLessThanOrEqual(
      API_LIMITS.maxTotalBytes
    )
  })
})
