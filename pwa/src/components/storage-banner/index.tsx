/** @module components/storage-banner — says clearly when this browser will not keep characters (private mode). */
import { useEffect, useState } from 'preact/hooks'
import { lastOpenError, openDb } from '../../lib/store/db.ts'
import styles from './style.module.css'

export function StorageBanner() {
  const [message, setMessage] = useState<string | null>(null)
  useEffect(() => {
    void openDb().then((db) => setMessage(db ? null : (lastOpenError?.message ?? null)))
  }, [])
  if (!message) return null
  return (
    <p class={styles.banner} role='alert'>
      {message}
    </p>
  )
}
