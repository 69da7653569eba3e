import { describe, expect, it } from 'vitest'
import { DRAG_SLOP_PX, draggedValue, dragIntent } from './drag-intent.ts'

describe('dragIntent', () => {
  it.each([
    [0, 0, 'undecided'],
    [DRAG_SLOP_PX - 1, 0, 'undecided'],
    [3, -5, 'undecided'],
    [20, 2, 'horizontal'],
    [-20, 10, 'horizontal'],
    [12, -300, 'vertical'],
    [0, 9, 'vertical'],
    // Diagonal is not deliberate enough to change a value.
    [15, 15, 'vertical'],
    [15, 11, 'vertical'],
  ] as const)('dx %d, dy %d is %s', (dx, dy, intent) => {
    expect(dragIntent(dx, dy)).toBe(intent)
  })
})

describe('draggedValue', () => {
  it('moves by the fraction of the track dragged, clamped to 0..1', () => {
    expect(draggedValue(0.5, 30, 300)).toBeCloseTo(0.6, 10)
    expect(draggedValue(0.5, -300, 300)).toBe(0)
    expect(draggedValue(0.9, 100, 300)).toBe(1)
    expect(draggedValue(0.4, 10, 0)).toBe(0.4)
  })
})
