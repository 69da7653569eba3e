/**
 * @module components/conflicts — when the same character changed on two devices: a banner, then each conflict
 * side by side (renders large enough to compare) with the list of what differs ("Face width 95 vs 5"), and keep
 * mine / keep theirs / keep both. Nothing is resolved without the player.
 */
import { useEffect, useState } from 'preact/hooks'
import type { Character } from '@facecraft/shared/rig'
import { resolveConflict, type Resolution } from '../../lib/sync/conflicts.ts'
import type { Conflict } from '../../lib/store/db.ts'
import { requestSync } from '../../lib/sync/sync-controller.ts'
import { listConflicts } from '../../lib/sync/sync.ts'
import { characterDifferences } from '../../lib/sync/conflict-diff.ts'
import { thumbnailUrl } from '../../features/render/renderer.ts'
import { useSyncStatus } from '../../lib/sync/use-sync.ts'
import { Sheet } from '../sheet/index.tsx'
import styles from './style.module.css'

export function ConflictBanner() {
  const status = useSyncStatus()
  const [conflicts, setConflicts] = useState<Conflict[]>([])
  const [open, setOpen] = useState(false)
  useEffect(() => void listConflicts().then(setConflicts), [status])
  if (!conflicts.length) return null
  const n = conflicts.length
  return (
    <>
      <div class={styles.banner} role='alert'>
        <span>
          {n} character{n === 1 ? ' was' : 's were'} changed on another device too.
        </span>
        <button class='primary' onClick={() => setOpen(true)}>
          Review
        </button>
      </div>
      {open && (
        <Sheet title='Changed on two devices' onClose={() => setOpen(false)}>
          {conflicts.map((c) => (
            <ConflictCard
              key={c.id}
              conflict={c}
              onResolved={async () => {
                const left = await listConflicts()
                setConflicts(left)
                if (!left.length) setOpen(false)
                void requestSync()
              }}
            />
          ))}
        </Sheet>
      )}
    </>
  )
}

/** Render size of the two sides, px: each fills half a phone-wide sheet, sharp at 2x. */
const COMPARE_SIZE = 384

function ConflictCard(props: { conflict: Conflict; onResolved: () => Promise<void> }) {
  const { mine, theirs } = props.conflict
  const [images, setImages] = useState<[string | null, string | null]>([null, null])
  useEffect(() => {
    void Promise.all([
      thumbnailUrl(mine.character, COMPARE_SIZE),
      theirs.character ? thumbnailUrl(theirs.character, COMPARE_SIZE) : Promise.resolve(null),
    ]).then(setImages)
  }, [props.conflict])
  const choose = async (choice: Resolution) => {
    await resolveConflict(props.conflict, choice)
    await props.onResolved()
  }
  const when = (iso: string) => new Date(iso).toLocaleString()
  return (
    <article class={styles.card} data-testid='conflict'>
      <div class={styles.sides}>
        <figure>
          {mine.deleted ? (
            <span class={styles.deleted}>Deleted</span>
          ) : (
            images[0] && <img src={images[0]} alt={`${mine.name} on this device`} />
          )}
          <figcaption>
            <strong>This device</strong>
            <br />
            {mine.deleted ? `deleted ${mine.name}` : `${mine.name} · ${when(mine.updatedAt)}`}
          </figcaption>
        </figure>
        <figure>
          {images[1] ? (
            <img src={images[1]} alt={`${theirs.name} on the other device`} />
          ) : (
            <span class={styles.deleted}>Deleted</span>
          )}
          <figcaption>
            <strong>Other device</strong>
            <br />
            {theirs.character ? theirs.name : 'deleted it'} · {when(theirs.updatedAt)}
          </figcaption>
        </figure>
      </div>
      {!mine.deleted && theirs.character && (
        <Differences mine={mine.character} theirs={theirs.character} />
      )}
      {mine.deleted ? (
        // Deleted here, edited there: nothing of this device's to keep but the delete itself.
        <div class={styles.choices}>
          <button onClick={() => void choose('mine')}>Keep deleted</button>
          <button class='primary' onClick={() => void choose('theirs')}>
            Restore their edit
          </button>
        </div>
      ) : (
        <div class={styles.choices}>
          <button onClick={() => void choose('mine')}>Keep mine</button>
          <button onClick={() => void choose('theirs')}>Keep theirs</button>
          <button class='primary' onClick={() => void choose('both')}>
            Keep both
          </button>
        </div>
      )}
    </article>
  )
}

/** What differs, this device's value first, grouped as the editor's tabs are. */
function Differences(props: { mine: Character; theirs: Character }) {
  const diff = characterDifferences(props.mine, props.theirs)
  if (!diff.length) return <p class={styles.same}>Same look; only the name or the time differs.</p>
  return (
    <ul class={styles.diff} aria-label='What differs'>
      {diff.map((d) => (
        <li key={d.id}>
          <span>{d.label}</span>{' '}
          <span class={styles.values}>
            {d.mine} vs {d.theirs}
          </span>
        </li>
      ))}
    </ul>
  )
}
