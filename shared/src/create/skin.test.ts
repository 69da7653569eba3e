/** @file Skin matching against the engine's skin table: exact at grid points, between them, by sex, outside the gamut;
 * and the skin colour under the detail. */
import { describe, expect, it } from 'vitest'
import { labToSrgb, srgbToLab } from '../image/lab.ts'
import { createCharacter } from '../rig/index.ts'
import { createCharacterV2 } from '../rig/v2/index.ts'
import {
  applySkin,
  isColourless,
  matchSkin,
  matchSkinLightness,
  skinGrid,
  skinUnderDetail,
  type SkinTable,
} from './skin.ts'
import TABLE from './skin-table.json' with { type: 'json' }

const table = TABLE as SkinTable

const [WOMAN, MAN] = table.gender
const [women, men] = table.lab

describe('matchSkin', () => {
  it("the table is the engine v2 rig's, over the whole tone range, darker as tone grows, for women and men", () => {
    expect(table.rigVersion).toBe(2)
    expect(table.tone[0]).toBe(0)
    expect(table.tone.at(-1)).toBe(1)
    for (const grid of table.lab)
      for (let i = 1; i < table.tone.length; i++)
        expect(grid[i]![2]![0]).toBeLessThan(grid[i - 1]![2]![0])
    // a man's skin renders darker than a woman's at the same light tone (beard shadow, creases)
    expect(men[2]![2]![0]).toBeLessThan(women[2]![2]![0] - 1)
  })

  it('finds the grid point whose rendered colour a photo shows, on the grid of its sex', () => {
    for (const [grid, gender] of [[women, WOMAN], [men, MAN]] as const)
      for (const [i, j] of [[0, 0], [3, 2], [7, 4], [10, 1]] as const) {
        const m = matchSkin(labToSrgb(grid[i]![j]!), gender)
        expect(m.deltaE).toBeLessThan(0.5)
        expect(m.tone).toBeCloseTo(table.tone[i]!, 1)
        expect(m.undertone).toBeCloseTo(table.undertone[j]!, 1)
      }
  }) // prettier-ignore

  it('lands between grid points for a colour between them', () => {
    const mid = women[4]![2]!.map((v, c) => (v + women[5]![2]![c]!) / 2) as [number, number, number]
    const m = matchSkin(labToSrgb(mid), WOMAN)
    expect(m.tone).toBeGreaterThan(0.42)
    expect(m.tone).toBeLessThan(0.48)
    expect(m.deltaE).toBeLessThan(0.5)
  })

  it('gives a man a lighter tone than a woman for the same photographed skin: his renders darker', () => {
    const photo = labToSrgb(women[3]![2]!)
    expect(matchSkin(photo, MAN).tone).toBeLessThan(matchSkin(photo, WOMAN).tone - 0.02)
  })

  it('gives the nearest skin for colours no skin has (a grey photo), saying how far it stays', () => {
    const m = matchSkin([128, 128, 128], WOMAN)
    expect(m.deltaE).toBeGreaterThan(3) // 4.25: session 49's evener light (more cool fill) greys the greyest skin
    expect(m.tone).toBeGreaterThanOrEqual(0)
    expect(m.tone).toBeLessThanOrEqual(1)
  })
})

describe('skinGrid', () => {
  it("is each sex's own grid at its slider and beyond, and the two blended linearly between", () => {
    expect(skinGrid(table, WOMAN)).toEqual(women)
    expect(skinGrid(table, 0)).toEqual(women)
    expect(skinGrid(table, MAN)).toEqual(men)
    expect(skinGrid(table, 1)).toEqual(men)
    const half = skinGrid(table, (WOMAN + MAN) / 2)
    for (const [i, j] of [[0, 0], [5, 2], [10, 4]] as const)
      for (let c = 0; c < 3; c++) expect(half[i]![j]![c]).toBeCloseTo((women[i]![j]![c]! + men[i]![j]![c]!) / 2, 9)
  }) // prettier-ignore
})

describe('skinUnderDetail', () => {
  const S = 64
  /** A crop of one skin colour, labelled skin (1) inside a centred square of side `inner`, 0 outside. */
  const skinCrop = (rgb: readonly number[], inner = 40) => {
    const crop = new Uint8ClampedArray(S * S * 4)
    const labels = new Uint8Array(S * S)
    for (let i = 0; i < S * S; i++) {
      crop.set([...rgb, 255], i * 4)
      const [x, y] = [i % S, Math.floor(i / S)]
      if (Math.abs(x - S / 2 + 0.5) < inner / 2 && Math.abs(y - S / 2 + 0.5) < inner / 2)
        labels[i] = 1
    }
    return { crop, labels }
  }

  const SKIN = [200, 150, 120] as const

  it('is the skin colour itself on a crop without detail', () => {
    const { crop, labels } = skinCrop(SKIN)
    skinUnderDetail(SKIN, crop, labels, S)!.forEach((v, c) => expect(v).toBeCloseTo(SKIN[c]!, 1))
  })

  it('takes off the lightness sparse dark pores leave on the median (darker by their average), keeping the hue', () => {
    const { crop, labels } = skinCrop(SKIN, S)
    // every tenth pixel 50 darker: the median skips them, the drawn detail brings them back on the ground
    for (let i = 0; i < S * S; i += 10) for (let c = 0; c < 3; c++) crop[i * 4 + c] = SKIN[c]! - 50
    const under = skinUnderDetail(SKIN, crop, labels, S)!
    const [l, a, b] = srgbToLab(under)
    const [l0, a0, b0] = srgbToLab(SKIN)
    expect(l - l0).toBeCloseTo(srgbToLab([195, 145, 115])[0] - l0, 0)
    expect(a).toBeCloseTo(a0, 2)
    expect(b).toBeCloseTo(b0, 2)
  })

  it('is null with too little skin to read', () => {
    const { crop, labels } = skinCrop(SKIN, 3)
    expect(skinUnderDetail(SKIN, crop, labels, S)).toBeNull()
  })
})

describe('a photo without colour', () => {
  it('is told by its skin having no hue: grey is, real skin (even pale or very dark) is not', () => {
    for (const grey of [
      [30, 30, 30],
      [128, 128, 128],
      [230, 230, 230],
      [129, 128, 128],
    ] as const)
      expect(isColourless(grey)).toBe(true)
    for (const skin of [
      [232, 200, 185],
      [120, 80, 60],
      [60, 40, 32],
      [200, 190, 185],
    ] as const)
      expect(isColourless(skin)).toBe(false)
  })

  it("matches the tone by lightness alone, at the default undertone: a grey photo's lighter skin, a lighter tone", () => {
    for (const i of [1, 5, 9]) {
      const l = women[i]![2]![0]!
      const m = matchSkinLightness(labToSrgb([l, 0, 0]), WOMAN)
      expect(m.undertone).toBe(0.5)
      expect(m.tone).toBeCloseTo(table.tone[i]!, 1)
      expect(m.deltaE).toBeLessThan(0.5)
    }
    const light = matchSkinLightness([200, 200, 200], MAN)
    const dark = matchSkinLightness([70, 70, 70], MAN)
    expect(light.tone).toBeLessThan(dark.tone)
    // matchSkin on the same grey would take the least coloured undertone instead
    expect(matchSkin([128, 128, 128], MAN).undertone).toBeLessThan(0.5)
  })
})

describe('applySkin', () => {
  it("sets skin tone and undertone only, on the table's rig; other rigs pass unchanged", () => {
    const c = createCharacterV2()
    const out = applySkin(c, { tone: 0.8, undertone: 0.3, deltaE: 1 })
    expect(out.colors['skin.tone']).toBe(0.8)
    expect(out.colors['skin.undertone']).toBe(0.3)
    expect({ ...out.colors, 'skin.tone': 0, 'skin.undertone': 0 }).toEqual({
      ...c.colors,
      'skin.tone': 0,
      'skin.undertone': 0,
    })
    expect(c.colors['skin.tone']).not.toBe(0.8) // not mutated
    const v1 = createCharacter()
    expect(applySkin(v1, { tone: 0.8, undertone: 0.3, deltaE: 1 })).toBe(v1)
  })
})
