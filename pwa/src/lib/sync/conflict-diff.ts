/**
 * @module lib/sync/conflict-diff — what differs between two versions of a character, in the editor's words:
 * "Face width 95 vs 5" (sliders and colours as the 0-100 the editor shows, styles by their option labels),
 * grouped by the rig's groups in editor order, so the player can tell two similar faces apart.
 */
import type { Character } from '@facecraft/shared/rig'
import {
  COLORS_V2 as COLORS,
  RIG_V2_GROUPS as RIG_GROUPS,
  SLIDERS_V2 as SLIDERS,
  STYLES_V2 as STYLES,
  type RigV2Group as RigGroup,
} from '@facecraft/shared/rig-v2'

/** One parameter that differs: its label and each side's value as the editor shows it. */
export interface ParamDifference {
  id: string
  group: RigGroup
  label: string
  /** This device's value, then the other's ("95", "Bob"). */
  mine: string
  theirs: string
}

const shown = (v: number | undefined) => String(Math.round((v ?? 0) * 100))

/** Every parameter whose shown value differs (a difference below the 0-100 display step is not one). */
export function characterDifferences(mine: Character, theirs: Character): ParamDifference[] {
  const out: ParamDifference[] = []
  for (const s of SLIDERS) {
    const [a, b] = [shown(mine.sliders[s.id]), shown(theirs.sliders[s.id])]
    if (a !== b) out.push({ id: s.id, group: s.group, label: s.label, mine: a, theirs: b })
  }
  for (const c of COLORS) {
    const [a, b] = [shown(mine.colors[c.id]), shown(theirs.colors[c.id])]
    if (a !== b) out.push({ id: c.id, group: c.group, label: c.label, mine: a, theirs: b })
  }
  for (const st of STYLES) {
    const label = (id: string | undefined) => st.options.find((o) => o.id === id)?.label ?? '?'
    const [a, b] = [label(mine.styles[st.id]), label(theirs.styles[st.id])]
    if (a !== b) out.push({ id: st.id, group: st.group, label: st.label, mine: a, theirs: b })
  }
  const order = (g: RigGroup) => RIG_GROUPS.indexOf(g)
  return out.sort((x, y) => order(x.group) - order(y.group))
}
