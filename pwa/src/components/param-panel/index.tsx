/**
 * @module components/param-panel — the rig's groups as tabs (GroupTabs, kept in the editor's sticky header) and
 * the open group's style pickers, colours and sliders with a reset for just that group (ParamPanel).
 */
import type { Character } from '@facecraft/shared/rig'
import {
  ageYears,
  GROUPS,
  HERITAGE_IDS,
  resetGroup,
  smoothedDetail,
  withoutDetail,
} from '../../lib/editor/rig-ui.ts'
import { ColorRow } from '../color-row/index.tsx'
import { Heritage } from '../heritage/index.tsx'
import { SliderRow } from '../slider-row/index.tsx'
import { StylePicker } from '../style-picker/index.tsx'
import styles from './style.module.css'

/** `key` names the control, so the editor's history can merge one drag into one undo step. */
export type EditFn = (next: Character, key: string) => void

/** The first group in editor order (the tab open when the editor opens). */
export const FIRST_GROUP = GROUPS[0]!.id

/** WAI-ARIA tabs: arrows (and Home/End) move between groups; Tab goes on into the open group. */
export function GroupTabs(props: { groupId: string; onSelect: (id: string) => void }) {
  const onTabKey = (e: KeyboardEvent) => {
    const i = GROUPS.findIndex((g) => g.id === props.groupId)
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: GROUPS.length - 1 }[e.key]
    if (next === undefined) return
    e.preventDefault()
    const target = GROUPS[(next + GROUPS.length) % GROUPS.length]!
    props.onSelect(target.id)
    document.getElementById(`tab-${target.id}`)?.focus()
  }
  return (
    <div class={styles.tabs} role='tablist' aria-label='Parameter groups' onKeyDown={onTabKey}>
      {GROUPS.map((g) => (
        <button
          key={g.id}
          role='tab'
          id={`tab-${g.id}`}
          aria-selected={g.id === props.groupId}
          tabIndex={g.id === props.groupId ? 0 : -1}
          aria-controls='group-panel'
          class={styles.tab}
          onClick={() => props.onSelect(g.id)}
        >
          {g.label}
        </button>
      ))}
    </div>
  )
}

/** The open group's controls. */
export function ParamPanel(props: { groupId: string; character: Character; onEdit: EditFn }) {
  const group = GROUPS.find((g) => g.id === props.groupId) ?? GROUPS[0]!
  const c = props.character
  const set = (kind: 'sliders' | 'colors', id: string) => (v: number) =>
    props.onEdit({ ...c, [kind]: { ...c[kind], [id]: v } }, `${kind}:${id}`)
  return (
    <section
      id='group-panel'
      role='tabpanel'
      aria-labelledby={`tab-${group.id}`}
      class={styles.body}
    >
      {group.styles.map((def) => (
        <StylePicker
          key={def.id}
          def={def}
          character={c}
          onChange={(id) =>
            props.onEdit({ ...c, styles: { ...c.styles, [def.id]: id } }, `style:${def.id}`)
          }
        />
      ))}
      {group.colors.map((def) => (
        <ColorRow key={def.id} def={def} character={c} onChange={set('colors', def.id)} />
      ))}
      {group.sliders.map((def) =>
        // The three heritage shares are one control, shown where the first of them sits in the rig.
        def.id === HERITAGE_IDS[0] ? (
          <Heritage key='heritage' character={c} onChange={props.onEdit} />
        ) : (HERITAGE_IDS as readonly string[]).includes(def.id) ? null : (
          <SliderRow
            key={def.id}
            def={def}
            value={c.sliders[def.id]!}
            format={def.id === 'who.age' ? (v) => `${ageYears(v)} years` : undefined}
            onChange={set('sliders', def.id)}
          />
        )
      )}
      {group.id === 'skin' && c.detail && (
        <div class={styles.detail}>
          <span>Skin detail from your photo: creases, shading, stubble</span>
          {c.detail.residual && (
            <button
              title='Keep the creases and shading, leave out the fine texture (moles, freckles, blemishes)'
              onClick={() => props.onEdit(smoothedDetail(c), 'detail:smooth')}
            >
              Smooth
            </button>
          )}
          <button onClick={() => props.onEdit(withoutDetail(c), 'detail:remove')}>Remove</button>
        </div>
      )}
      <button
        class={styles.reset}
        onClick={() => props.onEdit(resetGroup(c, group), `reset:${group.id}`)}
      >
        Reset {group.label.toLowerCase()}
      </button>
    </section>
  )
}
