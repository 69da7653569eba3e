/**
 * @module components/turntable — the character full screen on a turntable: drag (or the slider, or Spin) turns it
 * all the way round, pinch and double tap zoom. Yaw only: the engine's render options have no pitch yet.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Character } from '@facecraft/shared/rig'
import { wrapYaw } from '../../lib/editor/view-gestures.ts'
import { Preview } from '../preview/index.tsx'
import styles from './style.module.css'

/** Spin speed, degrees per second: a slow showroom turn. */
const SPIN_DEG_PER_S = 40

export function Turntable(props: {
  character: Character
  name: string
  yaw: number
  onClose: () => void
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [yaw, setYaw] = useState(props.yaw)
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
        onYaw={(y) => {
          setSpinning(false)
          setYaw(y)
        }}
        label={`${props.name}, turned ${yaw} degrees`}
        variant='turntable'
      />
    </dialog>
  )
}
