/**
 * @module lib/editor/history — undo/redo over immutable snapshots. A drag of one control is ONE step: edits with the
 * same gesture key inside `GESTURE_GAP_MS` of each other replace the present instead of pushing a new step.
 */

/** Edits of the same control closer together than this (ms) belong to one gesture, hence one undo step. */
export const GESTURE_GAP_MS = 800
/** Oldest steps are dropped past this many, so a long session does not grow memory without bound. */
export const MAX_UNDO_STEPS = 200

export interface History<T> {
  past: readonly T[]
  present: T
  future: readonly T[]
  /** Key and time (ms) of the last edit, for gesture coalescing; null right after undo/redo/checkpoint. */
  lastGesture: { key: string; at: number } | null
}

/** A history holding only `present`. */
export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastGesture: null }
}

/**
 * Applies an edit. `key` names the control being changed (e.g. 'slider:nose.width'); `now` is in ms.
 * @example
 * let h = createHistory(a)
 * h = edit(h, b, 'slider:x', 0); h = edit(h, c, 'slider:x', 16) // one undo step: back to a
 */
export function edit<T>(history: History<T>, next: T, key: string, now: number): History<T> {
  const last = history.lastGesture
  const sameGesture = last !== null && last.key === key && now - last.at < GESTURE_GAP_MS
  if (sameGesture) return { ...history, present: next, lastGesture: { key, at: now } }
  const past = [...history.past, history.present].slice(-MAX_UNDO_STEPS)
  return { past, present: next, future: [], lastGesture: { key, at: now } }
}

/** Steps back; unchanged when there is nothing to undo. */
export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1]
  if (history.past.length === 0 || previous === undefined) return history
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    lastGesture: null,
  }
}

/** Steps forward again; unchanged when there is nothing to redo. */
export function redo<T>(history: History<T>): History<T> {
  const next = history.future[0]
  if (history.future.length === 0 || next === undefined) return history
  return {
    past: [...history.past, history.present],
    present: next,
    future: history.future.slice(1),
    lastGesture: null,
  }
}
