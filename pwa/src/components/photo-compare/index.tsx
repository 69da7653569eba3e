/**
 * @module components/photo-compare — the editor's photo bar for a character made from a photo: compare with the
 * photo (off, beside the face, or blended under it), "Make it more like me" (refine), and remove the photo (the
 * character stays). The overlay itself is drawn in the preview (PhotoOverlay).
 */
import type { StoredPhoto } from '../../lib/store/photos.ts'
import styles from './style.module.css'

export type CompareMode = 'off' | 'beside' | 'blend'

const MODES: Array<[CompareMode, string]> = [
  ['off', 'Off'],
  ['beside', 'Beside'],
  ['blend', 'Blended'],
]

export function PhotoBar(props: {
  photo: StoredPhoto
  mode: CompareMode
  onMode: (mode: CompareMode) => void
  onRefine: () => void
  onRemove: () => void
}) {
  return (
    <div class={styles.bar} data-testid='photo-bar'>
      <div role='radiogroup' aria-label='Compare with photo' class={styles.modes}>
        <span aria-hidden='true'>Compare with photo</span>
        {MODES.map(([mode, label]) => (
          <button
            key={mode}
            role='radio'
            aria-checked={props.mode === mode}
            class={props.mode === mode ? styles.on : undefined}
            onClick={() => props.onMode(mode)}
          >
            {label}
          </button>
        ))}
      </div>
      <div class={styles.row}>
        <button class='primary' onClick={props.onRefine}>
          Make it more like me
        </button>
        <button onClick={props.onRemove} class={styles.remove}>
          Remove photo
        </button>
      </div>
    </div>
  )
}

/** The photo over the preview: a small inset beside the face, or the whole frame blended under the render. */
export function PhotoOverlay(props: { url: string; mode: CompareMode }) {
  if (props.mode === 'off') return null
  return (
    <img
      src={props.url}
      alt='Your photo'
      class={props.mode === 'blend' ? styles.blend : styles.beside}
      data-testid='compare-photo'
      data-mode={props.mode}
    />
  )
}
