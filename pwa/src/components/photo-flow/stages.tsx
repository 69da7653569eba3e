/** @module components/photo-flow/stages — where "From a photo" is: models -> detect -> create -> first render. */
import type { ModelProgress } from '../../features/photo/model-store.ts'
import { megabytes } from '../../features/photo/use-model-group.ts'
import styles from './style.module.css'

export type Stage = 'models' | 'detect' | 'create' | 'render'

const LABELS: Record<Stage, string> = {
  models: 'Getting the face models',
  detect: 'Finding your face',
  create: 'Making your character',
  render: 'Drawing it',
}
const ORDER: Stage[] = ['models', 'detect', 'create', 'render']

export function Stages(props: {
  stage: Stage
  progress: ModelProgress | null
  photoUrl: string | null
}) {
  const at = ORDER.indexOf(props.stage)
  return (
    <div class={styles.stages}>
      {props.photoUrl && <img class={styles.thumb} src={props.photoUrl} alt='Your photo' />}
      <ol data-testid='stages' data-stage={props.stage}>
        {ORDER.map((s, i) => (
          <li
            key={s}
            class={i < at ? styles.done : i === at ? styles.now : styles.todo}
            aria-current={i === at ? 'step' : undefined}
          >
            {LABELS[s]}
            {s === 'models' &&
              i === at &&
              props.progress &&
              ` ${megabytes(props.progress.loaded)} of ${megabytes(props.progress.total)}`}
          </li>
        ))}
      </ol>
      {props.stage === 'models' && props.progress && (
        <progress
          max={props.progress.total}
          value={props.progress.loaded}
          aria-label='Downloading face models'
        />
      )}
      <p role='status' class={styles.muted}>
        {LABELS[props.stage]}…
      </p>
    </div>
  )
}
