/** @file A skin-detail residual's text: 4 bits a pixel, rounded to its step and clipped, one text per residual. */
import { describe, expect, it } from 'vitest'
import {
  decodeResidual,
  encodeResidual,
  RESIDUAL_BYTES,
  RESIDUAL_CHARS,
  RESIDUAL_STEP,
  residualFromText,
  withoutRows,
} from './residual.ts'
import { SKIN_DETAIL_PIXELS } from './spec.ts'

/** A residual like a read's: spread ~2.4 levels, a few past the clip. */
const values = Float32Array.from(
  { length: SKIN_DETAIL_PIXELS },
  (_, i) => 2.4 * Math.sin(i * 1.7) * Math.cos(i * 0.31) + (i % 97 === 0 ? 12 : 0)
)

describe('skin-detail residual', () => {
  it('round-trips within half a step, clipping only beyond -8..7 steps', () => {
    const text = encodeResidual(values)
    expect(text).toHaveLength(RESIDUAL_CHARS)
    expect(RESIDUAL_BYTES).toBe(SKIN_DETAIL_PIXELS / 2)
    const back = decodeResidual(text)
    expect(back).toHaveLength(SKIN_DETAIL_PIXELS)
    let clipped = 0
    values.forEach((v, i) => {
      const low = -8 * RESIDUAL_STEP
      const high = 7 * RESIDUAL_STEP
      if (v > high + RESIDUAL_STEP / 2 || v < low - RESIDUAL_STEP / 2) {
        clipped++
        expect(back[i]).toBe(v > 0 ? high : low)
      } else expect(Math.abs(back[i]! - v)).toBeLessThanOrEqual(RESIDUAL_STEP / 2 + 1e-6)
    })
    expect(clipped).toBeGreaterThan(0)
    // decoding what was decoded is exact: a saved or shared residual draws the same every time
    expect(encodeResidual(back)).toBe(text)
  })

  it('gives zero back for zero, and is deterministic', () => {
    const zero = new Float32Array(SKIN_DETAIL_PIXELS)
    expect(Array.from(decodeResidual(encodeResidual(zero))).every((v) => v === 0)).toBe(true)
    expect(encodeResidual(values)).toBe(encodeResidual(Float32Array.from(values)))
  })

  it('takes exactly one text per residual and says what is wrong with anything else', () => {
    const text = encodeResidual(values)
    expect(residualFromText(text)).not.toBeNull()
    expect(residualFromText(text.slice(1))).toBeNull() // cut short
    expect(residualFromText(`${text}A`)).toBeNull() // too long
    expect(residualFromText(`${text.slice(0, -1)}!`)).toBeNull() // not base64url
    expect(residualFromText(`${text.slice(0, -2)}==`)).toBeNull() // padded
    expect(() => decodeResidual('abc')).toThrow(
      /1400 base64url characters; remove the detail or read/
    )
    expect(() => encodeResidual(new Float32Array(10))).toThrow(/has 2100 values .* got 10/)
  })

  it('clears the rows a band covers and nothing else', () => {
    const size = 10
    const pixels = Uint16Array.from([3, 14, 35, 36, 47, 58, 99])
    const v = Float32Array.from([1, 2, 3, 4, 5, 6, 7])
    // rows 3 and 4 have centres 0.35 and 0.45: inside [0.3, 0.5]
    expect(Array.from(withoutRows(v, pixels, size, [0.3, 0.5]))).toEqual([1, 2, 0, 0, 0, 6, 7])
    expect(Array.from(v)).toEqual([1, 2, 3, 4, 5, 6, 7]) // a new array
  })
})
