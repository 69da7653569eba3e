/**
 * @module components/turntable — the character full screen on a turntable: drag (or the slider, or Spin) turns it
 * all the way round, pinch and double tap zoom. The head is shown a little from above (TURNTABLE_PITCH, as a
 * showroom turntable sits below eye level); the Tilt slider changes that within +-MAX_PITCH.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Character } from '@facecraft/shared/rig'
import { wrapYaw } from '../../lib/editor/view-gestures.ts'
import { Preview } from '../preview/index.tsx'
import { Range } from '../range/index.tsx'
import styles from './style.module.css'

/** Spin speed, degrees per second: a slow showroom turn. */
const SPIN_DEG_PER_S = 40
/** The turntable's default tilt, degrees (+ looks down on the head): enough to see the crown and the jaw line. */
export const TURNTABLE_PITCH = 8
/** The most the Tilt slider tips the head, degrees either way (the engine clamps at 20). */
export const MAX_PITCH = 15

export function Turntable(props: {
  character: Character
  name: string
  yaw: number
  onClose: () => void
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [yaw, setYaw] = useState(props.yaw)
  const [pitch, setPitch] = useState(TURNTABLE_PITCH)
  const [spinning, setSpinning] = useState(false)

  useEffect(() => {
    const el = dialog.current
    if (el && !el.open) el.showModal()
  }, [])
  useEffect(() => {
    if (!spinning) return
    let last = performance.now()
    let frame = requestAnimationFrame(function step(now) {
      // Whole degrees only: the frame scheduler drops in-between requests anyway.
      const turn = Math.round(((now - last) / 1000) * SPIN_DEG_PER_S)
      if (turn >= 1) {
        last = now
        setYaw((y) => wrapYaw(y + turn))
      }
      frame = requestAnimationFrame(step)
    })
    return () => cancelAnimationFrame(frame)
  }, [spinning])

  return (
    <dialog ref={dialog} class={styles.dialog} aria-label='Turntable' onClose={props.onClose}>
      <div class={styles.bar}>
        <h2 class={styles.title}>{props.name}</h2>
        <button onClick={() => setSpinning((s) => !s)} aria-pressed={spinning}>
          Spin
        </button>
        <button onClick={() => dialog.current?.close()}>Close</button>
      </div>
      <Preview
        character={props.character}
        yaw={yaw}
        pitch={pitch}
        onYaw={(y) => {
          setSpinning(false)
          setYaw(y)
        }}
        label={`${props.name}, turned ${yaw} degrees, tilted ${pitch} degrees`}
        variant='turntable'
        below={
          <div class={styles.tilt}>
            <label for='turntable-pitch'>Tilt</label>
            <Range
              id='turntable-pitch'
              min={-MAX_PITCH}
              max={MAX_PITCH}
              value={pitch}
              valueText={`${pitch} degrees`}
              onChange={(p) => setPitch(Math.round(p))}
            />
          </div>
        }
      />
    </dialog>
  )
}
