/**
 * @module components/device-only — the one-time question after signing in when this device holds characters made
 * while signed out: add them to this account, or keep them on this device only. Nothing uploads until answered.
 */
import { useEffect, useState } from 'preact/hooks'
import type { StoredCharacter } from '../../lib/store/db.ts'
import { addToAccount, keepOnDevice, undecidedFor } from '../../lib/sync/device-only.ts'
import { onGalleryChange } from '../../lib/store/gallery.ts'
import { requestSync } from '../../lib/sync/sync-controller.ts'
import { toast } from '../../lib/app/toast.ts'
import { useUser } from '../../lib/sync/use-sync.ts'
import styles from './style.module.css'

export function DeviceOnlyPrompt() {
  const user = useUser()
  const [pending, setPending] = useState<StoredCharacter[]>([])
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (!user) return setPending([])
    const refresh = () => void undecidedFor(user.id).then(setPending)
    refresh()
    return onGalleryChange(refresh)
  }, [user])
  if (!user || !pending.length) return null
  const n = pending.length
  const ids = pending.map((c) => c.id)
  const names = pending
    .slice(0, 3)
    .map((c) => c.name)
    .join(', ')
  const account = user.anonymous ? 'this device account' : user.email
  const answer = async (add: boolean) => {
    setBusy(true)
    try {
      if (add) await addToAccount(user.id, ids)
      else await keepOnDevice(user.id, ids)
      setPending(await undecidedFor(user.id))
      toast(add ? `Added to ${account}` : 'Kept on this device only')
      if (add) void requestSync()
    } catch (e) {
      toast((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section
      class={styles.prompt}
      aria-label='Characters on this device only'
      data-testid='device-only'
    >
      <p>
        {n} character{n === 1 ? '' : 's'} on this device {n === 1 ? 'is' : 'are'} not in any account
        ({names}
        {n > 3 ? ', …' : ''}). Add {n === 1 ? 'it' : 'them'} to {account}?
      </p>
      <div class={styles.choices}>
        <button class='primary' disabled={busy} onClick={() => void answer(true)}>
          Add to this account
        </button>
        <button disabled={busy} onClick={() => void answer(false)}>
          Keep on this device only
        </button>
      </div>
    </section>
  )
}
