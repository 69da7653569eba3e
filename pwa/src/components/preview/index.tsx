/**
 * @module components/preview — the live render. Frames come from the preview Worker through a FrameScheduler
 * (one in flight, newest waiting), small while the player drags and sharp once they stop. One finger dragging
 * sideways turns the head, two fingers pinch-zoom, a double tap zooms in and out; the "Turn head" slider does the
 * turn by keyboard (and, like every slider here, ignores vertical swipes). Until the engine's first frame lands,
 * the character's saved thumbnail is shown, so opening a character never shows an empty box.
 */
import type { ComponentChildren } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Character } from '@facecraft/shared/rig'
import { FrameScheduler } from '../../features/render/frame-scheduler.ts'
import { renderer, type Frame } from '../../features/render/renderer.ts'
import { useViewGestures } from '../../lib/editor/use-view-gestures.ts'
import { Range } from '../range/index.tsx'
import styles from './style.module.css'

/**
 * Render size while the character changes, px. Engine v2's textured head costs ~2x v1's per pixel: 160 px (2x2
 * supersampled) renders in ~18 ms in the bench (256 px took ~35 ms and dropped 60% of a drag's frames); the sharp
 * frame follows SETTLE_MS after the last change.
 */
export const LIVE_SIZE = 160
/** Render size once changes stop for SETTLE_MS, px. */
export const SHARP_SIZE = 512
/** Render size once settled when zoomed in or full screen, px (also the canvas backing size). */
export const DETAIL_SIZE = 1024
const SETTLE_MS = 180
/** Yaw range of the editor's preview, degrees (the turntable turns all the way round). */
export const MAX_YAW = 90

interface Request {
  character: Character
  yaw: number
  pitch: number
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

export interface PreviewProps {
  character: Character
  yaw: number
  onYaw: (yaw: number) => void
  /** Head pitch, degrees (+ looks down on the head); the turntable's little tilt. Default 0. */
  pitch?: number
  label: string
  /** 'editor': turns +-MAX_YAW; 'turntable': full screen, turns all the way round. */
  variant?: 'editor' | 'turntable'
  /** The saved thumbnail, drawn until the first frame arrives. */
  placeholder?: Blob | null
  /** Shown at the top right of the stage, clear of the face at any size (the full-screen button). */
  corner?: ComponentChildren
  /** Drawn over the face inside the frame, not catching gestures (the photo to compare with). */
  overlay?: ComponentChildren
  /** Controls shown under the turn slider (the turntable's Tilt). */
  below?: ComponentChildren
}

export function Preview(props: PreviewProps) {
  const turntable = props.variant === 'turntable'
  const canvas = useRef<HTMLCanvasElement>(null)
  const scheduler = useRef<FrameScheduler<Request, Frame> | null>(null)
  const settle = useRef<ReturnType<typeof setTimeout>>()
  const gestures = useViewGestures(props.yaw, props.onYaw, turntable ? undefined : MAX_YAW)
  // Why the engine cannot draw (the head pack did not load): said in the stage, cleared by the next frame.
  const [failure, setFailure] = useState<string | null>(null)

  if (!scheduler.current) {
    scheduler.current = new FrameScheduler<Request, Frame>(
      (r) => renderer('preview').frame(r.character, r.size, r.yaw, r.pitch),
      ({ result, requestedAt, doneAt }) => {
        setFailure(null)
        draw(canvas.current, result, requestedAt, doneAt)
      },
      (error) => setFailure((error as Error).message)
    )
  }

  const detailed = turntable || gestures.zoom > 1
  const pitch = props.pitch ?? 0
  useEffect(() => {
    const { character, yaw } = props
    scheduler.current!.request({ character, yaw, pitch, size: LIVE_SIZE })
    clearTimeout(settle.current)
    settle.current = setTimeout(
      () =>
        scheduler.current!.request({
          character,
          yaw,
          pitch,
          size: detailed ? DETAIL_SIZE : SHARP_SIZE,
        }),
      SETTLE_MS
    )
  }, [props.character, props.yaw, pitch, detailed])
  useEffect(() => () => clearTimeout(settle.current), [])
  useEffect(() => {
    if (props.placeholder && canvas.current) void drawPlaceholder(canvas.current, props.placeholder)
  }, [])

  const maxYaw = turntable ? 180 : MAX_YAW
  const yawId = turntable ? 'turntable-yaw' : 'preview-yaw'
  return (
    <div class={turntable ? styles.full : styles.stage}>
      <div class={styles.frame} {...gestures.handlers} data-testid='preview-frame'>
        <canvas
          ref={canvas}
          class={styles.canvas}
          width={DETAIL_SIZE}
          height={DETAIL_SIZE}
          role='img'
          aria-label={props.label}
          data-testid={turntable ? 'turntable' : 'preview'}
          data-zoom={gestures.zoom.toFixed(2)}
          style={{
            transform: `scale(${gestures.zoom})`,
            transformOrigin: `${gestures.origin.x}% ${gestures.origin.y}%`,
          }}
        />
        {props.overlay}
      </div>
      {failure && (
        <p class={styles.failure} role='alert' data-testid='render-error'>
          {failure}
        </p>
      )}
      {props.corner}
      <div class={styles.yaw}>
        <span aria-hidden='true'>↺</span>
        <label for={yawId} class='visually-hidden'>
          Turn head
        </label>
        <Range
          id={yawId}
          min={-maxYaw}
          max={maxYaw}
          value={props.yaw}
          valueText={`${props.yaw} degrees`}
          onChange={(yaw) => props.onYaw(Math.round(yaw))}
        />
        <span aria-hidden='true'>↻</span>
      </div>
      {props.below}
    </div>
  )
}

/** Draws the saved thumbnail unless a frame got there first; marks the canvas (tests and the bench read it). */
async function drawPlaceholder(el: HTMLCanvasElement, blob: Blob): Promise<void> {
  const bitmap = await createImageBitmap(blob).catch(() => null)
  const context = el.getContext('2d')
  if (!bitmap || !context) return
  if (!Number(el.dataset.frames ?? 0)) {
    context.drawImage(bitmap, 0, 0, el.width, el.height)
    el.dataset.placeholder = 'drawn'
    window.dispatchEvent(new CustomEvent('facecraft:placeholder'))
  }
  bitmap.close()
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
