/**
 * @module components/update-prompt — registers the service worker (workbox-window through vite-plugin-pwa) and
 * offers a reload when a new version is waiting, instead of swapping code under the player mid-edit.
 */
import { useRegisterSW } from 'virtual:pwa-register/preact'
import styles from './style.module.css'

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisterError(error: unknown) {
      // Offline use needs the worker, but the app itself still runs without it.
      console.warn('service worker registration failed', error)
    },
  })
  if (!needRefresh) return null
  return (
    <div class={styles.prompt} role='alertdialog' aria-labelledby='update-title'>
      <p id='update-title'>A new version of facecraft is ready.</p>
      <div class={styles.actions}>
        <button onClick={() => setNeedRefresh(false)}>Later</button>
        <button class='primary' onClick={() => void updateServiceWorker(true)}>
          Reload
        </button>
      </div>
    </div>
  )
}
