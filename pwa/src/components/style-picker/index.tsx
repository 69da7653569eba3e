/**
 * @module components/style-picker — a discrete parameter as a row of options, each showing the CURRENT character
 * with that option, rendered by the engine in the thumbnail Worker (so the player sees the choice on their face).
 */
import { useEffect, useState } from 'preact/hooks'
import type { Character } from '@facecraft/shared/rig'
import type { StyleDefV2 } from '@facecraft/shared/rig-v2'
import { thumbnailUrl } from '../../features/render/renderer.ts'
import styles from './style.module.css'

/** Picker thumbnails follow the character only after edits pause this long (ms), to keep the Worker free. */
const FOLLOW_MS = 400
/** Picker render size, px: at or above the engine's 160 px high level of detail, shown zoomed at 64 CSS px. */
const PICKER_SIZE = 160

export function StylePicker(props: {
  def: StyleDefV2
  character: Character
  onChange: (optionId: string) => void
}) {
  const { def } = props
  const settled = useSettled(props.character, FOLLOW_MS)
  const [thumbs, setThumbs] = useState<Record<string, string>>({})
  useEffect(() => {
    let alive = true
    for (const option of def.options) {
      const variant = { ...settled, styles: { ...settled.styles, [def.id]: option.id } }
      void thumbnailUrl(variant, PICKER_SIZE).then((url) => {
        if (alive) setThumbs((prev) => ({ ...prev, [option.id]: url }))
      })
    }
    return () => {
      alive = false
    }
  }, [settled, def])

  return (
    <fieldset class={styles.picker}>
      <legend>{def.label}</legend>
      <div class={styles.options} role='radiogroup' aria-label={def.label}>
        {def.options.map((option) => {
          const checked = props.character.styles[def.id] === option.id
          return (
            <button
              key={option.id}
              role='radio'
              aria-checked={checked}
              class={styles.option}
              data-option={`${def.id}:${option.id}`}
              onClick={() => props.onChange(option.id)}
            >
              <span class={styles.thumb} aria-hidden='true'>
                {thumbs[option.id] && <img src={thumbs[option.id]} alt='' />}
              </span>
              <span>{option.label}</span>
            </button>
          )
        })}
      </div>
    </fieldset>
  )
}

/** `value`, but only after it stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}
