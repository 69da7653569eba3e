/** @module components/slider-row — one continuous parameter: label, value 0-100, a swipe-safe range control. */
import type { SliderDef } from '@facecraft/shared/rig'
import { Range, shownValue } from '../range/index.tsx'
import styles from './style.module.css'

export function SliderRow(props: { def: SliderDef; value: number; onChange: (v: number) => void }) {
  const { def, value } = props
  const id = `slider-${def.id}`
  return (
    <div class={styles.row}>
      <label for={id} class={styles.label}>
        {def.label}
        <output for={id} class={styles.value}>
          {shownValue(value)}
        </output>
      </label>
      <Range id={id} value={value * 100} param={def.id} onChange={(v) => props.onChange(v / 100)} />
    </div>
  )
}
