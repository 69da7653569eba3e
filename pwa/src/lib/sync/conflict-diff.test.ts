import { describe, expect, it } from 'vitest'
import type { Character } from '@facecraft/shared/rig'
import { createCharacterV2, RIG_V2_GROUPS } from '@facecraft/shared/rig-v2'
import { characterDifferences } from './conflict-diff.ts'

const WIDTH = 'face.head-scale-horiz.decr-incr'
const NOSE = 'face.nose-scale-horiz.decr-incr'

function make(over: { sliders?: object; colors?: object; styles?: object }): Character {
  const c = createCharacterV2()
  return {
    ...c,
    sliders: { ...c.sliders, ...over.sliders },
    colors: { ...c.colors, ...over.colors },
    styles: { ...c.styles, ...over.styles },
  }
}

describe('characterDifferences (rig v2)', () => {
  it('lists nothing for equal characters, or for differences finer than the display', () => {
    const c = createCharacterV2()
    expect(characterDifferences(c, createCharacterV2())).toEqual([])
    const d = make({ sliders: { [WIDTH]: c.sliders[WIDTH]! + 0.001 } })
    expect(characterDifferences(c, d)).toEqual([])
  })

  it('names sliders, colours and styles as the editor shows them, in group order', () => {
    const mine = make({ sliders: { [WIDTH]: 0.95, [NOSE]: 0.2 }, colors: { 'hair.color': 0.1 } })
    const theirs = make({
      sliders: { [WIDTH]: 0.05, [NOSE]: 0.2 },
      colors: { 'hair.color': 0.6 },
      styles: { 'hair.style': 'bob', 'glasses.style': 'round' },
    })
    const diff = characterDifferences(mine, theirs)
    expect(diff.find((d) => d.id === WIDTH)).toMatchObject({ mine: '95', theirs: '5' })
    expect(diff.find((d) => d.id === WIDTH)!.label).toMatch(/^Head scale/)
    expect(diff.find((d) => d.id === 'hair.color')).toMatchObject({ mine: '10', theirs: '60' })
    expect(diff.find((d) => d.id === 'hair.style')?.theirs).toBe('Bob')
    expect(diff.find((d) => d.id === 'glasses.style')?.mine).toBe('None')
    expect(diff.some((d) => d.id === NOSE)).toBe(false)
    const groups = diff.map((d) => RIG_V2_GROUPS.indexOf(d.group))
    expect(groups).toEqual([...groups].sort((a, b) => a - b))
  })
})
