import { describe, expect, it } from 'vitest'
import { COLORS } from '@facecraft/shared/rig'
import { colorName, colorNames, presetNames } from './color-names.ts'
import { swatchValues } from './rig-ui.ts'

describe('colorName', () => {
  it.each([
    [[18, 15, 14], 'black'],
    [[44, 31, 24], 'dark brown'],
    [[128, 92, 60], 'light brown'],
    [[208, 172, 118], 'blond'],
    [[232, 216, 182], 'platinum'],
    [[128, 128, 128], 'grey'],
    [[40, 90, 200], 'blue'],
    [[60, 140, 70], 'green'],
  ] as const)('%j is %s', (rgb, name) => {
    expect(colorName(rgb)).toBe(name)
  })
})

describe('colorNames', () => {
  it('gives every palette stop of every rig colour a unique, non-numbered name', () => {
    for (const def of COLORS) {
      const names = colorNames(def.stops)
      expect(new Set(names).size, def.id).toBe(names.length)
      for (const n of names) expect(n).toMatch(/^[a-z ,]+[a-z0-9 ]*$/)
    }
  })
})

describe('presetNames', () => {
  it('names one preset per swatch, uniquely, skin by depth', () => {
    for (const def of COLORS) {
      const names = presetNames(def)
      expect(names.length, def.id).toBe(swatchValues(def).length)
      expect(new Set(names).size, def.id).toBe(names.length)
    }
    const skin = presetNames(COLORS.find((c) => c.id === 'skin.tone')!)
    expect(skin[0]).toBe('very light')
    expect(skin.at(-1)).toBe('deep brown')
  })
})
