import { describe, expect, it } from 'vitest'
import { createHistory, edit, GESTURE_GAP_MS, MAX_UNDO_STEPS, redo, undo } from './history.ts'

describe('history', () => {
  it('coalesces a drag of one control into one undo step', () => {
    let h = createHistory('a')
    h = edit(h, 'b', 'slider:x', 0)
    h = edit(h, 'c', 'slider:x', 16)
    h = edit(h, 'd', 'slider:x', 32)
    expect(h.past).toEqual(['a'])
    expect(undo(h).present).toBe('a')
  })

  it.each([
    ['another control', 'slider:y', 10],
    ['the same control after a pause', 'slider:x', GESTURE_GAP_MS + 1],
  ])('starts a new step for %s', (_label, key, at) => {
    let h = edit(createHistory('a'), 'b', 'slider:x', 0)
    h = edit(h, 'c', key, at)
    expect(h.past).toEqual(['a', 'b'])
  })

  it('undoes and redoes, and a new edit clears the redo list', () => {
    let h = edit(edit(createHistory(1), 2, 'a', 0), 3, 'b', 0)
    h = undo(undo(h))
    expect(h.present).toBe(1)
    h = redo(h)
    expect(h.present).toBe(2)
    expect(h.future).toEqual([3])
    h = edit(h, 9, 'a', 5000)
    expect(h.future).toEqual([])
    expect(h.past).toEqual([1, 2])
  })

  it('does not coalesce across an undo', () => {
    let h = edit(createHistory(1), 2, 'a', 0)
    h = undo(h)
    h = edit(h, 3, 'a', 1)
    expect(h.past).toEqual([1])
    expect(undo(h).present).toBe(1)
  })

  it('is unchanged when there is nothing to undo or redo', () => {
    const h = createHistory('x')
    expect(undo(h)).toBe(h)
    expect(redo(h)).toBe(h)
  })

  it('keeps at most MAX_UNDO_STEPS steps', () => {
    let h = createHistory(0)
    for (let i = 1; i <= MAX_UNDO_STEPS + 10; i++) h = edit(h, i, `k${i}`, i)
    expect(h.past.length).toBe(MAX_UNDO_STEPS)
    expect(h.past[0]).toBe(10)
  })
})
