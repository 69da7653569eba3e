import { describe, expect, it } from 'vitest'
import { COLORS, createCharacter, RIG } from '@facecraft/shared/rig'
import { colorAt, GROUPS, resetGroup, swatchValues } from './rig-ui.ts'

describe('rig-ui', () => {
  it('shows every parameter of the rig exactly once', () => {
    const ids = GROUPS.flatMap((g) => [...g.sliders, ...g.colors, ...g.styles].map((p) => p.id))
    const rigIds = [...RIG.continuous, ...RIG.colors, ...RIG.discrete].map((p) => p.id)
    expect(ids.sort()).toEqual(rigIds.sort())
  })

  it('resets only the chosen group', () => {
    const c = createCharacter({ sliders: { 'nose.width': 0.9, 'face.width': 0.9 } })
    const nose = GROUPS.find((g) => g.id === 'nose')!
    const reset = resetGroup(c, nose)
    expect(reset.sliders['nose.width']).not.toBe(0.9)
    expect(reset.sliders['face.width']).toBe(0.9)
  })

  it('samples the palette ends for a palette colour', () => {
    const hair = COLORS.find((c) => c.id === 'hair.color')!
    expect(colorAt(createCharacter(), hair, 0)).toBe('rgb(18 15 14)')
    expect(swatchValues(hair)).toHaveLength(hair.stops.length)
  })

  it('shows blush as a change over the skin', () => {
    const blush = COLORS.find((c) => c.id === 'skin.blush')!
    const c = createCharacter()
    expect(colorAt(c, blush, 0)).not.toBe(colorAt(c, blush, 1))
  })
})
