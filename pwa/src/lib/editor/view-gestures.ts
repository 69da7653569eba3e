/**
 * @module lib/editor/view-gestures — the numbers behind turning and zooming the preview with fingers: a calm turn
 * (a whole picture width is a quarter turn, not the old 120 degrees per half width), pinch and double-tap zoom.
 * Pure, so they are tested without a browser.
 */

/** Degrees the head turns for a drag across the whole picture width. */
export const DEGREES_PER_WIDTH = 90
/** Zoom range of the preview (1 = the whole head). */
export const MIN_ZOOM = 1
export const MAX_ZOOM = 3
/** Zoom a double tap goes to (and back to 1 from anything above 1). */
export const DOUBLE_TAP_ZOOM = 2.2
/** Two taps count as a double tap within this time (ms) and distance (CSS px). */
const DOUBLE_TAP_MS = 320
const DOUBLE_TAP_PX = 30
/** A tap moves less than this (CSS px) and lasts less than this (ms). */
export const TAP_SLOP_PX = 10
export const TAP_MS = 300

/**
 * Yaw (degrees) after dragging `dx` CSS px across a picture `width` px wide from `startYaw`. With `maxYaw` the
 * turn stops at +-maxYaw (the editor); without, it wraps round into (-180, 180] (the turntable).
 */
export function turnedYaw(startYaw: number, dx: number, width: number, maxYaw?: number): number {
  if (width <= 0) return startYaw
  const yaw = startYaw + (dx / width) * DEGREES_PER_WIDTH
  if (maxYaw !== undefined) return Math.round(Math.max(-maxYaw, Math.min(maxYaw, yaw)))
  return wrapYaw(Math.round(yaw))
}

/** An angle in degrees brought into (-180, 180]. */
export function wrapYaw(yaw: number): number {
  const y = ((((yaw + 180) % 360) + 360) % 360) - 180
  return y === -180 ? 180 : y
}

/** Zoom clamped to the preview's range. */
export const clampZoom = (z: number) => Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z))

/** Zoom during a pinch: the zoom at its start times how far the fingers spread (or closed). */
export function pinchZoom(startZoom: number, startDistance: number, distance: number): number {
  return startDistance > 0 ? clampZoom((startZoom * distance) / startDistance) : startZoom
}

/** Zoom after a double tap: in to DOUBLE_TAP_ZOOM from 1, else back out to 1. */
export const doubleTapZoom = (zoom: number) => (zoom > 1.01 ? 1 : DOUBLE_TAP_ZOOM)

export interface Tap {
  x: number
  y: number
  at: number
}

/** True when `tap` completes a double tap begun by `previous`. */
export function isDoubleTap(previous: Tap | null, tap: Tap): boolean {
  return (
    !!previous &&
    tap.at - previous.at <= DOUBLE_TAP_MS &&
    Math.hypot(tap.x - previous.x, tap.y - previous.y) <= DOUBLE_TAP_PX
  )
}
