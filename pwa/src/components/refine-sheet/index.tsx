/**
 * @module components/refine-sheet — "Make it more like me": downloads the `refine` models on first use (size shown,
 * progress), then refines the character toward the photo in the inference Worker with a live progress bar and the
 * difference falling; Cancel stops it and changes nothing. Offline after the first download. The result comes back
 * as one edit (one Undo returns to before).
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Character } from '@facecraft/shared/rig'
import {
  cancelRefine,
  loadModels,
  refineCharacter,
  type RefineStep,
} from '../../features/photo/inference.ts'
import { CREATE_GROUP, installedModels, REFINE_GROUP } from '../../features/photo/model-store.ts'
import { megabytes, useModelGroup } from '../../features/photo/use-model-group.ts'
import type { StoredPhoto } from '../../lib/store/photos.ts'
import { ModelDownload } from '../model-download/index.tsx'
import { Sheet } from '../sheet/index.tsx'
import styles from './style.module.css'

type Run =
  | { state: 'idle' }
  | { state: 'running'; steps: RefineStep[] }
  | { state: 'failed'; message: string }

export function RefineSheet(props: {
  photo: StoredPhoto
  character: Character
  onDone: (c: Character) => void
  onClose: () => void
}) {
  const models = useModelGroup(REFINE_GROUP)
  const [run, setRun] = useState<Run>({ state: 'idle' })
  const started = useRef(false)
  // Set by Cancel/close: a result that arrives after that is dropped (the player said no).
  const cancelled = useRef(false)

  async function start() {
    started.current = true
    setRun({ state: 'running', steps: [] })
    // ensure(): a newer refine release on offer is installed first (verified; on failure the installed one runs
    // and models.error says so), as "From a photo" does for the create models.
    const [create, refine] = await Promise.all([installedModels(CREATE_GROUP), models.ensure()])
    if (!create || !refine)
      return setRun({
        state: 'failed',
        message:
          'The face models are missing on this device; make the character from the photo again.',
      })
    try {
      await loadModels({ create, refine })
    } catch (e) {
      return setRun({
        state: 'failed',
        message: `The refine models could not start: ${(e as Error).message}`,
      })
    }
    const out = await refineCharacter(props.photo.photo, props.photo.box, props.character, (step) =>
      setRun((r) => (r.state === 'running' ? { state: 'running', steps: [...r.steps, step] } : r))
    )
    if (cancelled.current) return
    if (out.ok) return props.onDone(out.character)
    if (out.code === 'aborted') return props.onClose()
    setRun({ state: 'failed', message: out.message })
  }

  // Installed already (or just now): start once the server's offer is known (or known to be unreachable).
  useEffect(() => {
    if (models.installed && (models.offer || models.unavailable) && !started.current) void start()
  }, [models.installed, models.offer, models.unavailable])

  // Closing the sheet mid-way cancels the work.
  const close = () => {
    cancelled.current = true
    if (run.state === 'running') void cancelRefine()
    props.onClose()
  }

  const steps = run.state === 'running' ? run.steps : []
  const last = steps[steps.length - 1]
  return (
    <Sheet title='Make it more like me' onClose={close}>
      {models.installed === null && run.state === 'idle' && (
        <>
          <p>
            This compares your character with your photo and nudges every slider toward it. It needs
            the refine models once{models.offer ? ` (${megabytes(models.offer.bytes)})` : ''}; they
            stay on this phone and work offline.
          </p>
          <ModelDownload models={models} what='refine models' />
        </>
      )}
      {run.state === 'running' && (
        <div
          class={styles.run}
          data-testid='refine-run'
          data-step={last?.step ?? 0}
          data-loss={last?.loss ?? ''}
        >
          <progress max={last?.steps ?? 50} value={last ? last.step : 0} aria-label='Refining' />
          <p role='status'>
            {last
              ? `Step ${last.step} of ${last.steps}: difference ${last.loss.toFixed(3)} (from ${steps[0]!.loss.toFixed(3)})`
              : 'Starting…'}
          </p>
          <LossChart losses={steps.map((s) => s.loss)} />
          <button onClick={close}>Cancel</button>
        </div>
      )}
      {models.error && models.installed && (
        <p class={styles.error} data-testid='refine-models-note'>
          {models.error}
        </p>
      )}
      {run.state === 'failed' && (
        <p role='alert' class={styles.error}>
          {run.message}
        </p>
      )}
    </Sheet>
  )
}

/** The difference per step as a small line, so the player sees it fall. */
function LossChart(props: { losses: number[] }) {
  const { losses } = props
  if (losses.length < 2) return null
  const max = Math.max(...losses)
  const min = Math.min(...losses)
  const span = max - min || 1
  const points = losses
    .map(
      (l, i) =>
        `${((100 * i) / (losses.length - 1)).toFixed(1)},${(36 - (32 * (l - min)) / span).toFixed(1)}`
    )
    .join(' ')
  return (
    <svg class={styles.chart} viewBox='0 0 100 40' preserveAspectRatio='none' aria-hidden='true'>
      <polyline points={points} />
    </svg>
  )
}
