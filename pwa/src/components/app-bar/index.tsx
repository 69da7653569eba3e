/**
 * @module components/app-bar — title, sync state and the account button, on one row. When they do not fit (a 360 px
 * phone with large text) the sync state moves to a short second row under them and the title may end in an
 * ellipsis: never a third row, never an action cut off (the layout is in style.module.css). The signed-in account
 * shows as an initial (the full email is its accessible name and on the Account screen). Publishes its height as
 * --app-bar-h, which the editor's sticky header sits under.
 */
import { useEffect, useRef } from 'preact/hooks'
import { navigate } from '../../lib/app/router.ts'
import { useSyncStatus, useUser } from '../../lib/sync/use-sync.ts'
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
  const bar = useRef<HTMLElement>(null)
  useEffect(() => {
    const el = bar.current
    if (!el || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() =>
      document.documentElement.style.setProperty('--app-bar-h', `${el.offsetHeight}px`)
    )
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  const go = (to: string) => (e: Event) => {
    e.preventDefault()
    navigate(to)
  }
  const who = user ? (user.email ?? 'Device account') : null
  return (
    <header class={styles.bar} ref={bar}>
      {/* The header is the size container that the row's layout queries; a container cannot query itself. */}
      <div class={styles.row}>
        <a href='/' class={styles.brand} onClick={go('/')}>
          <img src='/icons/icon-192.png' alt='' width={28} height={28} />
          <span class={styles.title}>facecraft</span>
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
        {who ? (
          <a
            href='/account'
            class={styles.avatar}
            onClick={go('/account')}
            aria-label={`Account: ${who}`}
            title={who}
          >
            <span aria-hidden='true'>{(user?.email?.[0] ?? '•').toUpperCase()}</span>
          </a>
        ) : (
          <a href='/account' class={styles.account} onClick={go('/account')}>
            Sign in
          </a>
        )}
      </div>
    </header>
  )
}
