/** @file A skin-detail octave's text: 3 companded bits a pixel, one text per octave, and the pixels it is on. */
import { describe, expect, it } from 'vitest'
import {
  decodeOctave,
  encodeOctave,
  OCTAVE_BYTES,
  OCTAVE_CHARS,
  OCTAVE_PIXELS,
  octaveFromText,
  octaveLevel,
  octavePixels,
} from './octave.ts'
import { SKIN_DETAIL_PIXELS } from './spec.ts'

/** An octave like a read's: spread ~3.4 levels, heavy tails both ways. */
const values = Float32Array.from(
  { length: OCTAVE_PIXELS },
  (_, i) =>
    3 * Math.sin(i * 1.7) * Math.cos(i * 0.31) + (i % 89 === 0 ? -25 : i % 97 === 0 ? 14 : 0)
)
const levels = [-4, -3, -2, -1, 0, 1, 2, 3].map(octaveLevel)

describe('skin-detail octave', () => {
  it('has companded steps: fine near 0, one more dark than light', () => {
    expect(levels.map((v) => Math.round(v * 10) / 10)).toEqual([
      -16.8, -10.2, -5.2, -1.8, 0, 1.8, 5.2, 10.2,
    ])
    expect(OCTAVE_PIXELS).toBe(4 * SKIN_DETAIL_PIXELS)
    expect(OCTAVE_BYTES).toBe(3150)
    expect(OCTAVE_CHARS).toBe(4200)
  })

  it('round-trips to the nearest step, clipping only past the end steps', () => {
    const text = encodeOctave(values)
    expect(text).toHaveLength(OCTAVE_CHARS)
    const back = decodeOctave(text)
    expect(back).toHaveLength(OCTAVE_PIXELS)
    values.forEach((v, i) => {
      const nearest = levels.reduce((a, l) => (Math.abs(l - v) < Math.abs(a - v) ? l : a))
      expect(back[i]).toBeCloseTo(nearest, 5)
    })
    expect(back.some((v) => v === Math.fround(octaveLevel(-4)))).toBe(true) // the dark tail's step
    expect(back.some((v) => v === Math.fround(octaveLevel(3)))).toBe(true) // and the light one's, clipped
    // decoding what was decoded is exact: a saved or shared octave draws the same every time
    expect(encodeOctave(back)).toBe(text)
    expect(Array.from(decodeOctave(encodeOctave(new Float32Array(OCTAVE_PIXELS))))).toEqual(
      Array(OCTAVE_PIXELS).fill(0)
    )
  })

  it('packs eight pixels in three bytes, in order', () => {
    const ramp = Float32Array.from({ length: OCTAVE_PIXELS }, (_, i) => levels[i % 8]!)
    const back = decodeOctave(encodeOctave(ramp))
    expect(Array.from(back.subarray(0, 16))).toEqual(Array.from(ramp.subarray(0, 16)))
    expect(Array.from(back.subarray(-8))).toEqual(Array.from(ramp.subarray(-8)))
  })

  it('takes exactly one text per octave and says what is wrong with anything else', () => {
    const text = encodeOctave(values)
    expect(octaveFromText(text)).not.toBeNull()
    expect(octaveFromText(text.slice(1))).toBeNull() // cut short
    expect(octaveFromText(`${text}A`)).toBeNull() // too long
    expect(octaveFromText(`${text.slice(0, -1)}!`)).toBeNull() // not base64url
    expect(() => decodeOctave('abc')).toThrow(/4200 base64url characters; smooth or remove/)
    expect(() => encodeOctave(new Float32Array(10))).toThrow(/has 8400 values .* got 10/)
  })

  it('lies on the four pixels under each grid pixel, ascending', () => {
    // pixels 0 and 5 of a 4 x 4 grid: (0, 0) and (1, 1); under them on the 8 x 8 grid
    expect(Array.from(octavePixels([0, 5], 4))).toEqual([0, 1, 8, 9, 18, 19, 26, 27])
    // rows interleave: (1, 0) and (0, 1) of a 2 x 2 grid
    expect(Array.from(octavePixels([1, 2], 2))).toEqual([2, 3, 6, 7, 8, 9, 12, 13])
  })
})
