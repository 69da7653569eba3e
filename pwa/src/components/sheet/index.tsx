/** @module components/sheet — a modal bottom sheet (native <dialog>: focus trap, Esc to close, backdrop). */
import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import styles from './style.module.css'

export function Sheet(props: { title: string; onClose: () => void; children: ComponentChildren }) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const el = dialog.current
    if (el && !el.open) el.showModal()
  }, [])
  return (
    <dialog ref={dialog} class={styles.sheet} aria-labelledby='sheet-title' onClose={props.onClose}>
      <header class={styles.head}>
        <h2 id='sheet-title'>{props.title}</h2>
        <button onClick={() => dialog.current?.close()} aria-label='Close'>
          ✕
        </button>
      </header>
      {props.children}
    </dialog>
  )
}
