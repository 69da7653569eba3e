/**
 * @module components/share-sheet — share a character: a link that carries it (works offline, no server), plus a
 * short server share when signed in and synced; the phone's share sheet or copy; and a QR code to scan.
 */
import { useEffect, useState } from 'preact/hooks'
import { renderSVG } from 'uqr'
import type { Character } from '@facecraft/shared/rig'
import { getCharacter } from '../../lib/gallery.ts'
import { loadSession } from '../../lib/session.ts'
import { createShareLink, offlineShareLink, shareOrCopy } from '../../lib/share.ts'
import { toast } from '../../lib/toast.ts'
import { Sheet } from '../sheet/index.tsx'
import styles from './style.module.css'

export function ShareSheet(props: {
  /** The saved character's id, or null when unsaved (then only the offline link is offered). */
  id: string | null
  name: string
  character: Character
  onClose: () => void
}) {
  const shared = { character: props.character, name: props.name }
  const [link, setLink] = useState(() => offlineShareLink(shared))
  const [note, setNote] = useState<string | null>(null)

  useEffect(() => {
    void (async () => {
      const session = await loadSession()
      const record = props.id ? await getCharacter(props.id) : null
      if (!session) return setNote('Sign in to also get a link stored on your account.')
      if (!record || record.dirty || !record.revision) {
        return setNote(
          'This link carries the character itself; save and sync to add an account share too.'
        )
      }
      try {
        setLink(await createShareLink(record.id, record.revision, shared))
        setNote(null)
      } catch (error) {
        setNote(`The link carries the character itself (${(error as Error).message})`)
      }
    })()
  }, [])

  async function share() {
    try {
      const result = await shareOrCopy(link, props.name)
      if (result === 'copied') toast('Link copied')
    } catch {
      toast('Could not copy: select the link and copy it yourself.', 'error')
    }
  }

  const svg = renderSVG(link, { ecc: 'L', border: 2 })
  return (
    <Sheet title={`Share “${props.name}”`} onClose={props.onClose}>
      <div
        class={styles.qr}
        role='img'
        aria-label='QR code of the share link'
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <label class={styles.link}>
        <span>Link</span>
        <input
          type='text'
          readOnly
          value={link}
          data-testid='share-link'
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
      {note && <p class={styles.note}>{note}</p>}
      <button class={`primary ${styles.action}`} onClick={() => void share()}>
        {typeof navigator.share === 'function' ? 'Share…' : 'Copy link'}
      </button>
    </Sheet>
  )
}
