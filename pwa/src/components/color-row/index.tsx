/**
 * @module components/color-row — one colour parameter: the track is painted with the colours the value runs
 * through (the rig's palette as the player will see it), plus one-tap swatches at the palette's stops.
 */
import type { Character, ColorDef } from '@facecraft/shared/rig'
import { colorAt, colorGradient, swatchValues } from '../../lib/rig-ui.ts'
import styles from './style.module.css'

const STEPS = 1000

export function ColorRow(props: {
  def: ColorDef
  character: Character
  onChange: (v: number) => void
}) {
  const { def, character } = props
  const value = character.colors[def.id]!
  const id = `color-${def.id}`
  return (
    <div class={styles.row}>
      <label for={id} class={styles.label}>
        <span class={styles.chip} style={{ background: colorAt(character, def, value) }} />
        {def.label}
      </label>
      <input
        id={id}
        class={styles.track}
        type='range'
        min={0}
        max={STEPS}
        step={1}
        value={Math.round(value * STEPS)}
        data-param={def.id}
        style={{ background: colorGradient(character, def) }}
        onInput={(e) => props.onChange(Number(e.currentTarget.value) / STEPS)}
      />
      <div class={styles.swatches} role='group' aria-label={`${def.label} presets`}>
        {swatchValues(def).map((t, i) => (
          <button
            key={t}
            class={styles.swatch}
            style={{ background: colorAt(character, def, t) }}
            aria-label={`${def.label} preset ${i + 1}`}
            aria-pressed={Math.abs(value - t) < 0.01}
            onClick={() => props.onChange(t)}
          />
        ))}
      </div>
    </div>
  )
}
