/**
 * @module lib/editor/heritage — the three ethnic proportions of rig v2 (African, Asian, European) as one control:
 * shares that always sum to 1. Setting one share rescales the other two in proportion, so a mix the player made
 * keeps its balance; when the other two are both zero, they split what is left evenly.
 */
import type { Character } from '@facecraft/shared/rig'
import { HERITAGE_IDS } from './rig-ui.ts'

export type HeritageId = (typeof HERITAGE_IDS)[number]

/** The shares (sum 1) the engine reads from the stored values (which need not sum to 1, e.g. old drafts). */
export function heritageShares(c: Character): Record<HeritageId, number> {
  const raw = HERITAGE_IDS.map((id) => Math.max(0, c.sliders[id] ?? 0))
  const sum = raw.reduce((a, b) => a + b, 0)
  return Object.fromEntries(
    HERITAGE_IDS.map((id, i) => [id, sum > 0 ? raw[i]! / sum : 1 / 3])
  ) as Record<HeritageId, number>
}

/** The character with heritage `id` at `share` (0..1) and the other two scaled to fill the rest. */
export function setHeritage(c: Character, id: HeritageId, share: number): Character {
  const v = Math.min(1, Math.max(0, share))
  const shares = heritageShares(c)
  const others = HERITAGE_IDS.filter((o) => o !== id)
  const rest = others.reduce((a, o) => a + shares[o], 0)
  const next: Record<string, number> = { [id]: v }
  for (const o of others) next[o] = rest > 1e-9 ? (shares[o] / rest) * (1 - v) : (1 - v) / 2
  return { ...c, sliders: { ...c.sliders, ...next } }
}

/** Shares as whole percentages that add up to exactly 100 (largest remainders get the rounding). */
export function heritagePercents(c: Character): Record<HeritageId, number> {
  const shares = heritageShares(c)
  const exact = HERITAGE_IDS.map((id) => shares[id] * 100)
  const floors = exact.map(Math.floor)
  let left = 100 - floors.reduce((a, b) => a + b, 0)
  const order = exact.map((e, i) => [e - floors[i]!, i] as const).sort((a, b) => b[0] - a[0])
  for (const [, i] of order) if (left-- > 0) floors[i] = floors[i]! + 1
  return Object.fromEntries(HERITAGE_IDS.map((id, i) => [id, floors[i]!])) as Record<
    HeritageId,
    number
  >
}
