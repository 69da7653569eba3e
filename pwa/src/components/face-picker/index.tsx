/**
 * @module components/face-picker — a photo with several faces: every face the models found gets a box the player
 * taps to say which one is them (no guessing on their behalf).
 */
import type { PhotoAnalysis } from '../../features/photo/inference.ts'
import styles from './style.module.css'

export function FacePicker(props: {
  url: string
  analysis: PhotoAnalysis
  onPick: (index: number) => void
}) {
  const { width, height, faces } = props.analysis
  const pct = (v: number, of: number) => `${((100 * v) / of).toFixed(2)}%`
  return (
    <div class={styles.picker}>
      <p id='pick-face'>{faces.length} faces are in this photo: tap yours.</p>
      <div class={styles.photo} style={{ aspectRatio: `${width} / ${height}` }}>
        <img src={props.url} alt='Your photo' />
        {faces.map((f, i) => (
          <button
            key={i}
            class={styles.box}
            style={{
              left: pct(f.box.x, width),
              top: pct(f.box.y, height),
              width: pct(f.box.width, width),
              height: pct(f.box.height, height),
            }}
            aria-label={`Face ${i + 1} of ${faces.length}`}
            aria-describedby='pick-face'
            data-testid='face-box'
            onClick={() => props.onPick(i)}
          >
            <span>{i + 1}</span>
          </button>
        ))}
      </div>
    </div>
  )
}
