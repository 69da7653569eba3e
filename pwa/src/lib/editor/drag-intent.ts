/**
 * @module lib/editor/drag-intent — what a finger on a slider means: a deliberate sideways drag (change the value),
 * a vertical swipe (scroll the page), or nothing yet. Pure, so the thresholds are tested without a browser.
 */

/** Movement (CSS px) before a touch counts as a drag at all: smaller is a tap. */
export const DRAG_SLOP_PX = 8

/** How much more sideways than vertical a move must be to count as a horizontal drag (tan of ~34 degrees). */
const HORIZONTAL_RATIO = 1.5

export type DragIntent = 'undecided' | 'horizontal' | 'vertical'

/**
 * Classifies a touch that has moved (dx, dy) CSS px from where it started. Anything not clearly sideways is
 * vertical: a scroll must never change a value, while a drag that starts a little steep can simply be redone.
 */
export function dragIntent(dx: number, dy: number): DragIntent {
  const ax = Math.abs(dx)
  const ay = Math.abs(dy)
  if (Math.hypot(ax, ay) < DRAG_SLOP_PX) return 'undecided'
  return ax >= ay * HORIZONTAL_RATIO ? 'horizontal' : 'vertical'
}

/**
 * The value (0..1) after dragging `dx` CSS px across a track `width` px wide from `start`: relative to where the
 * drag began, so touching the track never makes the value jump to the finger.
 */
export function draggedValue(start: number, dx: number, width: number): number {
  if (width <= 0) return start
  return Math.min(1, Math.max(0, start + dx / width))
}
