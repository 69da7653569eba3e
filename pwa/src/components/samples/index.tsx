/** @module components/samples — first-run sample characters (features/samples) as cards with engine thumbnails. */
import { useEffect, useState } from 'preact/hooks'
import { thumbnailUrl } from '../../features/render/renderer.ts'
import { samples, type Sample } from '../../features/samples/samples.ts'
import { openInEditor } from '../../lib/editor/open-in-editor.ts'
import styles from './style.module.css'

const SAMPLES = samples()

export function Samples() {
  return (
    <ul class={styles.list} aria-label='Start from a sample'>
      {SAMPLES.map((s) => (
        <SampleCard key={s.name} sample={s} />
      ))}
    </ul>
  )
}

function SampleCard({ sample }: { sample: Sample }) {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    // After the first paint: the thumbnail Worker's start (engine v2's head pack: fetch and decode) would
    // otherwise compete with the gallery's first render for a phone's cores.
    let alive = true
    const render = () => void thumbnailUrl(sample.character, 192).then((u) => alive && setUrl(u))
    if (!('requestIdleCallback' in window)) {
      const timer = setTimeout(render, 200)
      return () => ((alive = false), clearTimeout(timer))
    }
    const handle = requestIdleCallback(render, { timeout: 1000 })
    return () => ((alive = false), cancelIdleCallback(handle))
  }, [])
  return (
    <li>
      <button
        class={styles.card}
        aria-label={`Start from ${sample.name}`}
        onClick={() => {
          openInEditor(sample.character, { name: sample.name })
        }}
      >
        <span class={styles.thumb}>{url && <img src={url} alt='' width={96} height={96} />}</span>
        <span aria-hidden='true'>{sample.name}</span>
      </button>
    </li>
  )
}
