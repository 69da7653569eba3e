/** @file shared/src/create/skin-table.json is the current engine's: a few cells measured again match it. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { SkinTable } from '@facecraft/shared/create'
import { measureSkinTable, SKIN_GRID } from './skin-table.ts'

const saved: SkinTable = JSON.parse(
  readFileSync(new URL('../../../shared/src/create/skin-table.json', import.meta.url), 'utf8')
)

describe('skin table', () => {
  it("has the generator's grid, a woman's and a man's", () => {
    expect(saved.tone).toEqual(SKIN_GRID.tone)
    expect(saved.undertone).toEqual(SKIN_GRID.undertone)
    expect(saved.lab).toHaveLength(2)
    expect(saved.gender[0]).toBeLessThan(0.2)
    expect(saved.gender[1]).toBeGreaterThan(0.8)
  })

  it('matches the engine it was made from (after a look change: npx tsx cli/scripts/skin-table.ts)', async () => {
    const cells: [number, number][] = [
      [1, 0],
      [5, 2],
      [9, 4],
    ]
    const now = await measureSkinTable(cells)
    expect(now.gender).toEqual(saved.gender)
    for (const s of [0, 1])
      for (const [i, j] of cells) {
        const [was, is] = [saved.lab[s]![i]![j]!, now.lab[s]![i]![j]!]
        expect(Math.hypot(...is.map((v, c) => v - was[c]!))).toBeLessThan(0.05)
      }
  }, 120_000)
})
