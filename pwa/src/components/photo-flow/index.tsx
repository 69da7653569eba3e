/**
 * @module components/photo-flow — "From a photo" (/photo): take a selfie or choose a photo, then detect -> create
 * -> first render on the phone (the `create` models, downloaded once with progress, then offline), the character
 * beside the photo, and Edit. Several faces: the player taps theirs. Every problem is a message and keeps the
 * photo, so nothing is lost; the photo never leaves the device (lib/store/photos).
 */
import { useEffect, useState } from 'preact/hooks'
import type { Character } from '@facecraft/shared/rig'
import { faceCropUrl } from '../../features/photo/face-crop.ts'
import {
  analyzePhoto,
  createCharacter,
  loadModels,
  type PhotoAnalysis,
} from '../../features/photo/inference.ts'
import { installedModels, REFINE_GROUP } from '../../features/photo/model-store.ts'
import { megabytes, useModelGroup } from '../../features/photo/use-model-group.ts'
import { thumbnailUrl } from '../../features/render/renderer.ts'
import { navigate } from '../../lib/app/router.ts'
import { toast } from '../../lib/app/toast.ts'
import { useObjectUrl } from '../../lib/app/use-object-url.ts'
import { openInEditor } from '../../lib/editor/open-in-editor.ts'
import { newCharacterId } from '../../lib/store/gallery.ts'
import { savePhoto } from '../../lib/store/photos.ts'
import { Camera } from '../camera/index.tsx'
import { FacePicker } from '../face-picker/index.tsx'
import { ModelDownload } from '../model-download/index.tsx'
import { PrivacyNote } from './privacy-note.tsx'
import { Stages, type Stage } from './stages.tsx'
import styles from './style.module.css'

type Step =
  | { kind: 'start' }
  | { kind: 'camera' }
  | { kind: 'working'; stage: Stage }
  | { kind: 'pick'; analysis: PhotoAnalysis }
  | {
      kind: 'result'
      analysis: PhotoAnalysis
      face: number
      character: Character
      render: string
      crop: string
      ms: number
      notes: string[]
    }

export function PhotoFlow() {
  const models = useModelGroup('create')
  const [step, setStep] = useState<Step>({ kind: 'start' })
  const [photo, setPhoto] = useState<Blob | null>(null)
  const [error, setError] = useState<string | null>(null)
  const photoUrl = useObjectUrl(photo)
  const [startedAt, setStartedAt] = useState(0)

  useEffect(
    () => () => {
      if (step.kind === 'result') URL.revokeObjectURL(step.crop)
    },
    [step]
  )

  /** The create models, downloaded first when missing, loaded into the Worker; null when that failed. */
  async function ready(): Promise<boolean> {
    setStep({ kind: 'working', stage: 'models' })
    const create = await models.ensure()
    if (!create) return (setStep({ kind: 'start' }), false)
    try {
      await loadModels({ create, refine: await installedModels(REFINE_GROUP) })
      return true
    } catch (e) {
      setError(`The face models could not start: ${(e as Error).message}`)
      setStep({ kind: 'start' })
      return false
    }
  }

  async function usePhoto(file: Blob) {
    const start = performance.now()
    setStartedAt(start)
    setError(null)
    setPhoto(file)
    if (!(await ready())) return
    setStep({ kind: 'working', stage: 'detect' })
    const outcome = await analyzePhoto(file)
    if (!outcome.ok) return failed(outcome.message)
    const { analysis } = outcome
    if (!analysis.faces.length)
      return failed(analysis.warnings[0]?.message ?? 'No face found in this photo.')
    if (analysis.faces.length > 1) return setStep({ kind: 'pick', analysis })
    await create(file, analysis, 0, start)
  }

  async function create(file: Blob, analysis: PhotoAnalysis, face: number, start = startedAt) {
    setError(null)
    setStep({ kind: 'working', stage: 'create' })
    const made = await createCharacter(face)
    if (!made.ok) return failed(made.message, analysis)
    setStep({ kind: 'working', stage: 'render' })
    const [render, crop] = await Promise.all([
      thumbnailUrl(made.character, 512),
      faceCropUrl(file, analysis.faces[face]!, analysis.width),
    ])
    setStep({
      kind: 'result',
      analysis,
      face,
      character: made.character,
      render,
      crop,
      ms: performance.now() - start,
      notes: made.notes,
    })
  }

  /** Says what went wrong; the photo stays (and with several faces, the choice). */
  function failed(message: string, analysis?: PhotoAnalysis) {
    setError(message)
    setStep(analysis && analysis.faces.length > 1 ? { kind: 'pick', analysis } : { kind: 'start' })
  }

  async function edit() {
    if (step.kind !== 'result' || !photo) return
    const id = newCharacterId()
    const { box, view } = step.analysis.faces[step.face]!
    try {
      await savePhoto({
        id,
        photo,
        box,
        view,
        width: step.analysis.width,
        height: step.analysis.height,
        createdAt: new Date().toISOString(),
      })
    } catch (e) {
      toast(`The photo could not be kept for comparing: ${(e as Error).message}`, 'error')
    }
    openInEditor(step.character, { name: '', photoId: id })
  }

  /** Back to the start, to take or choose a different photo (none of them yours, or not this one). */
  function anotherPhoto() {
    setError(null)
    setPhoto(null)
    setStep({ kind: 'start' })
  }

  function choose(input: HTMLInputElement) {
    const file = input.files?.[0]
    input.value = ''
    if (file) void usePhoto(file)
  }

  const busy = step.kind === 'working'
  return (
    <section class={styles.flow} aria-busy={busy}>
      <h1>From a photo</h1>
      {step.kind === 'start' && (
        <>
          <p>
            A selfie from the front, in good light, makes the best likeness. Everything happens on
            this phone.
          </p>
          {models.installed === null && (
            <>
              <p class={styles.muted} data-testid='models-needed'>
                This needs the face models once
                {models.offer ? ` (${megabytes(models.offer.bytes)})` : ''}; then it works offline.
              </p>
              <ModelDownload models={models} what='face models' />
            </>
          )}
          <div class={styles.choices}>
            <button
              class='primary'
              onClick={() => void ready().then((ok) => ok && setStep({ kind: 'camera' }))}
            >
              Take a selfie
            </button>
            <label class={styles.file}>
              Choose a photo
              <input
                type='file'
                accept='image/*'
                class='visually-hidden'
                data-testid='photo-file'
                onChange={(e) => choose(e.currentTarget)}
              />
            </label>
          </div>
          <PrivacyNote />
        </>
      )}
      {step.kind === 'camera' && (
        <Camera
          onPhoto={(p) => void usePhoto(p)}
          onCancel={() => setStep({ kind: 'start' })}
          onError={(message) => failed(message)}
        />
      )}
      {step.kind === 'working' && (
        <Stages stage={step.stage} progress={models.progress} photoUrl={photoUrl} />
      )}
      {step.kind === 'pick' && photoUrl && (
        <>
          <FacePicker
            url={photoUrl}
            analysis={step.analysis}
            onPick={(i) => photo && void create(photo, step.analysis, i)}
          />
          <div class={styles.choices}>
            <button onClick={anotherPhoto}>Another photo</button>
          </div>
        </>
      )}
      {models.error && models.installed && (
        <p role='status' class={styles.muted} data-testid='models-note'>
          {models.error}
        </p>
      )}
      {error && (
        <p role='alert' class={styles.error} data-testid='photo-error'>
          {error}
        </p>
      )}
      {step.kind === 'result' && (
        <div class={styles.result} data-testid='photo-result' data-create-ms={step.ms.toFixed(0)}>
          <div class={styles.pair}>
            <figure>
              <img
                src={step.crop}
                alt='Your photo'
                data-testid='result-photo'
                data-ibug68={JSON.stringify(
                  Array.from(
                    step.analysis.faces[step.face]!.ibug68,
                    (v) => Math.round(v * 100) / 100
                  )
                )}
              />
              <figcaption>Photo</figcaption>
            </figure>
            <figure>
              <img src={step.render} alt='Your character' data-testid='result-character' />
              <figcaption>Character</figcaption>
            </figure>
          </div>
          {step.notes.map((note) => (
            <p key={note} role='status' class={styles.note} data-testid='create-note'>
              {note}
            </p>
          ))}
          <p class={styles.muted}>
            Made in {(step.ms / 1000).toFixed(1)} s on this device. Edit it, or make it more like
            you in the editor.
          </p>
          <div class={styles.choices}>
            <button onClick={anotherPhoto}>Another photo</button>
            <button class='primary' onClick={() => void edit()}>
              Edit
            </button>
          </div>
        </div>
      )}
      {!busy && step.kind !== 'camera' && (
        <button class={styles.back} onClick={() => navigate('/')}>
          Back to your characters
        </button>
      )}
    </section>
  )
}
