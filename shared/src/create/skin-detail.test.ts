/** @file How much of a photo's skin detail the creator keeps at the head's turn. */
import { describe, expect, it } from 'vitest'
import { DETAIL_FULL_TURN, DETAIL_NO_TURN, detailStrength } from './character-creator.ts'

describe('detailStrength', () => {
  it('keeps all of a frontal face, none of a turned one, and fades in between whichever way it turns', () => {
    expect(detailStrength({ yaw: 0 })).toBe(1)
    expect(detailStrength({ yaw: -DETAIL_FULL_TURN })).toBe(1)
    expect(detailStrength({ yaw: (DETAIL_FULL_TURN + DETAIL_NO_TURN) / 2 })).toBeCloseTo(0.5, 9)
    expect(detailStrength({ yaw: -(DETAIL_FULL_TURN + DETAIL_NO_TURN) / 2 })).toBeCloseTo(0.5, 9)
    expect(detailStrength({ yaw: DETAIL_NO_TURN })).toBe(0)
    expect(detailStrength({ yaw: 80 })).toBe(0)
  })
})
