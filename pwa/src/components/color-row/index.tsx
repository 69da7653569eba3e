/**
 * @module components/color-row — one colour parameter: the track is painted with the colours the value runs
 * through (the rig's palette as the player will see it), plus one-tap swatches at the palette's stops, each named
 * for what it shows ("dark brown"), not numbered.
 */
import type { Character } from '@facecraft/shared/rig'
import type { ColorDefV2 } from '@facecraft/shared/rig-v2'
import { presetNames } from '../../lib/editor/color-names.ts'
import { colorAt, colorGradient, swatchValues } from '../../lib/editor/rig-ui.ts'
import { Range, shownValue } from '../range/index.tsx'
import styles from './style.module.css'

export function ColorRow(props: {
  def: ColorDefV2
  character: Character
  onChange: (v: number) => void
}) {
  const { def, character } = props
  const value = character.colors[def.id]!
  const id = `color-${def.id}`
  const names = presetNames(def)
  const values = swatchValues(def)
  // The nearest preset names the current colour for screen readers, with the value as shown.
  const nearest = values.reduce(
    (best, t, i) => (Math.abs(t - value) < Math.abs(values[best]! - value) ? i : best),
    0
  )
  return (
    <div class={styles.row}>
      <label for={id} class={styles.label}>
        <span class={styles.chip} style={{ background: colorAt(character, def, value) }} />
        {def.label}
      </label>
      <Range
        id={id}
        class={styles.track}
        value={value * 100}
        param={def.id}
        valueText={`${shownValue(value)} of 100, ${Math.abs(values[nearest]! - value) < 0.01 ? '' : 'near '}${names[nearest]}`}
        style={{ background: colorGradient(character, def) }}
        onChange={(v) => props.onChange(v / 100)}
      />
      <div class={styles.swatches} role='group' aria-label={`${def.label} presets`}>
        {values.map((t, i) => (
          <button
            key={t}
            class={styles.swatch}
            style={{ background: colorAt(character, def, t) }}
            aria-label={`${def.label}: ${names[i]}`}
            aria-pressed={Math.abs(value - t) < 0.01}
            onClick={() => props.onChange(t)}
          />
        ))}
      </div>
    </div>
  )
}
