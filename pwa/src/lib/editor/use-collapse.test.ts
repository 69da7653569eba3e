import { describe, expect, it } from 'vitest'
import { MIN_PREVIEW_PX, previewSizes } from './use-collapse.ts'

describe('previewSizes', () => {
  it('is large on a phone and collapses to a face-sized preview', () => {
    const [large, small] = previewSizes(360, 640)
    expect(large).toBeGreaterThanOrEqual(240)
    expect(small).toBe(MIN_PREVIEW_PX)
    const [, tallSmall] = previewSizes(390, 844)
    expect(tallSmall).toBeGreaterThan(MIN_PREVIEW_PX)
  })
  it('never collapses below the minimum, nor grows past the width', () => {
    expect(previewSizes(100, 200)).toEqual([MIN_PREVIEW_PX, MIN_PREVIEW_PX])
    expect(previewSizes(2000, 2000)[0]).toBe(420)
  })
})
