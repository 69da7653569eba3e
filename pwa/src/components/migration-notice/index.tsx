/**
 * @module components/migration-notice — one line, once: "Updated N characters to the new head — open them to
 * check", after the switch to rig v2 migrated saved characters (database upgrade, sync). Stays until dismissed.
 */
import { useEffect, useState } from 'preact/hooks'
import { migrationMessage } from '../../lib/store/open-saved.ts'
import { onMigrated, takeMigrated } from '../../lib/store/migration-notice.ts'
import styles from './style.module.css'

export function MigrationNotice() {
  const [count, setCount] = useState(0)
  useEffect(() => {
    const take = () => void takeMigrated().then((n) => n && setCount((c) => c + n))
    take()
    return onMigrated(take)
  }, [])
  if (!count) return null
  return (
    <p class={styles.notice} role='status' data-testid='migration-notice'>
      <span>{migrationMessage(count)}</span>
      <button onClick={() => setCount(0)}>OK</button>
    </p>
  )
}
