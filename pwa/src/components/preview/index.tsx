/**
 * @module components/preview — the live render. Frames come from the preview Worker through a FrameScheduler
 * (one in flight, newest waiting), small while the player drags and sharp once they stop. Dragging on the
 * picture turns the head; the yaw slider below does the same by keyboard.
 */
import { useEffect, useRef } from 'preact/hooks'
import type { Character } from '@facecraft/shared/rig'
import { FrameScheduler } from '../../features/render/frame-scheduler.ts'
import { renderer, type Frame } from '../../features/render/renderer.ts'
import styles from './style.module.css'

/** Render size while the character changes (ms-scale frames), px. */
export const LIVE_SIZE = 256
/** Render size once changes stop for SETTLE_MS, px (the canvas backing size). */
export const SHARP_SIZE = 512
const SETTLE_MS = 180
/** Yaw range of the look-around control, degrees. */
export const MAX_YAW = 60

interface Request {
  character: Character
  yaw: number
  size: number
}

export interface FrameEventDetail {
  /** performance.now() ms: when the change was requested, when the frame arrived, when it was drawn. */
  requestedAt: number
  doneAt: number
  drawnAt: number
  renderMs: number
  size: number
}

export function Preview(props: {
  character: Character
  yaw: number
  onYaw: (yaw: number) => void
  label: string
}) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const scheduler = useRef<FrameScheduler<Request, Frame> | null>(null)
  const settle = useRef<ReturnType<typeof setTimeout>>()
  const drag = useRef<{ x: number; yaw: number } | null>(null)

  if (!scheduler.current) {
    scheduler.current = new FrameScheduler<Request, Frame>(
      (r) => renderer('preview').frame(r.character, r.size, r.yaw),
      ({ result, requestedAt, doneAt }) => draw(canvas.current, result, requestedAt, doneAt)
    )
  }

  useEffect(() => {
    const { character, yaw } = props
    scheduler.current!.request({ character, yaw, size: LIVE_SIZE })
    clearTimeout(settle.current)
    settle.current = setTimeout(
      () => scheduler.current!.request({ character, yaw, size: SHARP_SIZE }),
      SETTLE_MS
    )
  }, [props.character, props.yaw])
  useEffect(() => () => clearTimeout(settle.current), [])

  const onPointerDown = (e: PointerEvent) => {
    drag.current = { x: e.clientX, yaw: props.yaw }
    ;(e.currentTarget as HTMLElement).setPointerCapture(e.pointerId)
  }
  const onPointerMove = (e: PointerEvent) => {
    if (!drag.current) return
    const width = (e.currentTarget as HTMLElement).clientWidth
    const yaw = drag.current.yaw + ((e.clientX - drag.current.x) / width) * 2 * MAX_YAW
    props.onYaw(Math.round(Math.max(-MAX_YAW, Math.min(MAX_YAW, yaw))))
  }
  const onPointerUp = () => (drag.current = null)

  return (
    <div class={styles.stage}>
      <canvas
        ref={canvas}
        class={styles.canvas}
        width={SHARP_SIZE}
        height={SHARP_SIZE}
        role='img'
        aria-label={props.label}
        data-testid='preview'
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      />
      <label class={styles.yaw}>
        <span class='visually-hidden'>Turn head</span>
        <span aria-hidden='true'>↺</span>
        <input
          type='range'
          min={-MAX_YAW}
          max={MAX_YAW}
          step={1}
          value={props.yaw}
          aria-valuetext={`${props.yaw} degrees`}
          onInput={(e) => props.onYaw(Number(e.currentTarget.value))}
        />
        <span aria-hidden='true'>↻</span>
      </label>
    </div>
  )
}

function draw(
  el: HTMLCanvasElement | null,
  frame: Frame,
  requestedAt: number,
  doneAt: number
): void {
  const context = el?.getContext('2d')
  if (!el || !context) return frame.bitmap.close()
  context.imageSmoothingQuality = 'high'
  context.clearRect(0, 0, el.width, el.height)
  context.drawImage(frame.bitmap, 0, 0, el.width, el.height)
  frame.bitmap.close()
  const detail: FrameEventDetail = {
    requestedAt,
    doneAt,
    drawnAt: performance.now(),
    renderMs: frame.renderMs,
    size: frame.size,
  }
  el.dataset.frames = String(Number(el.dataset.frames ?? 0) + 1)
  // Tests and `facecraft bench pwa` measure edit-to-frame latency from this event.
  window.dispatchEvent(new CustomEvent('facecraft:frame', { detail }))
}
