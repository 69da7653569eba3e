/**
 * @module components/photo-check — a first taste of "create from photo" with the installed models: pick or take
 * a photo, and see the face the models find (box and 68 landmarks), all on the device, nothing uploaded.
 */
import { useRef, useState } from 'preact/hooks'
import { analyzePhoto, loadModels, type PhotoAnalysis } from '../../features/photo/inference.ts'
import type { InstalledModels } from '../../features/photo/model-store.ts'
import styles from './style.module.css'

export function PhotoCheck(props: { models: InstalledModels }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<PhotoAnalysis | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function check(input: HTMLInputElement) {
    const file = input.files?.[0]
    input.value = ''
    if (!file) return
    setBusy(true)
    setError(null)
    setResult(null)
    try {
      await loadModels({ create: props.models, refine: null })
      const outcome = await analyzePhoto(file)
      if (!outcome.ok) throw new Error(outcome.message)
      setResult(outcome.analysis)
      await draw(canvas.current, file, outcome.analysis)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const face = result?.faces[0]
  return (
    <div class={styles.check}>
      <label class={styles.pick}>
        {busy ? 'Looking for your face…' : 'Try it: check a photo'}
        <input
          type='file'
          accept='image/*'
          class='visually-hidden'
          disabled={busy}
          data-testid='photo-file'
          onChange={(e) => void check(e.currentTarget)}
        />
      </label>
      <canvas
        ref={canvas}
        class={styles.canvas}
        hidden={!result}
        aria-label='Your photo with the face found'
      />
      <p role='status' class={styles.status} data-testid='photo-status'>
        {error ??
          (result &&
            (face
              ? `Face found in ${Math.round(result.ms)} ms (turned ${Math.round(Math.abs(face.pose.yaw))}°). ` +
                'Turning it into a character arrives in the next update.'
              : ''))}
        {result?.warnings.map((w) => ` ${w.message}`)}
      </p>
    </div>
  )
}

/** Draws the analysed photo with each face's box and landmarks. */
async function draw(
  el: HTMLCanvasElement | null,
  file: Blob,
  analysis: PhotoAnalysis
): Promise<void> {
  const context = el?.getContext('2d')
  if (!el || !context) return
  el.width = analysis.width
  el.height = analysis.height
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  context.drawImage(bitmap, 0, 0, analysis.width, analysis.height)
  bitmap.close()
  const unit = Math.max(2, analysis.width / 200)
  context.strokeStyle = '#ffb347'
  context.fillStyle = '#7ee2a8'
  context.lineWidth = unit
  for (const face of analysis.faces) {
    const { x, y, width, height } = face.box
    context.strokeRect(x, y, width, height)
    for (let i = 0; i < face.ibug68.length; i += 2) {
      context.beginPath()
      context.arc(face.ibug68[i]!, face.ibug68[i + 1]!, unit, 0, 2 * Math.PI)
      context.fill()
    }
  }
}
