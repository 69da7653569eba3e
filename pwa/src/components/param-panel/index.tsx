/**
 * @module components/param-panel — the rig's groups as tabs; the open group shows its style pickers, colours and
 * sliders, and a reset for just that group.
 */
import { useState } from 'preact/hooks'
import type { Character } from '@facecraft/shared/rig'
import { GROUPS, resetGroup } from '../../lib/rig-ui.ts'
import { ColorRow } from '../color-row/index.tsx'
import { SliderRow } from '../slider-row/index.tsx'
import { StylePicker } from '../style-picker/index.tsx'
import styles from './style.module.css'

/** `key` names the control, so the editor's history can merge one drag into one undo step. */
export type EditFn = (next: Character, key: string) => void

export function ParamPanel(props: { character: Character; onEdit: EditFn }) {
  const [groupId, setGroupId] = useState(GROUPS[0]!.id)
  const group = GROUPS.find((g) => g.id === groupId)!
  const c = props.character
  const set = (kind: 'sliders' | 'colors', id: string) => (v: number) =>
    props.onEdit({ ...c, [kind]: { ...c[kind], [id]: v } }, `${kind}:${id}`)
  // WAI-ARIA tabs: arrows (and Home/End) move between groups; Tab goes on into the open group.
  const onTabKey = (e: KeyboardEvent) => {
    const i = GROUPS.findIndex((g) => g.id === groupId)
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: GROUPS.length - 1 }[e.key]
    if (next === undefined) return
    e.preventDefault()
    const target = GROUPS[(next + GROUPS.length) % GROUPS.length]!
    setGroupId(target.id)
    document.getElementById(`tab-${target.id}`)?.focus()
  }
  return (
    <section class={styles.panel} aria-label='Character parameters'>
      <div class={styles.tabs} role='tablist' aria-label='Parameter groups' onKeyDown={onTabKey}>
        {GROUPS.map((g) => (
          <button
            key={g.id}
            role='tab'
            id={`tab-${g.id}`}
            aria-selected={g.id === groupId}
            tabIndex={g.id === groupId ? 0 : -1}
            aria-controls='group-panel'
            class={styles.tab}
            onClick={() => setGroupId(g.id)}
          >
            {g.label}
          </button>
        ))}
      </div>
      <div id='group-panel' role='tabpanel' aria-labelledby={`tab-${groupId}`} class={styles.body}>
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
        {group.sliders.map((def) => (
          <SliderRow
            key={def.id}
            def={def}
            value={c.sliders[def.id]!}
            onChange={set('sliders', def.id)}
          />
        ))}
        <button
          class={styles.reset}
          onClick={() => props.onEdit(resetGroup(c, group), `reset:${group.id}`)}
        >
          Reset {group.label.toLowerCase()}
        </button>
      </div>
    </section>
  )
}
