/**
 * @module components/model-download — the download of one model group: what it is for, its size, a progress bar,
 * and the error (the installed models, if any, keep working). Used by create (the `create` group) and refine.
 */
import { megabytes, type ModelGroupState } from '../../features/photo/use-model-group.ts'
import styles from './style.module.css'

export function ModelDownload(props: {
  models: ModelGroupState
  what: string
  onDone?: () => void
}) {
  const { offer, progress, error, unavailable } = props.models
  async function start() {
    if (await props.models.download()) props.onDone?.()
  }
  return (
    <div class={styles.download}>
      {progress ? (
        <>
          <progress
            max={progress.total}
            value={progress.loaded}
            aria-label={`Downloading ${props.what}`}
            data-testid='model-progress'
          />
          <p class={styles.status} role='status'>
            Downloading {props.what}: {megabytes(progress.loaded)} of {megabytes(progress.total)}
          </p>
        </>
      ) : offer ? (
        <button class='primary' onClick={() => void start()}>
          Download {props.what} ({megabytes(offer.bytes)})
        </button>
      ) : (
        <p class={styles.status}>{unavailable ?? 'Checking for face models…'}</p>
      )}
      {error && (
        <p role='alert' class={styles.error}>
          {error}
        </p>
      )}
    </div>
  )
}
