/**
 * @module components/gallery — the home screen: the player's characters with thumbnails, new character, create
 * from a photo (/photo), and export/import of the whole gallery as a file. On a first run (nothing saved yet):
 * sample characters to start from, and "Install app" where the browser offers it.
 */
import { useEffect, useRef } from 'preact/hooks'
import { createCharacterV2 } from '@facecraft/shared/rig-v2'
import { useInstallPrompt } from '../../features/install/install-prompt.ts'
import { warmUpPreview } from '../../features/render/renderer.ts'
import { exportGallery, importGallery } from '../../lib/store/backup.ts'
import { migrationMessage } from '../../lib/store/open-saved.ts'
import type { StoredCharacter } from '../../lib/store/db.ts'
import { navigate } from '../../lib/app/router.ts'
import { toast } from '../../lib/app/toast.ts'
import { useGallery } from '../../features/gallery/use-gallery.ts'
import { useObjectUrl } from '../../lib/app/use-object-url.ts'
import { useUser } from '../../lib/sync/use-sync.ts'
import { Icon } from '../icon/index.tsx'
import { Samples } from '../samples/index.tsx'
import styles from './style.module.css'

export function Gallery() {
  const items = useGallery()
  const user = useUser()
  const file = useRef<HTMLInputElement>(null)
  const install = useInstallPrompt()

  // Once the gallery is on screen, get the preview Worker ready for the editor (its first frame is then quick).
  useEffect(() => {
    const start = () => warmUpPreview(items?.[0]?.character ?? createCharacterV2())
    if (items === null) return
    if ('requestIdleCallback' in window) {
      const handle = requestIdleCallback(start, { timeout: 1500 })
      return () => cancelIdleCallback(handle)
    }
    const timer = setTimeout(start, 300)
    return () => clearTimeout(timer)
  }, [items === null])

  async function doExport() {
    const { blob, filename, count } = await exportGallery()
    const a = document.createElement('a')
    a.href = URL.createObjectURL(blob)
    a.download = filename
    a.click()
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
    toast(`Exported ${count} character${count === 1 ? '' : 's'}`)
  }

  async function doImport(input: HTMLInputElement) {
    const chosen = input.files?.[0]
    input.value = ''
    if (!chosen) return
    try {
      const r = await importGallery(await chosen.text())
      const updated = r.migrated ? `; ${migrationMessage(r.migrated)}` : ''
      toast(`Imported ${r.added} new, ${r.copies} as copies, ${r.skipped} already here${updated}`)
    } catch (error) {
      toast((error as Error).message, 'error')
    }
  }

  return (
    <section class={styles.gallery}>
      <div class={styles.hero}>
        <h1>Your characters</h1>
        <div class={styles.create}>
          <button class='primary' onClick={() => navigate('/new')}>
            <Icon name='plus' /> New character
          </button>
          <button onClick={() => navigate('/photo')}>
            <Icon name='camera' /> From a photo
          </button>
          {install && (
            <button onClick={() => void install()}>
              <Icon name='download' /> Install app
            </button>
          )}
        </div>
      </div>
      {items === null ? (
        <p class={styles.empty}>Loading…</p>
      ) : items.length === 0 ? (
        <>
          <p class={styles.empty}>
            No characters yet. Make your first one, or start from one of these: every slider of the
            game is yours.
          </p>
          <Samples />
        </>
      ) : (
        <ul class={styles.grid} data-testid='gallery'>
          {items.map((item) => (
            <Card key={item.id} item={item} userId={user?.id ?? null} />
          ))}
        </ul>
      )}
      <div class={styles.backup}>
        <button onClick={() => void doExport()} disabled={!items?.length}>
          Export gallery
        </button>
        <button onClick={() => file.current?.click()}>Import…</button>
        <input
          ref={file}
          type='file'
          accept='application/json,.json'
          class='visually-hidden'
          aria-label='Import a gallery file'
          data-testid='import-file'
          onChange={(e) => void doImport(e.currentTarget)}
        />
      </div>
    </section>
  )
}

function Card({ item, userId }: { item: StoredCharacter; userId: string | null }) {
  // Another account's (kept here at its sign-out) or device-only: never synced with the signed-in account.
  const elsewhere = !!userId && item.owner !== undefined && item.owner !== userId
  const url = useObjectUrl(item.thumbnail)
  return (
    <li class={styles.card}>
      <a
        href={`/edit/${item.id}`}
        onClick={(e) => {
          e.preventDefault()
          navigate(`/edit/${item.id}`)
        }}
      >
        <span class={styles.thumb}>{url && <img src={url} alt='' width={128} height={128} />}</span>
        <span class={styles.name}>{item.name}</span>
        {elsewhere ? (
          <span class={styles.pending}>Not in this account</span>
        ) : (
          userId && item.dirty && <span class={styles.pending}>Not synced yet</span>
        )}
      </a>
    </li>
  )
}
