/** @module components/toasts — renders lib/toast messages in a polite live region. */
import { useToasts } from '../../lib/app/toast.ts'
import styles from './style.module.css'

export function Toasts() {
  const items = useToasts()
  return (
    <div class={styles.stack} role='status' aria-live='polite'>
      {items.map((t) => (
        <p key={t.id} class={t.tone === 'error' ? styles.error : styles.toast}>
          {t.text}
        </p>
      ))}
    </div>
  )
}
