/** @module components/share-view — opens a shared link: shows the character and offers to save it. */
import { useEffect, useState } from 'preact/hooks'
import { extractAnyShareCode } from '@facecraft/shared/rig-v2'
import { shareCodeMessage } from '../../features/share/code-problem.ts'
import { thumbnailBlob, thumbnailUrl } from '../../features/render/renderer.ts'
import { newCharacterId, saveEdit } from '../../lib/store/gallery.ts'
import { navigate } from '../../lib/app/router.ts'
import { openShareLink, type OpenedShare } from '../../lib/editor/share.ts'
import { toast } from '../../lib/app/toast.ts'
import styles from './style.module.css'

export function ShareView(props: { path: string; hash: string }) {
  const [shared, setShared] = useState<OpenedShare | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [image, setImage] = useState<string | null>(null)

  useEffect(() => {
    // A new link in the same tab starts clean: the last link's error or character must not linger.
    setError(null)
    setShared(null)
    setImage(null)
    let current = true
    openShareLink(props.path, props.hash)
      .then(async (s) => {
        if (!current) return
        setShared(s)
        const url = await thumbnailUrl(s.character, 384)
        if (current) setImage(url)
      })
      .catch((e: Error) => {
        const code = extractAnyShareCode(decodeURIComponent(props.hash))
        if (current) setError(code ? shareCodeMessage(code, e) : e.message)
      })
    return () => void (current = false)
  }, [props.path, props.hash])

  async function save() {
    if (!shared) return
    const id = newCharacterId()
    try {
      const name = shared.name.trim() || 'Shared character'
      await saveEdit(id, {
        name,
        character: shared.character,
        thumbnail: await thumbnailBlob(shared.character),
      })
      toast(`Saved “${name}” to your gallery`)
      navigate(`/edit/${id}`, true)
    } catch (e) {
      toast((e as Error).message, 'error')
    }
  }

  if (error) {
    return (
      <section class={styles.view}>
        <h1>Can't open this link</h1>
        <p role='alert'>{error}</p>
        <button onClick={() => navigate('/')}>Open gallery</button>
      </section>
    )
  }
  return (
    <section class={styles.view} aria-busy={!shared}>
      <p class={styles.kicker}>Someone shared a character with you</p>
      <h1 data-testid='shared-name'>{shared ? shared.name || 'Shared character' : 'Opening…'}</h1>
      <div class={styles.portrait}>
        {image && <img src={image} alt={`${shared?.name ?? ''}, front view`} />}
      </div>
      {shared?.migrated && (
        <p data-testid='share-migrated'>
          Shared from an older version: updated to the new head. Check it before you save.
        </p>
      )}
      <button class='primary' disabled={!shared} onClick={() => void save()}>
        Save to my gallery
      </button>
      <button onClick={() => navigate('/')}>Not now</button>
    </section>
  )
}
