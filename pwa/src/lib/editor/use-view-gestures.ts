/**
 * @module lib/editor/use-view-gestures — finger and mouse input on the preview: one finger dragging sideways turns
 * the head (calmly, see view-gestures), two fingers pinch-zoom, a double tap zooms in and back out. Vertical
 * swipes are left to the browser (the canvas has touch-action: pan-y), so the page still scrolls from the picture.
 */
import { useRef, useState } from 'preact/hooks'
import { dragIntent, type DragIntent } from './drag-intent.ts'
import {
  doubleTapZoom,
  isDoubleTap,
  pinchZoom,
  TAP_MS,
  TAP_SLOP_PX,
  turnedYaw,
  type Tap,
} from './view-gestures.ts'

interface Finger {
  x: number
  y: number
  startX: number
  startY: number
  at: number
}

export interface ViewGestures {
  /** 1 = the whole head. */
  zoom: number
  /** Zoom centre, as CSS transform-origin percentages of the picture. */
  origin: { x: number; y: number }
  handlers: {
    onPointerDown: (e: PointerEvent) => void
    onPointerMove: (e: PointerEvent) => void
    onPointerUp: (e: PointerEvent) => void
    onPointerCancel: (e: PointerEvent) => void
  }
}

/** Gesture state for a preview showing `yaw`; `maxYaw` stops the turn (editor), none wraps it (turntable). */
export function useViewGestures(
  yaw: number,
  onYaw: (yaw: number) => void,
  maxYaw?: number
): ViewGestures {
  const [zoom, setZoom] = useState(1)
  const [origin, setOrigin] = useState({ x: 50, y: 45 })
  const fingers = useRef(new Map<number, Finger>())
  const turn = useRef<{ yaw: number; intent: DragIntent } | null>(null)
  const pinch = useRef<{ zoom: number; distance: number } | null>(null)
  const lastTap = useRef<Tap | null>(null)

  const spread = () => {
    const [a, b] = [...fingers.current.values()]
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0
  }
  const zoomAt = (el: HTMLElement, x: number, y: number, z: number) => {
    const r = el.getBoundingClientRect()
    // The centre in the unzoomed picture's coordinates (the element's box is the unzoomed one).
    setOrigin({ x: ((x - r.left) / r.width) * 100, y: ((y - r.top) / r.height) * 100 })
    setZoom(z)
  }

  const onPointerDown = (e: PointerEvent) => {
    // Buttons over the picture (full screen) keep their clicks: capturing their pointer would retarget the click.
    if ((e.target as Element).closest('button')) return
    // When the finger touched, not when this handler ran: a long frame (the preview draws on this thread) between
    // the two must not turn a tap into a press or a double tap into two taps.
    const now = e.timeStamp
    fingers.current.set(e.pointerId, {
      x: e.clientX,
      y: e.clientY,
      startX: e.clientX,
      startY: e.clientY,
      at: now,
    })
    if (fingers.current.size === 2) {
      turn.current = null
      pinch.current = { zoom, distance: spread() }
    } else if (fingers.current.size === 1) {
      turn.current = { yaw, intent: e.pointerType === 'mouse' ? 'horizontal' : 'undecided' }
      if (e.pointerType === 'mouse') (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId)
    }
  }

  const onPointerMove = (e: PointerEvent) => {
    const finger = fingers.current.get(e.pointerId)
    if (!finger) return
    finger.x = e.clientX
    finger.y = e.clientY
    const el = e.currentTarget as HTMLElement
    if (pinch.current && fingers.current.size === 2) {
      const [a, b] = [...fingers.current.values()]
      zoomAt(
        el,
        (a!.x + b!.x) / 2,
        (a!.y + b!.y) / 2,
        pinchZoom(pinch.current.zoom, pinch.current.distance, spread())
      )
      return
    }
    const t = turn.current
    if (!t) return
    const dx = finger.x - finger.startX
    if (t.intent === 'undecided') {
      t.intent = dragIntent(dx, finger.y - finger.startY)
      if (t.intent === 'vertical') return void (turn.current = null)
      if (t.intent === 'undecided') return
      el.setPointerCapture(e.pointerId)
    }
    onYaw(turnedYaw(t.yaw, dx, el.clientWidth, maxYaw))
  }

  const onPointerUp = (e: PointerEvent) => {
    const finger = fingers.current.get(e.pointerId)
    fingers.current.delete(e.pointerId)
    if (fingers.current.size < 2) pinch.current = null
    if (!fingers.current.size) turn.current = null
    if (!finger || e.type === 'pointercancel') return
    const now = e.timeStamp
    const still = Math.hypot(finger.x - finger.startX, finger.y - finger.startY) < TAP_SLOP_PX
    if (!still || now - finger.at > TAP_MS) return void (lastTap.current = null)
    const tap = { x: finger.x, y: finger.y, at: now }
    if (isDoubleTap(lastTap.current, tap)) {
      zoomAt(e.currentTarget as HTMLElement, tap.x, tap.y, doubleTapZoom(zoom))
      lastTap.current = null
    } else {
      lastTap.current = tap
    }
  }

  return {
    zoom,
    origin,
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp },
  }
}
