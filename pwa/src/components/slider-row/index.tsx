/** @module components/slider-row — one continuous parameter: label, value 0-100, a large range control. */
import type { SliderDef } from '@facecraft/shared/rig'
import styles from './style.module.css'

/** Slider resolution: 1000 steps over [0, 1] (finer than a finger can place; share codes keep 1/65535). */
const STEPS = 1000

export function SliderRow(props: { def: SliderDef; value: number; onChange: (v: number) => void }) {
  const { def, value } = props
  const id = `slider-${def.id}`
  return (
    <div class={styles.row}>
      <label for={id} class={styles.label}>
        {def.label}
        <output for={id} class={styles.value}>
          {Math.round(value * 100)}
        </output>
      </label>
      <input
        id={id}
        type='range'
        min={0}
        max={STEPS}
        step={1}
        value={Math.round(value * STEPS)}
        data-param={def.id}
        onInput={(e) => props.onChange(Number(e.currentTarget.value) / STEPS)}
      />
    </div>
  )
}
