/**
 * @module components/range — a slider that a vertical swipe never changes. The native range input stays for
 * keyboards and screen readers (in the units shown, e.g. 0-100); fingers and mice are handled here: a deliberate
 * sideways drag moves the value by the distance dragged (no jump to the finger), a vertical swipe scrolls the page
 * (touch-action: pan-y lets the browser take it), a tap only focuses. A mouse click still sets the value where
 * it lands, as desktop sliders do.
 */
import type { JSX } from 'preact'
import { useRef } from 'preact/hooks'
import { dragIntent, draggedValue, type DragIntent } from '../../lib/editor/drag-intent.ts'
import styles from './style.module.css'

interface Drag {
  pointerId: number
  x: number
  y: number
  start: number
  intent: DragIntent
}

export interface RangeProps {
  id: string
  /** In the units shown, min..max (fractions allowed: drags are finer than the keyboard's whole steps). */
  value: number
  onChange: (value: number) => void
  /** Range of the value, in the units shown (default 0-100). */
  min?: number
  max?: number
  /** What a screen reader hears for the value (default: "<shown> of <max>"). */
  valueText?: string
  param?: string
  class?: string
  style?: JSX.CSSProperties
  'aria-label'?: string
}

/** A rig value (0..1) as the editor shows it: 0-100. */
export const shownValue = (v: number) => Math.round(v * 100)

export function Range(props: RangeProps) {
  const drag = useRef<Drag | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const { min = 0, max = 100 } = props
  // Drags work on the fraction of the track; the value goes out in the units shown.
  const fraction = (props.value - min) / (max - min)
  const emit = (f: number) => props.onChange(min + f * (max - min))

  const trackWidth = () => input.current?.getBoundingClientRect().width ?? 0
  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0 || !input.current) return
    input.current.focus({ preventScroll: true })
    let start = fraction
    if (e.pointerType === 'mouse') {
      // A mouse cannot mean "scroll" by pressing on a slider: set the value where it lands, then drag from there.
      const rect = input.current.getBoundingClientRect()
      start = draggedValue(0, e.clientX - rect.left, rect.width)
      emit(start)
    }
    drag.current = {
      pointerId: e.pointerId,
      x: e.clientX,
      y: e.clientY,
      start,
      intent: e.pointerType === 'mouse' ? 'horizontal' : 'undecided',
    }
    if (e.pointerType === 'mouse') (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId)
  }
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current
    if (!d || d.pointerId !== e.pointerId) return
    const dx = e.clientX - d.x
    if (d.intent === 'undecided') {
      d.intent = dragIntent(dx, e.clientY - d.y)
      if (d.intent === 'vertical') return void (drag.current = null) // the browser scrolls
      if (d.intent === 'undecided') return
      ;(e.currentTarget as HTMLElement).setPointerCapture(e.pointerId)
    }
    e.preventDefault()
    emit(draggedValue(d.start, dx, trackWidth()))
  }
  const onPointerEnd = () => (drag.current = null)

  const shown = Math.round(props.value)
  return (
    <div
      class={styles.touch}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
    >
      <input
        ref={input}
        id={props.id}
        class={`${styles.input} ${props.class ?? ''}`}
        type='range'
        min={min}
        max={max}
        step={1}
        value={shown}
        aria-valuetext={props.valueText ?? `${shown} of ${max}`}
        aria-label={props['aria-label']}
        data-param={props.param}
        style={props.style}
        // Keyboards and assistive technology (and tests that set the value) come through here.
        onInput={(e) => props.onChange(Number(e.currentTarget.value))}
      />
    </div>
  )
}
