/** @module components/app-bar — title, sync state and the account button. */
import { navigate } from '../../lib/router.ts'
import { useSyncStatus, useUser } from '../../lib/use-sync.ts'
import styles from './style.module.css'

const LABELS = {
  'signed-out': 'On this device',
  idle: 'Synced',
  syncing: 'Syncing…',
  offline: 'Offline',
  error: 'Sync paused',
} as const

export function AppBar() {
  const status = useSyncStatus()
  const user = useUser()
  const go = (to: string) => (e: Event) => {
    e.preventDefault()
    navigate(to)
  }
  return (
    <header class={styles.bar}>
      <a href='/' class={styles.brand} onClick={go('/')}>
        <img src='/icons/icon-192.png' alt='' width={28} height={28} />
        facecraft
      </a>
      <span
        class={styles.sync}
        data-state={status.state}
        title={status.message ?? ''}
        data-testid='sync-state'
        data-synced-at={status.lastSyncedAt ?? ''}
      >
        <span class={styles.dot} aria-hidden='true' />
        {LABELS[status.state]}
      </span>
      <a href='/account' class={styles.account} onClick={go('/account')}>
        {user ? (user.email ?? 'Device account') : 'Sign in'}
      </a>
    </header>
  )
}
