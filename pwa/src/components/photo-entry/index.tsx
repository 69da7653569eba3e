/**
 * @module components/photo-entry — "create from photo". The face models and the inference Worker arrive in the
 * next release; until then this explains that, and lets the player fetch the models now (verified, cached) so
 * the feature works offline on day one.
 */
import { useEffect, useState } from 'preact/hooks'
import { ApiError } from '../../lib/account/api-client.ts'
import {
  fetchManifest,
  installedModels,
  installModels,
  pickVariant,
  type InstalledModels,
  type ModelProgress,
} from '../../features/photo/model-store.ts'
import { PhotoCheck } from '../photo-check/index.tsx'
import { Sheet } from '../sheet/index.tsx'
import styles from './style.module.css'

type Offer =
  | { state: 'checking' }
  | { state: 'none'; message: string }
  | { state: 'ready'; bytes: number; release: string }

export function PhotoEntry(props: { onClose: () => void }) {
  const [installed, setInstalled] = useState<InstalledModels | null>(null)
  const [offer, setOffer] = useState<Offer>({ state: 'checking' })
  const [progress, setProgress] = useState<ModelProgress | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void installedModels().then(setInstalled)
    void (async () => {
      try {
        const m = await fetchManifest(await pickVariant())
        setOffer({
          state: 'ready',
          bytes: m.files.reduce((s, f) => s + f.bytes, 0),
          release: m.release,
        })
      } catch (e) {
        const message =
          e instanceof ApiError && e.code === 'no-model-release'
            ? 'No face models are released yet.'
            : (e as Error).message
        setOffer({ state: 'none', message })
      }
    })()
  }, [])

  async function download() {
    setError(null)
    try {
      const m = await fetchManifest(await pickVariant())
      setInstalled(await installModels(m, setProgress))
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setProgress(null)
    }
  }

  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`
  return (
    <Sheet title='Create from a photo' onClose={props.onClose}>
      <p>
        Coming in the next update: take a selfie and facecraft finds the sliders that make your
        face, on your phone, without uploading the photo.
      </p>
      <p class={styles.status}>
        {installed
          ? `Face models ${installed.release} are on this device and work offline.`
          : offer.state === 'checking'
            ? 'Checking for face models…'
            : offer.state === 'none'
              ? offer.message
              : `Face models ${offer.release} (${mb(offer.bytes)}) can be downloaded now, ready for when it arrives.`}
      </p>
      {progress && (
        <progress max={progress.total} value={progress.loaded} aria-label='Model download'>
          {Math.round((100 * progress.loaded) / progress.total)}%
        </progress>
      )}
      {installed && <PhotoCheck models={installed} />}
      {error && (
        <p role='alert' class={styles.error}>
          {error}
        </p>
      )}
      {offer.state === 'ready' && installed?.release !== offer.release && (
        <button class='primary' disabled={!!progress} onClick={() => void download()}>
          {progress
            ? `Downloading ${mb(progress.loaded)} of ${mb(progress.total)}`
            : 'Download face models'}
        </button>
      )}
    </Sheet>
  )
}
