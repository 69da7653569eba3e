/**
 * @module components/heritage — rig v2's three ethnic proportions as ONE control: a bar showing the blend and three
 * linked sliders in percent that always add up to 100 (moving one rescales the other two in proportion).
 */
import type { Character } from '@facecraft/shared/rig'
import { heritagePercents, setHeritage, type HeritageId } from '../../lib/editor/heritage.ts'
import { HERITAGE_IDS } from '../../lib/editor/rig-ui.ts'
import { Range } from '../range/index.tsx'
import styles from './style.module.css'

/** Short names of the shares, as the bar and the sliders show them. */
const NAMES: Record<HeritageId, string> = {
  'who.african': 'African',
  'who.asian': 'Asian',
  'who.european': 'European',
}

export function Heritage(props: {
  character: Character
  onChange: (next: Character, key: string) => void
}) {
  const percents = heritagePercents(props.character)
  return (
    <fieldset class={styles.heritage} data-testid='heritage'>
      <legend>Heritage</legend>
      <div class={styles.bar} aria-hidden='true'>
        {HERITAGE_IDS.map((id) => (
          <span
            key={id}
            class={styles[id.slice(4)]}
            style={{ flexGrow: percents[id], flexBasis: 0 }}
            title={`${NAMES[id]} ${percents[id]}%`}
          />
        ))}
      </div>
      {HERITAGE_IDS.map((id) => (
        <div class={styles.row} key={id}>
          <label for={`slider-${id}`} class={styles.label}>
            <span class={`${styles.dot} ${styles[id.slice(4)]}`} aria-hidden='true' />
            {NAMES[id]}
            <output for={`slider-${id}`} class={styles.value}>
              {percents[id]}%
            </output>
          </label>
          <Range
            id={`slider-${id}`}
            value={percents[id]}
            param={id}
            valueText={`${percents[id]} percent ${NAMES[id]}`}
            onChange={(v) => props.onChange(setHeritage(props.character, id, v / 100), 'heritage')}
          />
        </div>
      ))}
    </fieldset>
  )
}
