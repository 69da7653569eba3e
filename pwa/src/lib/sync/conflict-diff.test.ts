import { describe, expect, it } from 'vitest'
import { createCharacter, RIG_GROUPS } from '@facecraft/shared/rig'
import { characterDifferences } from './conflict-diff.ts'

describe('characterDifferences', () => {
  it('lists nothing for equal characters, or for differences finer than the display', () => {
    const c = createCharacter()
    expect(characterDifferences(c, createCharacter())).toEqual([])
    const d = createCharacter({ sliders: { 'face.width': c.sliders['face.width']! + 0.001 } })
    expect(characterDifferences(c, d)).toEqual([])
  })

  it('names sliders, colours and styles as the editor shows them, in group order', () => {
    const mine = createCharacter({
      sliders: { 'face.width': 0.95, 'nose.width': 0.2 },
      colors: { 'hair.color': 0.1 },
    })
    const theirs = createCharacter({
      sliders: { 'face.width': 0.05, 'nose.width': 0.2 },
      colors: { 'hair.color': 0.6 },
      styles: { 'hair.style': 'bob' },
    })
    const diff = characterDifferences(mine, theirs)
    expect(diff.find((d) => d.id === 'face.width')).toMatchObject({
      label: 'Face width',
      mine: '95',
      theirs: '5',
    })
    expect(diff.find((d) => d.id === 'hair.color')).toMatchObject({ mine: '10', theirs: '60' })
    expect(diff.find((d) => d.id === 'hair.style')?.theirs).toBe('Bob')
    expect(diff.some((d) => d.id === 'nose.width')).toBe(false)
    const groups = diff.map((d) => RIG_GROUPS.indexOf(d.group))
    expect(groups).toEqual([...groups].sort((a, b) => a - b))
  })
})
