/**
 * @module components/share-sheet — share a character: a link that carries it (works offline, no server), or, when
 * signed in and synced, a short account link (with a preview image in chat apps) plus the full one; the phone's
 * share sheet or copy; a QR code to scan; and the character as a picture: "Save image" (1024 px PNG, with or
 * without background) and a share card.
 */
import { useEffect, useState } from 'preact/hooks'
import type { Character } from '@facecraft/shared/rig'
import { savePicture, shareCard } from '../../features/share/save-picture.ts'
import { getCharacter } from '../../lib/store/gallery.ts'
import { loadSession } from '../../lib/account/session.ts'
import { createShareLink, offlineShareLink, shareOrCopy, shareQr } from '../../lib/editor/share.ts'
import { toast } from '../../lib/app/toast.ts'
import { Icon } from '../icon/index.tsx'
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
  const [full, setFull] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)

  useEffect(() => {
    void (async () => {
      const session = await loadSession()
      const record = props.id ? await getCharacter(props.id) : null
      if (!session) return setNote('Sign in to also get a short link stored on your account.')
      if (!record || record.dirty || !record.revision) {
        return setNote(
          'This link carries the character itself; save and sync to get a short link too.'
        )
      }
      try {
        const links = await createShareLink(record.id, record.revision, shared)
        setLink(links.short)
        setFull(links.full)
        setNote(null)
      } catch (error) {
        setNote(`The link carries the character itself (${(error as Error).message})`)
      }
    })()
  }, [])

  async function share(url: string) {
    try {
      const result = await shareOrCopy(url, props.name)
      if (result === 'copied') toast('Link copied')
    } catch {
      toast('Could not copy: select the link and copy it yourself.', 'error')
    }
  }

  const qr = shareQr(link, shared)
  return (
    <Sheet title={`Share “${props.name}”`} onClose={props.onClose}>
      {qr ? (
        <>
          <div
            class={styles.qr}
            role='img'
            aria-label='QR code of the share link'
            dangerouslySetInnerHTML={{ __html: qr.svg }}
          />
          {qr.lean && (
            <p class={styles.note} data-testid='share-qr-lean'>
              The QR code leaves out the finest skin texture from your photo (too long for one); the
              link carries all of it.
            </p>
          )}
        </>
      ) : (
        <p class={styles.note} data-testid='share-qr-too-long'>
          This link is too long for a QR code: share or copy it instead (signed in and synced, a
          short link fits one).
        </p>
      )}
      <label class={styles.link}>
        <span>{full ? 'Short link' : 'Link'}</span>
        <input
          type='text'
          readOnly
          value={link}
          data-testid='share-link'
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
      {full && (
        <label class={styles.link}>
          <span>Link that also opens offline</span>
          <input
            type='text'
            readOnly
            value={full}
            data-testid='share-link-full'
            onFocus={(e) => e.currentTarget.select()}
          />
        </label>
      )}
      {note && <p class={styles.note}>{note}</p>}
      <button class={`primary ${styles.action}`} onClick={() => void share(link)}>
        {typeof navigator.share === 'function' ? 'Share…' : 'Copy link'}
      </button>
      <PictureActions character={props.character} name={props.name} />
    </Sheet>
  )
}

/** The character as a picture: a 1024 px PNG (background optional) and a share card. */
function PictureActions(props: { character: Character; name: string }) {
  const [background, setBackground] = useState(true)
  const [busy, setBusy] = useState(false)
  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await action()
      toast(done)
    } catch (error) {
      toast(`Could not make the picture: ${(error as Error).message}`, 'error')
    } finally {
      setBusy(false)
    }
  }
  return (
    <section class={styles.picture} aria-label='Picture'>
      <h3>Picture</h3>
      <label class={styles.check}>
        <input
          type='checkbox'
          checked={background}
          onChange={(e) => setBackground(e.currentTarget.checked)}
        />
        Background
      </label>
      <div class={styles.pictureButtons}>
        <button
          disabled={busy}
          onClick={() =>
            void run(() => savePicture(props.character, props.name, background), 'Image saved')
          }
        >
          <Icon name='image' /> Save image
        </button>
        <button
          disabled={busy}
          onClick={() => void run(() => shareCard(props.character, props.name), 'Share card ready')}
        >
          <Icon name='share' /> Share card
        </button>
      </div>
    </section>
  )
}
