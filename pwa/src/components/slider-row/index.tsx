/**
 * @module components/slider-row — one continuous parameter: label, value as shown (0-100, or in its own unit such
 * as years), a swipe-safe range control.
 */
import { Range, shownValue } from '../range/index.tsx'
import styles from './style.module.css'

export function SliderRow(props: {
  def: { id: string; label: string }
  value: number
  onChange: (v: number) => void
  /** The value as shown and announced (default 0-100), e.g. `34 years`. */
  format?: (v: number) => string
}) {
  const { def, value } = props
  const id = `slider-${def.id}`
  const shown = props.format?.(value)
  return (
    <div class={styles.row}>
      <label for={id} class={styles.label}>
        {def.label}
        <output for={id} class={styles.value}>
          {shown ?? shownValue(value)}
        </output>
      </label>
      <Range
        id={id}
        value={value * 100}
        param={def.id}
        valueText={shown}
        onChange={(v) => props.onChange(v / 100)}
      />
    </div>
  )
}
