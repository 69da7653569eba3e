import { describe, expect, it } from 'vitest'
import { createImage, type RgbaImage } from '../image/types.ts'
import { srgbToLab } from '../image/lab.ts'
import type { Affine } from '../face/affine.ts'
import { LIPS_INNER, LIPS_OUTER } from '../face/parts.ts'
import { rigCodec } from './rigs.ts'
import {
  applyLipstick,
  LIPSTICK_MARGIN,
  LIPSTICK_REDDER,
  lipColour,
  lipContrast,
  matchLipstick,
  type LipsTable,
} from './lips.ts'
import TABLE from './lips-table.json' with { type: 'json' }

const S = 256
const SKIN = [200, 150, 120] as const
const RED = [170, 40, 50] as const
const TEETH = [240, 240, 235] as const
/** The crop is the image (aligned frame [0, 1] -> S px). */
const ALIGN: Affine = [S, 0, 0, 0, S, 0]

/** An ellipse of `n` points about (128, 180) with half-axes (rx, ry), from the right corner along the upper edge. */
const ellipse = (n: number, rx: number, ry: number) =>
  Array.from({ length: n }, (_, k) => {
    const t = Math.PI - (2 * Math.PI * k) / n
    return [128 + rx * Math.cos(t), 180 - ry * Math.sin(t)] as const
  })

/** A mesh whose lip contours are ellipses, and a crop of skin with red lips parted over white teeth. */
function mouth(outer: readonly [number, number], inner: readonly [number, number]) {
  const mesh = new Float32Array(468 * 3)
  const put = (ids: readonly number[], rx: number, ry: number) =>
    ellipse(ids.length, rx, ry).forEach(([x, y], k) => mesh.set([x, y, 0], ids[k]! * 3))
  put(LIPS_OUTER, ...outer)
  put(LIPS_INNER, ...inner)
  const crop: RgbaImage = createImage(S, S)
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++) {
      const e = (rx: number, ry: number) =>
        ((x + 0.5 - 128) / rx) ** 2 + ((y + 0.5 - 180) / ry) ** 2 < 1
      crop.data.set([...(e(...inner) ? TEETH : e(...outer) ? RED : SKIN), 255], (y * S + x) * 4)
    }
  return { mesh, crop }
}

describe('lipColour', () => {
  it('reads the vermilion between the contours, not the teeth of a smile', () => {
    const { mesh, crop } = mouth([40, 16], [30, 6])
    expect(lipColour(crop, mesh, ALIGN)).toEqual([...RED])
  })

  it('leaves out what lies outside the photo (black in the crop), and reads nothing where all of it does', () => {
    const { mesh, crop } = mouth([40, 16], [30, 6])
    // the photo ends at x = 120: the mouth's right half is outside it
    for (let y = 0; y < S; y++)
      for (let x = 120; x < S; x++) crop.data.set([0, 0, 0, 255], (y * S + x) * 4)
    expect(lipColour(crop, mesh, ALIGN)).toEqual([...RED])
    for (let y = 0; y < S; y++)
      for (let x = 0; x < S; x++) crop.data.set([0, 0, 0, 255], (y * S + x) * 4)
    expect(lipColour(crop, mesh, ALIGN)).toBeNull()
  })

  it('reads nothing from a mouth too small to show its lips', () => {
    const { mesh, crop } = mouth([4, 2], [3, 1])
    expect(lipColour(crop, mesh, ALIGN)).toBeNull()
    expect(lipColour(crop, mesh, [0, 0, 0, 0, 0, 0])).toBeNull() // a degenerate alignment
  })
})

describe('matchLipstick', () => {
  const table = TABLE as LipsTable
  it('finds each lipstick of the table at its skin tones; puts on those redder than bare lips', () => {
    const bare = table.options.indexOf('none')
    for (const [k, option] of table.options.entries())
      for (const [i, tone] of table.tone.entries()) {
        const m = matchLipstick(table.contrast[k]![i]!, tone)
        expect(m.nearest).toBe(option)
        const redder = table.contrast[k]![i]![1] - table.contrast[bare]![i]![1] >= LIPSTICK_REDDER
        expect(m.lipstick).toBe(redder && m.noneDeltaE >= LIPSTICK_MARGIN ? option : 'none')
      }
    // the bright lipsticks show on every skin tone
    for (const option of ['red', 'pink-gloss', 'coral'])
      for (const [i, tone] of table.tone.entries())
        expect(
          matchLipstick(table.contrast[table.options.indexOf(option)]![i]!, tone).lipstick
        ).toBe(option)
  })

  it('puts lipstick on only where it is LIPSTICK_MARGIN nearer than none, and LIPSTICK_REDDER redder', () => {
    const two: LipsTable = { rigVersion: 2, tone: [0, 1], options: ['none', 'red'], contrast: [[[0, 0, 0], [0, 0, 0]], [[0, 20, 0], [0, 40, 0]]] } // prettier-ignore
    // d(none) - d(red) = 2 * a* - 20 at tone 0: the margin is crossed at a* = 10 + LIPSTICK_MARGIN / 2
    const edge = 10 + LIPSTICK_MARGIN / 2
    expect(matchLipstick([0, edge - 0.01, 0], 0, two)).toMatchObject({
      nearest: 'red',
      lipstick: 'none',
    })
    expect(matchLipstick([0, edge + 0.01, 0], 0, two)).toMatchObject({
      nearest: 'red',
      lipstick: 'red',
    })
    // lips much darker than bare ones but hardly redder are natural, however near a dark lipstick
    const dark: LipsTable = { ...two, contrast: [two.contrast[0]!, [[-20, LIPSTICK_REDDER, 0], [-20, LIPSTICK_REDDER, 0]]] } // prettier-ignore
    expect(matchLipstick([-20, LIPSTICK_REDDER - 0.01, 0], 0, dark)).toMatchObject({ nearest: 'red', lipstick: 'none' }) // prettier-ignore
    expect(matchLipstick([-20, LIPSTICK_REDDER + 0.01, 0], 0, dark)).toMatchObject({ nearest: 'red', lipstick: 'red' }) // prettier-ignore
    // between measured tones the table is linear: at tone 0.5 red reads a* +30
    const half = matchLipstick([0, 30, 0], 0.5, two)
    expect(half.deltaE).toBeCloseTo(0, 9)
    expect(half.noneDeltaE).toBeCloseTo(30, 9)
    // beyond the measured tones it holds the ends
    expect(matchLipstick([0, 40, 0], 2, two).deltaE).toBeCloseTo(0, 9)
  })

  it('measures the contrast in CIELAB, lips minus skin', () => {
    const c = lipContrast(RED, SKIN)
    const [l, s] = [srgbToLab(RED), srgbToLab(SKIN)]
    expect(c).toEqual([l[0] - s[0], l[1] - s[1], l[2] - s[2]])
    expect(c[1]).toBeGreaterThan(20) // red lips are far redder than the skin
  })
})

describe('applyLipstick', () => {
  const rig = rigCodec(2)
  const base = rig.fromVector(
    new Float32Array(rig.length).fill(0.5),
    Int32Array.from(rig.styleSizes, () => 0)
  )
  const red = matchLipstick(TABLE.contrast[TABLE.options.indexOf('red')]![1]! as [number, number, number], TABLE.tone[1]!) // prettier-ignore
  it("puts the read's lipstick on a woman, and leaves a man and other rigs as they are", () => {
    const woman = { ...base, sliders: { ...base.sliders, 'who.gender': 0.1 } }
    expect(applyLipstick(woman, red).styles['makeup.lipstick']).toBe('red')
    expect(woman.styles['makeup.lipstick']).toBe('none') // the input is not changed
    const painted = { ...woman, styles: { ...woman.styles, 'makeup.lipstick': 'coral' } }
    // the read decides both ways: bare lips in the photo take the translator's lipstick off
    const bare = matchLipstick(TABLE.contrast[0]![1]! as [number, number, number], TABLE.tone[1]!)
    expect(applyLipstick(painted, bare).styles['makeup.lipstick']).toBe('none')
    const man = { ...base, sliders: { ...base.sliders, 'who.gender': 0.9 } }
    expect(applyLipstick(man, red)).toBe(man)
    expect(applyLipstick(woman, null)).toBe(woman)
    const v1 = { ...woman, rig: 1 as const }
    expect(applyLipstick(v1, red)).toBe(v1)
  })
})
