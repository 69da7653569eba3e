/** @file Skin matching against the engine's skin table: exact at grid points, between them, and outside the gamut. */
import { describe, expect, it } from 'vitest'
import { createCharacter } from '../rig/index.ts'
import { createCharacterV2 } from '../rig/v2/index.ts'
import { applySkin, isColourless, matchSkin, matchSkinLightness, type SkinTable } from './skin.ts'
import TABLE from './skin-table.json' with { type: 'json' }

const table = TABLE as SkinTable

/** sRGB 0..255 of a CIELAB colour (D65), the inverse of image/lab's srgbToLab. */
function labToSrgb([l, a, b]: readonly number[]): [number, number, number] {
  const fy = (l! + 16) / 116
  const fx = fy + a! / 500
  const fz = fy - b! / 200
  const inv = (t: number) => (t ** 3 > 216 / 24389 ? t ** 3 : (t - 16 / 116) / (24389 / 27 / 116))
  const [x, y, z] = [inv(fx) * 0.95047, inv(fy), inv(fz) * 1.08883]
  const lin = [
    3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
    -0.969266 * x + 1.8760108 * y + 0.041556 * z,
    0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
  ]
  return lin.map((v) => 255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055)) as [number, number, number]
} // prettier-ignore

describe('matchSkin', () => {
  it("the table is the engine v2 rig's, over the whole tone range, darker as tone grows", () => {
    expect(table.rigVersion).toBe(2)
    expect(table.tone[0]).toBe(0)
    expect(table.tone.at(-1)).toBe(1)
    for (let i = 1; i < table.tone.length; i++)
      expect(table.lab[i]![2]![0]).toBeLessThan(table.lab[i - 1]![2]![0])
  })

  it('finds the grid point whose rendered colour a photo shows', () => {
    for (const [i, j] of [
      [0, 0],
      [3, 2],
      [7, 4],
      [10, 1],
    ] as const) {
      const m = matchSkin(labToSrgb(table.lab[i]![j]!))
      expect(m.deltaE).toBeLessThan(0.5)
      expect(m.tone).toBeCloseTo(table.tone[i]!, 1)
      expect(m.undertone).toBeCloseTo(table.undertone[j]!, 1)
    }
  })

  it('lands between grid points for a colour between them', () => {
    const mid = table.lab[4]![2]!.map((v, c) => (v + table.lab[5]![2]![c]!) / 2)
    const m = matchSkin(labToSrgb(mid))
    expect(m.tone).toBeGreaterThan(0.42)
    expect(m.tone).toBeLessThan(0.48)
    expect(m.deltaE).toBeLessThan(0.5)
  })

  it('gives the nearest skin for colours no skin has (a grey photo), saying how far it stays', () => {
    const m = matchSkin([128, 128, 128])
    expect(m.deltaE).toBeGreaterThan(5)
    expect(m.tone).toBeGreaterThanOrEqual(0)
    expect(m.tone).toBeLessThanOrEqual(1)
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
      const l = table.lab[i]![2]![0]!
      const m = matchSkinLightness(labToSrgb([l, 0, 0]))
      expect(m.undertone).toBe(0.5)
      expect(m.tone).toBeCloseTo(table.tone[i]!, 1)
      expect(m.deltaE).toBeLessThan(0.5)
    }
    const light = matchSkinLightness([200, 200, 200])
    const dark = matchSkinLightness([70, 70, 70])
    expect(light.tone).toBeLessThan(dark.tone)
    // matchSkin on the same grey would take the least coloured undertone instead
    expect(matchSkin([128, 128, 128]).undertone).toBeLessThan(0.5)
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
